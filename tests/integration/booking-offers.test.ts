/**
 * BookingRepository.offerHold: a freed slot offered to a waiting person claims their entry and places the hold, or
 * undoes exactly its own attempt: 'lost' when the entry no longer waits, 'taken' when the slot has a live booking
 * (the entry waits on, and the caller's transaction carries on). On both databases: on PostgreSQL a refused insert
 * would otherwise abort the whole transaction.
 */
import { BookingRepository, newBookingRow, type BookingRow, type WaitlistRow } from '../../cloud/db/repositories/bookings'
import { DATABASES, startTestServer, type TestServer } from '../support/backend'

describe.each(DATABASES)('offering a freed slot on %s', (kind) => {
  let server: TestServer
  beforeAll(async () => {
    server = await startTestServer(kind)
  })
  afterAll(async () => server.close())

  const at = '2026-11-20T02:00:00.000Z'
  const start = '2026-12-01T01:00:00.000Z'

  async function fixtures() {
    const { db } = server.backend.services
    const provider = await db.selectFrom('providers').selectAll().where('service', '=', 'counselling').orderBy('id').executeTakeFirstOrThrow()
    const person = await db.selectFrom('users').select('id').where('demo_account', '=', 'resident-chen').executeTakeFirstOrThrow()
    const entry = (id: string): WaitlistRow => ({
      id,
      service: 'counselling',
      provider_id: provider.id,
      person_id: person.id,
      date: '2026-12-01',
      pseudonym: null,
      mode: 'in_person',
      status: 'waiting',
      booking_id: null,
      offered_start: null,
      offer_expires_at: null,
      created_at: at,
      updated_at: at
    })
    const booking = (id: string, status: string, waitlistId: string | null): BookingRow =>
      newBookingRow({
        id,
        service: 'counselling',
        provider_id: provider.id,
        station_id: provider.station_id,
        person_id: person.id,
        starts_at: start,
        ends_at: '2026-12-01T01:50:00.000Z',
        mode: 'in_person',
        status,
        hold_expires_at: status === 'held' ? '2026-11-21T02:00:00.000Z' : null,
        waitlist_id: waitlistId,
        created_at: at
      })
    return { db, entry, booking }
  }

  const claim = (bookingId: string): Partial<WaitlistRow> => ({ status: 'offered', booking_id: bookingId, offered_start: start, offer_expires_at: '2026-11-21T02:00:00.000Z', updated_at: at })

  test('offered, then lost for the same entry; taken when the slot has a live booking, and the transaction carries on', async () => {
    const { db, entry, booking } = await fixtures()
    const repo = new BookingRepository(db)
    await repo.insertWaitlist(entry(`w1-${kind}`))

    const outcomes = await db.transaction().execute(async (trx) => {
      const inTrx = new BookingRepository(trx)
      const first = await inTrx.offerHold(`w1-${kind}`, claim(`b1-${kind}`), booking(`b1-${kind}`, 'held', `w1-${kind}`))
      const again = await inTrx.offerHold(`w1-${kind}`, claim(`b2-${kind}`), booking(`b2-${kind}`, 'held', `w1-${kind}`))
      return [first, again]
    })
    expect(outcomes).toEqual(['offered', 'lost'])
    expect((await repo.booking(`b1-${kind}`))?.status).toBe('held')
    expect(await repo.booking(`b2-${kind}`)).toBeNull()
    expect((await repo.waitlistEntry(`w1-${kind}`))?.status).toBe('offered')

    // The slot is held now: a second person waiting cannot be offered it, and keeps waiting.
    await db.updateTable('waitlist').set({ date: '2026-12-02' }).where('id', '=', `w1-${kind}`).execute()
    await repo.insertWaitlist(entry(`w2-${kind}`))
    const taken = await db.transaction().execute(async (trx) => {
      const inTrx = new BookingRepository(trx)
      const outcome = await inTrx.offerHold(`w2-${kind}`, claim(`b3-${kind}`), booking(`b3-${kind}`, 'held', `w2-${kind}`))
      // The transaction is still usable after the refused insert.
      return { outcome, entry: await inTrx.waitlistEntry(`w2-${kind}`) }
    })
    expect(taken.outcome).toBe('taken')
    expect(taken.entry?.status).toBe('waiting')
    expect(await repo.booking(`b3-${kind}`)).toBeNull()
  })
})

/**
 * counselling: 粤心安 stations and bookings for residents, self-screening kept only with separate consent, the
 * counsellor's workbench, and the station staff's view of who comes when. Confidentiality is the rule throughout:
 * a booking is visible to its person, its counsellor and the staff of its township's station only, and notes and
 * screening results to fewer still (see domain/counselling/policy).
 */
import { counsellingInput, type Booking, type Session, type Station } from '../../../types/functions/counselling'
import { action, LONG_TEXT_BODY, type HandlerContext, type UserContext } from '../../core/context'
import { fail } from '../../core/errors'
import { firstResult, once, requestKey } from '../../core/idempotency'
import { auditReadsAs } from '../../core/audit'
import { BookingRepository, hoursOf, type BookingRow, type ProviderRow } from '../../db/repositories/bookings'
import { RegionRepository } from '../../db/repositories/regions'
import { ScreeningRepository } from '../../db/repositories/screenings'
import { StationRepository, type StationRow } from '../../db/repositories/stations'
import { canCancel, generateSlots, localDay } from '../../domain/booking/slots'
import { addDays, dayBounds, isRealDate, leaveDates, localDateTime, normaliseHours, withinHorizon } from '../../domain/booking/calendar'
import { score } from '../../../types/screening'
import { boxAround, nearestFirst } from '../../domain/counselling/geo'
import { canSeeStationBookings, isCounsellor, mayServeAt } from '../../domain/counselling/policy'
import { levelOf } from '../../domain/regions'
import type { Notification } from '../../ports/notifier'
import { checkPerson, checkSlot, expireLapsedOffers, freeSlots, insertOrTaken, notify, offerFreedSlot, pauseOf, titleOf, type Engine } from '../../application/booking/engine'
import { pushAfterCommit } from '../../application/outbox'
import { book, cancelBooking, ownBooking as ownBookingOf, ownSession, recordAttendance } from '../../application/booking/operations'
import * as view from './view'
import { openRow, sealRow, siteOf } from '../../db/sealed'

const SERVICE = 'counselling'
const engineOf = (ctx: HandlerContext): Engine => ({ service: SERVICE, rules: ctx.services.settings.counselling })
const DAY = 86_400_000

/** Lapsed waitlist offers pass on before anything that shows slots or offers is read. */
const sweep = (ctx: HandlerContext) => expireLapsedOffers(ctx.services, ctx.now, engineOf(ctx))

const instant = (value: string, field: string): Date => {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? fail('INVALID_VALUE', field, { field }) : d
}

async function stationsOut(ctx: HandlerContext, rows: (StationRow & { distance?: number | null })[]): Promise<Station[]> {
  const regions = new RegionRepository(ctx.services.db)
  const codes = rows.map((r) => r.region_code)
  const [paths, own] = await Promise.all([regions.paths(codes), regions.byCodes(codes)])
  return rows.map((r) => {
    const path = [...(paths.get(r.region_code) ?? []).filter((x) => x.level !== 'province').map((x) => x.name), own.get(r.region_code)?.name ?? '']
    return view.station(r, path, r.distance ?? null)
  })
}

/** The person's own counselling booking, or BOOKING_NOT_FOUND whether it exists or not: another person learns nothing. */
const ownBooking = (repo: BookingRepository, id: string, personId: string, postgres: boolean, field = 'id'): Promise<BookingRow> => ownBookingOf(repo, SERVICE, id, personId, postgres, field)

async function readBooking(ctx: UserContext, id: string): Promise<Booking> {
  const { db } = ctx.services
  const repo = new BookingRepository(db)
  const row = await ownBooking(repo, id, ctx.userId, false)
  const [stationRow, providers] = await Promise.all([new StationRepository(db).byId(row.station_id), repo.providersByIds([row.provider_id])])
  return view.booking(row, stationRow ?? undefined, providers.get(row.provider_id), ctx.now, ctx.services.settings.counselling, ctx.services.cipher)
}

/** The caller's own counsellor profile; FORBIDDEN for anyone who is not a counsellor. */
async function ownProvider(ctx: UserContext): Promise<ProviderRow | null> {
  const actor = ctx.actor
  if (!isCounsellor(actor.grants)) fail('FORBIDDEN')
  return new BookingRepository(ctx.services.db).providerOfUser(ctx.userId, SERVICE)
}

/** The pseudonym, or the person's display name when they gave none. */
async function clientNames(ctx: UserContext, rows: BookingRow[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.filter((r) => !r.pseudonym).map((r) => r.person_id))]
  const users = ids.length ? await ctx.services.db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids).execute() : []
  const names = new Map(users.map((u) => [u.id, u.display_name]))
  const { cipher } = ctx.services
  return new Map(rows.map((r) => [r.id, (r.pseudonym ? cipher.open(r.pseudonym, siteOf('bookings', 'pseudonym', r)) : names.get(r.person_id)) ?? '']))
}

/** The counsellor's sessions with who comes and the notes: each one read goes into the audit log, as `via`. */
async function sessionsOut(ctx: UserContext, provider: ProviderRow, rows: BookingRow[], via: string): Promise<Session[]> {
  const { db, cipher } = ctx.services
  await auditReadsAs(ctx, 'counsellor', via, rows.map((r) => ({ kind: 'booking', id: r.id, personId: r.person_id })))
  const [notes, shared, names] = await Promise.all([
    new BookingRepository(db).notesFor(
      provider.id,
      rows.map((r) => r.id)
    ),
    new ScreeningRepository(db).byIds(rows.flatMap((r) => r.shared_screening_id ?? [])),
    clientNames(ctx, rows)
  ])
  return rows.map((r) => view.session(r, names.get(r.id) ?? '', notes.get(r.id), r.shared_screening_id ? shared.get(r.shared_screening_id) : undefined, cipher))
}

async function readSession(ctx: UserContext, provider: ProviderRow, id: string, via: string): Promise<Session> {
  const row = (await new BookingRepository(ctx.services.db).booking(id))!
  return (await sessionsOut(ctx, provider, [row], via))[0]
}

/** [from 00:00, from + days 00:00) in Shanghai, defaulting to today. */
function range(ctx: HandlerContext, from: string | undefined, days: number): { start: string; end: string } {
  const first = from ?? localDay(ctx.now).date
  if (!isRealDate(first)) fail('INVALID_VALUE', 'from', { field: 'from' })
  return { start: dayBounds(first).start.toISOString(), end: dayBounds(addDays(first, days - 1)).end.toISOString() }
}

export const counselling = {
  stations: action({
    input: counsellingInput.stations,
    access: 'public',
    async run({ regionCode, q, near, limit }, ctx) {
      const repo = new StationRepository(ctx.services.db)
      const size = limit ?? 20
      if (regionCode && !(await new RegionRepository(ctx.services.db).get(regionCode))) fail('REGION_NOT_FOUND', 'regionCode')
      if (!near) return stationsOut(ctx, await repo.find({ regionCode, q, limit: size }))
      // Widen a box around the point until the size-th nearest lies inside the circle the box contains.
      for (const metres of [15_000, 60_000, 250_000, null]) {
        const rows = await repo.find({ regionCode, q, box: metres ? boxAround(near, metres) : undefined, limit: 20_000 })
        const ranked = nearestFirst(
          rows.map((r) => ({ ...r, location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null })),
          near
        ).slice(0, size)
        if (metres === null || (ranked.length === size && (ranked[size - 1].distance ?? Infinity) <= metres)) return stationsOut(ctx, ranked)
      }
      return []
    }
  }),

  station: action({
    input: counsellingInput.station,
    access: 'public',
    async run({ id }, ctx) {
      const row = (await new StationRepository(ctx.services.db).byId(id)) ?? fail('STATION_NOT_FOUND', 'id')
      const [out] = await stationsOut(ctx, [row])
      const providers = await new BookingRepository(ctx.services.db).providersAt(id, SERVICE)
      return { ...out, counsellors: providers.map(view.counsellor) }
    }
  }),

  slots: action({
    input: counsellingInput.slots,
    access: 'public',
    async run({ stationId, counsellorId }, ctx) {
      const { db } = ctx.services
      if (!(await new StationRepository(db).byId(stationId))) fail('STATION_NOT_FOUND', 'stationId')
      await sweep(ctx)
      let providers = await new BookingRepository(db).providersAt(stationId, SERVICE)
      if (counsellorId) {
        providers = providers.filter((p) => p.id === counsellorId)
        if (!providers.length) fail('COUNSELLOR_NOT_FOUND', 'counsellorId')
      }
      return (await freeSlots(db, providers, ctx.now, ctx.services.settings.counselling)).map(view.freeSlot)
    }
  }),

  book: action({
    input: counsellingInput.book,
    access: 'user',
    async run(input, ctx) {
      const provider = (await new BookingRepository(ctx.services.db).provider(input.counsellorId, SERVICE)) ?? fail('COUNSELLOR_NOT_FOUND', 'counsellorId')
      if (!(JSON.parse(provider.modes) as string[]).includes(input.mode)) fail('MODE_NOT_OFFERED', 'mode')
      const start = instant(input.start, 'start')
      const booked = await book(ctx, engineOf(ctx), { provider, start, mode: input.mode, pseudonym: input.pseudonym?.normalize('NFC') ?? null, priority: input.priority === true })
      // A new booking is answered from what was just written; a replay reads the booking as it is now.
      if (booked.row) return view.booking(booked.row, booked.station ?? undefined, provider, ctx.now, ctx.services.settings.counselling, ctx.services.cipher)
      return readBooking(ctx, booked.id)
    }
  }),

  cancel: action({
    input: counsellingInput.cancel,
    access: 'user',
    async run({ id, reason }, ctx) {
      await cancelBooking(ctx, engineOf(ctx), id, reason)
      return readBooking(ctx, id)
    }
  }),

  reschedule: action({
    input: counsellingInput.reschedule,
    access: 'user',
    async run(input, ctx) {
      const { db, dbKind, settings, newId } = ctx.services
      const engine = engineOf(ctx)
      const start = instant(input.start, 'start')
      await sweep(ctx)
      const sent: Notification[] = []
      // Cancel and book in one transaction: if the new slot is taken, the old booking stands untouched.
      const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'reschedule'), ctx.now, async (trx) => {
        const repo = new BookingRepository(trx)
        const old = await ownBooking(repo, input.id, ctx.userId, dbKind === 'postgres')
        if (old.status === 'cancelled') fail('BOOKING_CANCELLED', 'id')
        if (old.status !== 'booked' || !canCancel(new Date(old.starts_at), ctx.now, settings.counselling)) fail('CANCEL_WINDOW_CLOSED', 'id', { hours: String(settings.counselling.cancelHours) })
        const provider = (await repo.provider(old.provider_id, SERVICE)) ?? fail('COUNSELLOR_NOT_FOUND', 'id')
        await checkSlot(trx, provider, start, ctx.now, engine.rules)
        const now = ctx.now.toISOString()
        if (!(await repo.updateBooking(old.id, ['booked'], { status: 'cancelled', cancelled_at: now, cancelled_by: 'person', updated_at: now }))) fail('CONFLICT')
        await checkPerson(trx, ctx.userId, engine, ctx.now)
        // The new booking carries the old one's pseudonym: opened from the old row, sealed again for the new one.
        const row: BookingRow = sealRow(ctx.services.cipher, 'bookings', {
          ...openRow(ctx.services.cipher, 'bookings', old),
          id: newId(),
          starts_at: start.toISOString(),
          ends_at: new Date(start.getTime() + engine.rules.slotMinutes * 60_000).toISOString(),
          status: 'booked',
          hold_expires_at: null,
          waitlist_id: null,
          reminded_at: null,
          attendance_at: null,
          created_at: now,
          updated_at: now
        })
        await insertOrTaken(trx, row)
        await notify(trx, ctx, sent, [provider.user_id], 'booking.rescheduled', { title: await titleOf(trx, row.station_id, row.starts_at), start: row.starts_at, from: old.starts_at })
        if (old.starts_at !== row.starts_at) await offerFreedSlot(trx, ctx, sent, engine, provider, old.starts_at)
        return row.id
      })
      pushAfterCommit(ctx.services, sent)
      return readBooking(ctx, ref)
    }
  }),

  myBookings: action({
    input: counsellingInput.myBookings,
    access: 'user',
    async run(_input, ctx) {
      const { db, settings } = ctx.services
      await sweep(ctx)
      const repo = new BookingRepository(db)
      const [rows, entries, paused] = await Promise.all([
        repo.ofPerson(ctx.userId, SERVICE, 50),
        repo.waitlistOf(ctx.userId, new Date(ctx.now.getTime() - 30 * DAY).toISOString()),
        pauseOf(db, ctx.userId, engineOf(ctx), ctx.now)
      ])
      const [stations, providers] = await Promise.all([
        new StationRepository(db).byIds(rows.map((r) => r.station_id)),
        repo.providersByIds([...rows.map((r) => r.provider_id), ...entries.map((e) => e.provider_id)])
      ])
      return {
        bookings: rows.map((r) => view.booking(r, stations.get(r.station_id), providers.get(r.provider_id), ctx.now, settings.counselling, ctx.services.cipher)),
        waitlist: entries.map((e) => view.waitlistEntry(e, providers.get(e.provider_id), ctx.now)),
        pausedUntil: paused?.toISOString() ?? null
      }
    }
  }),

  joinWaitlist: action({
    input: counsellingInput.joinWaitlist,
    access: 'user',
    async run(input, ctx) {
      const { db, newId, settings } = ctx.services
      const engine = engineOf(ctx)
      const repo = new BookingRepository(db)
      const provider = (await repo.provider(input.counsellorId, SERVICE)) ?? fail('COUNSELLOR_NOT_FOUND', 'counsellorId')
      const modes = JSON.parse(provider.modes) as string[]
      if (input.mode && !modes.includes(input.mode)) fail('MODE_NOT_OFFERED', 'mode')
      if (!isRealDate(input.date) || !withinHorizon(input.date, ctx.now, settings.counselling)) fail('DAY_NOT_OFFERED', 'date')
      const scheduled = hoursOf(provider).some((h) => h.weekday === localDay(dayBounds(input.date).start).weekday)
      const leave = (await repo.leave([provider.id], input.date, input.date)).get(provider.id)?.size
      if (!scheduled || leave) fail('DAY_NOT_OFFERED', 'date')
      await sweep(ctx)
      // The waitlist is for a full day: while a slot that day is free, the person books it instead.
      const free = await freeSlots(db, [provider], ctx.now, settings.counselling)
      if (free.some((s) => localDay(s.start).date === input.date)) fail('SLOTS_AVAILABLE', 'date')
      if (!generateSlots(hoursOf(provider), ctx.now, settings.counselling).some((s) => localDay(s.start).date === input.date)) fail('DAY_NOT_OFFERED', 'date')
      const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'joinWaitlist'), ctx.now, async (trx) => {
        const until = await pauseOf(trx, ctx.userId, engine, ctx.now)
        if (until) fail('BOOKING_PAUSED', undefined, { until: localDateTime(until) })
        const waitlist = new BookingRepository(trx)
        const existing = await waitlist.liveWaitlistEntry(provider.id, input.date, ctx.userId)
        if (existing) return existing.id
        const now = ctx.now.toISOString()
        const id = newId()
        const inserted = await waitlist.insertWaitlist(sealRow(ctx.services.cipher, 'waitlist', {
          id,
          service: SERVICE,
          provider_id: provider.id,
          person_id: ctx.userId,
          date: input.date,
          pseudonym: input.pseudonym?.normalize('NFC') ?? null,
          mode: input.mode ?? modes[0],
          status: 'waiting',
          booking_id: null,
          offered_start: null,
          offer_expires_at: null,
          created_at: now,
          updated_at: now
        }))
        return inserted ? id : (await waitlist.liveWaitlistEntry(provider.id, input.date, ctx.userId))!.id
      })
      return view.waitlistEntry((await repo.waitlistEntry(ref))!, provider, ctx.now)
    }
  }),

  takeOffer: action({
    input: counsellingInput.takeOffer,
    access: 'user',
    async run({ id }, ctx) {
      const { db } = ctx.services
      const engine = engineOf(ctx)
      await sweep(ctx)
      const sent: Notification[] = []
      const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'takeOffer'), ctx.now, async (trx) => {
        const repo = new BookingRepository(trx)
        const entry = await repo.waitlistEntry(id)
        if (!entry || entry.person_id !== ctx.userId || !entry.booking_id) return fail('OFFER_NOT_FOUND', 'id')
        if (entry.status === 'taken') return entry.booking_id
        if (entry.status !== 'offered' || entry.offer_expires_at! <= ctx.now.toISOString()) fail('OFFER_EXPIRED', 'id')
        await checkPerson(trx, ctx.userId, engine, ctx.now)
        const now = ctx.now.toISOString()
        if (!(await repo.updateBooking(entry.booking_id, ['held'], { status: 'booked', hold_expires_at: null, created_at: now, updated_at: now }))) fail('OFFER_EXPIRED', 'id')
        await repo.updateWaitlist(entry.id, ['offered'], { status: 'taken', updated_at: now })
        const provider = (await repo.providersByIds([entry.provider_id])).get(entry.provider_id)!
        await notify(trx, ctx, sent, [provider.user_id], 'booking.new', { title: await titleOf(trx, provider.station_id, entry.offered_start!), start: entry.offered_start! })
        return entry.booking_id
      })
      pushAfterCommit(ctx.services, sent)
      return readBooking(ctx, ref)
    }
  }),

  saveScreening: action({
    input: counsellingInput.saveScreening,
    access: 'user',
    async run({ instrument, answers, consentVersion }, ctx) {
      const { db, cipher, newId } = ctx.services
      const result = score(instrument, answers)
      if (result === 'WRONG_ANSWER_COUNT') fail('WRONG_ANSWER_COUNT', 'answers', { count: String(instrument === 'phq9' ? 9 : 7) })
      if (result === 'ANSWER_OUT_OF_RANGE') fail('ANSWER_OUT_OF_RANGE', 'answers')
      const scored = result as Exclude<typeof result, string>
      const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'saveScreening'), ctx.now, async (trx) => {
        const id = newId()
        const data = { answers, total: scored.total, band: scored.band, crisis: scored.crisis, suggestCounselling: scored.suggestCounselling }
        await new ScreeningRepository(trx).insert(sealRow(cipher, 'screenings', { id, person_id: ctx.userId, instrument, data: JSON.stringify(data), consent_version: consentVersion, created_at: ctx.now.toISOString() }))
        return id
      })
      const row = (await new ScreeningRepository(db).ownedBy(ref, ctx.userId)) ?? fail('SCREENING_NOT_FOUND')
      return view.ownScreening(row, cipher)
    }
  }),

  myScreenings: action({
    input: counsellingInput.myScreenings,
    access: 'user',
    run: async (_input, ctx) => (await new ScreeningRepository(ctx.services.db).ofPerson(ctx.userId)).map((r) => view.ownScreening(r, ctx.services.cipher))
  }),

  withdrawScreeningConsent: action({
    input: counsellingInput.withdrawScreeningConsent,
    access: 'user',
    async run(_input, ctx) {
      const { db } = ctx.services
      const key = requestKey(ctx, ctx.userId, SERVICE, 'withdrawScreeningConsent')
      // Nothing kept and no earlier call to replay: nothing to do, and nothing is written (not even a request record).
      const replay = await firstResult(db, key)
      if (replay === null && !(await new ScreeningRepository(db).ofPerson(ctx.userId)).length) return { deleted: 0 }
      const { ref } = await once(db, key, ctx.now, async (trx) => String(await new ScreeningRepository(trx).deleteAllOf(ctx.userId)))
      return { deleted: Number(ref) }
    }
  }),

  shareScreening: action({
    input: counsellingInput.shareScreening,
    access: 'user',
    async run({ screeningId, bookingId }, ctx) {
      const { db, dbKind } = ctx.services
      await once(db, requestKey(ctx, ctx.userId, SERVICE, 'shareScreening'), ctx.now, async (trx) => {
        if (!(await new ScreeningRepository(trx).ownedBy(screeningId, ctx.userId))) fail('SCREENING_NOT_FOUND', 'screeningId')
        const repo = new BookingRepository(trx)
        const row = await ownBooking(repo, bookingId, ctx.userId, dbKind === 'postgres', 'bookingId')
        if (row.status === 'cancelled') fail('BOOKING_CANCELLED', 'bookingId')
        await repo.updateBooking(row.id, [row.status], { shared_screening_id: screeningId, updated_at: ctx.now.toISOString() })
        return row.id
      })
      return { shared: true as const }
    }
  }),

  schedule: action({
    input: counsellingInput.schedule,
    access: 'user',
    async run({ from, days }, ctx) {
      const provider = await ownProvider(ctx)
      if (!provider) return []
      const { start, end } = range(ctx, from, days ?? 7)
      return sessionsOut(ctx, provider, await new BookingRepository(ctx.services.db).ofProvider(provider.id, start, end), 'counselling.schedule')
    }
  }),

  markAttendance: action({
    input: counsellingInput.markAttendance,
    access: 'user',
    async run({ id, attended }, ctx) {
      const provider = await ownProvider(ctx)
      await recordAttendance(ctx, engineOf(ctx), provider, id, attended)
      return readSession(ctx, provider!, id, 'counselling.markAttendance')
    }
  }),

  writeNote: action({
    input: counsellingInput.writeNote,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run({ id, notes, risk, referral }, ctx) {
      const { db, dbKind, cipher } = ctx.services
      const provider = await ownProvider(ctx)
      await once(db, requestKey(ctx, ctx.userId, SERVICE, 'writeNote'), ctx.now, async (trx) => {
        const repo = new BookingRepository(trx)
        const row = await ownSession(repo, provider, id, dbKind === 'postgres')
        if (row.status === 'cancelled') fail('BOOKING_CANCELLED', 'id')
        await repo.upsertNote(
          sealRow(cipher, 'session_notes', {
            booking_id: id,
            provider_id: provider!.id,
            notes: notes.normalize('NFC'),
            risk: risk ? 1 : 0,
            referral: referral ? referral.normalize('NFC') : null,
            updated_at: ctx.now.toISOString()
          })
        )
        return id
      })
      return readSession(ctx, provider!, id, 'counselling.writeNote')
    }
  }),

  setHours: action({
    input: counsellingInput.setHours,
    access: 'user',
    async run({ stationId, hours }, ctx) {
      const { db } = ctx.services
      const actor = ctx.actor
      if (!isCounsellor(actor.grants)) fail('FORBIDDEN')
      const normal = normaliseHours(hours)
      if (typeof normal === 'string') return fail('INVALID_VALUE', 'hours', { field: 'hours' })
      await once(db, requestKey(ctx, ctx.userId, SERVICE, 'setHours'), ctx.now, async (trx) => {
        const repo = new BookingRepository(trx)
        const now = ctx.now.toISOString()
        const existing = await repo.providerOfUser(ctx.userId, SERVICE)
        // A counsellor's first hours make their profile, at the station of their township unless they name one.
        const township = actor.grants.find((g) => g.role === 'counsellor' && g.regionCode && levelOf(g.regionCode) === 'township')?.regionCode
        const wanted = stationId ?? existing?.station_id ?? (township ? `st${township}` : null)
        if (!wanted) return fail('STATION_NOT_FOUND', 'stationId')
        const station = (await new StationRepository(trx).byId(wanted)) ?? fail('STATION_NOT_FOUND', 'stationId')
        if (!mayServeAt(actor.grants, station.region_code)) fail('FORBIDDEN', 'stationId')
        if (existing) {
          await repo.updateProvider(existing.id, { hours: JSON.stringify(normal), station_id: station.id, active: 1, updated_at: now })
          return existing.id
        }
        const user = (await trx.selectFrom('users').select('display_name').where('id', '=', ctx.userId).executeTakeFirst())!
        const id = ctx.services.newId()
        await repo.insertProviders([
          {
            id,
            service: SERVICE,
            user_id: ctx.userId,
            station_id: station.id,
            display_name: user.display_name,
            qualification: '',
            languages: JSON.stringify(['mandarin']),
            modes: JSON.stringify(['in_person']),
            hours: JSON.stringify(normal),
            active: 1,
            created_at: now,
            updated_at: now
          }
        ])
        return id
      })
      const provider = (await new BookingRepository(db).providerOfUser(ctx.userId, SERVICE))!
      return { hours: JSON.parse(provider.hours) as { weekday: number; start: string; end: string }[] }
    }
  }),

  addLeave: action({
    input: counsellingInput.addLeave,
    access: 'user',
    async run({ from, to, reason }, ctx) {
      const { db } = ctx.services
      const provider = (await ownProvider(ctx)) ?? fail('COUNSELLOR_NOT_FOUND')
      const dates = leaveDates(from, to, ctx.now)
      if (!Array.isArray(dates)) return fail('INVALID_VALUE', dates.field, { field: dates.field })
      const sent: Notification[] = []
      const { ref } = await once(db, requestKey(ctx, ctx.userId, SERVICE, 'addLeave'), ctx.now, async (trx) => {
        const repo = new BookingRepository(trx)
        const now = ctx.now.toISOString()
        await repo.addLeave(provider.id, dates, reason?.normalize('NFC') ?? null)
        const affected = await repo.liveOfProviderBetween(provider.id, dayBounds(from).start.toISOString(), dayBounds(to).end.toISOString(), now)
        let cancelled = 0
        for (const row of affected) {
          if (!(await repo.updateBooking(row.id, ['booked', 'held'], { status: 'cancelled', cancelled_at: now, cancelled_by: 'provider', updated_at: now }))) continue
          if (row.waitlist_id && row.status === 'held') await repo.updateWaitlist(row.waitlist_id, ['offered'], { status: 'expired', updated_at: now })
          if (row.status === 'booked') cancelled++
          // Each person is told, and the message offers to book again (the app links it to the station's free slots).
          await notify(trx, ctx, sent, [row.person_id], 'booking.cancelled_by_counsellor', {
            title: await titleOf(trx, row.station_id, row.starts_at),
            start: row.starts_at,
            stationId: row.station_id,
            counsellorId: row.provider_id
          })
        }
        await repo.expireWaiting(provider.id, dates, now)
        return String(cancelled)
      })
      pushAfterCommit(ctx.services, sent)
      return { cancelled: Number(ref) }
    }
  }),

  stationBookings: action({
    input: counsellingInput.stationBookings,
    access: 'user',
    async run({ stationId, from, days }, ctx) {
      const { db } = ctx.services
      const stationRow = (await new StationRepository(db).byId(stationId)) ?? fail('STATION_NOT_FOUND', 'stationId')
      const actor = ctx.actor
      if (!canSeeStationBookings(actor.grants, stationRow.township_code)) fail('FORBIDDEN')
      const { start, end } = range(ctx, from, days ?? 7)
      const repo = new BookingRepository(db)
      const rows = await repo.ofStation(stationId, SERVICE, start, end)
      const [providers, names] = await Promise.all([repo.providersByIds(rows.map((r) => r.provider_id)), clientNames(ctx, rows)])
      await auditReadsAs(ctx, 'centre_staff', 'counselling.stationBookings', rows.map((r) => ({ kind: 'booking', id: r.id, personId: r.person_id })), stationRow.township_code)
      return rows.map((r) => view.stationBooking(r, providers.get(r.provider_id), names.get(r.id) ?? ''))
    }
  })
}

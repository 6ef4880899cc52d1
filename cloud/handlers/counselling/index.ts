/**
 * counselling: 粤心安 stations and bookings for residents, self-screening kept only with separate consent, the
 * counsellor's workbench, and the station staff's view of who comes when. Confidentiality is the rule throughout:
 * a booking is visible to its person, its counsellor and the staff of its township's station only, and notes and
 * screening results to fewer still (see domain/counselling/policy). The flows live in cloud/application/counselling.
 */
import { counsellingInput } from '../../../types/functions/counselling'
import { action, LONG_TEXT_BODY, type HandlerContext } from '../../core/context'
import { fail } from '../../core/errors'
import { auditReadsAs } from '../../application/audit'
import { BookingRepository } from '../../db/repositories/bookings'
import { RegionRepository } from '../../db/repositories/regions'
import { ScreeningRepository } from '../../db/repositories/screenings'
import { StationRepository } from '../../db/repositories/stations'
import { addDays, dayBounds, isRealDate, leaveDates, normaliseHours } from '../../domain/booking/calendar'
import { localDay } from '../../domain/booking/slots'
import { score } from '../../../types/screening'
import { boxAround, nearestFirst } from '../../domain/counselling/geo'
import { nearestIndexed, STATION_WIDENING } from '../../application/nearest'
import { canSeeStationBookings, isCounsellor } from '../../domain/counselling/policy'
import { freeSlots } from '../../application/booking/engine'
import { book, cancelBooking, recordAttendance } from '../../application/booking/operations'
import { engineOf, joinWaitlist, reschedule, SERVICE, sweep, takeOffer } from '../../application/counselling/bookings'
import { addLeave, ownCounsellor, setHours, writeNote } from '../../application/counselling/counsellor'
import { saveScreening, shareScreening, withdrawScreeningConsent } from '../../application/counselling/screenings'
import { clientNames, myBookings, readBooking, readSession, sessionsOut, stationsOut } from './read'
import * as view from './view'
import { checkTexts } from '../../application/content'

export const instant = (value: string, field: string): Date => {
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? fail('INVALID_VALUE', field, { field }) : d
}

/** [from 00:00, from + days 00:00) in Shanghai, defaulting to today. */
export function range(ctx: HandlerContext, from: string | undefined, days: number): { start: string; end: string } {
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
      if (!regionCode && !q) {
        // Nearest of all: candidates from the spatial index, the exact distance for those alone, then the few read whole.
        const nearest = await nearestIndexed(near, size, (box) => repo.locatedIn(box), STATION_WIDENING)
        if (nearest.length === size) {
          const rows = await repo.byIds(nearest.map((n) => n.id))
          return stationsOut(ctx, nearest.flatMap((n) => { const row = rows.get(n.id); return row ? [{ ...row, distance: n.distance }] : [] }))
        }
        // Fewer located stations than asked for: all of them below, those without a location last.
      }
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
      await checkTexts(ctx, { pseudonym: input.pseudonym })
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
    async run({ id, start }, ctx) {
      return readBooking(ctx, await reschedule(ctx, id, instant(start, 'start')))
    }
  }),

  myBookings: action({
    input: counsellingInput.myBookings,
    access: 'user',
    async run(_input, ctx) {
      await sweep(ctx)
      return myBookings(ctx)
    }
  }),

  joinWaitlist: action({
    input: counsellingInput.joinWaitlist,
    access: 'user',
    async run(input, ctx) {
      await checkTexts(ctx, { pseudonym: input.pseudonym })
      const provider = (await new BookingRepository(ctx.services.db).provider(input.counsellorId, SERVICE)) ?? fail('COUNSELLOR_NOT_FOUND', 'counsellorId')
      const entry = await joinWaitlist(ctx, { provider, date: input.date, mode: input.mode, pseudonym: input.pseudonym?.normalize('NFC') ?? null })
      return view.waitlistEntry(entry, provider, ctx.now)
    }
  }),

  takeOffer: action({
    input: counsellingInput.takeOffer,
    access: 'user',
    run: async ({ id }, ctx) => readBooking(ctx, await takeOffer(ctx, id))
  }),

  saveScreening: action({
    input: counsellingInput.saveScreening,
    access: 'user',
    async run({ instrument, answers, consentVersion }, ctx) {
      const result = score(instrument, answers)
      if (result === 'WRONG_ANSWER_COUNT') fail('WRONG_ANSWER_COUNT', 'answers', { count: String(instrument === 'phq9' ? 9 : 7) })
      if (result === 'ANSWER_OUT_OF_RANGE') fail('ANSWER_OUT_OF_RANGE', 'answers')
      return view.ownScreening(await saveScreening(ctx, answers, result, consentVersion), ctx.services.cipher)
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
    run: async (_input, ctx) => ({ deleted: await withdrawScreeningConsent(ctx) })
  }),

  shareScreening: action({
    input: counsellingInput.shareScreening,
    access: 'user',
    async run({ screeningId, bookingId }, ctx) {
      await shareScreening(ctx, screeningId, bookingId)
      return { shared: true as const }
    }
  }),

  schedule: action({
    input: counsellingInput.schedule,
    access: 'user',
    async run({ from, days }, ctx) {
      const provider = await ownCounsellor(ctx)
      if (!provider) return []
      const { start, end } = range(ctx, from, days ?? 7)
      return sessionsOut(ctx, provider, await new BookingRepository(ctx.services.db).ofProvider(provider.id, start, end), 'counselling.schedule')
    }
  }),

  markAttendance: action({
    input: counsellingInput.markAttendance,
    access: 'user',
    async run({ id, attended }, ctx) {
      // A counsellor without a profile has no sessions: theirs to mark does not exist.
      const provider = (await ownCounsellor(ctx)) ?? fail('BOOKING_NOT_FOUND', 'id')
      await recordAttendance(ctx, engineOf(ctx), provider, id, attended)
      return readSession(ctx, provider, id, 'counselling.markAttendance')
    }
  }),

  writeNote: action({
    input: counsellingInput.writeNote,
    access: 'user',
    maxBody: LONG_TEXT_BODY,
    async run({ id, notes, risk, referral }, ctx) {
      const provider = (await ownCounsellor(ctx)) ?? fail('BOOKING_NOT_FOUND', 'id')
      await writeNote(ctx, provider, id, { notes, risk, referral })
      return readSession(ctx, provider, id, 'counselling.writeNote')
    }
  }),

  setHours: action({
    input: counsellingInput.setHours,
    access: 'user',
    async run({ stationId, hours }, ctx) {
      if (!isCounsellor(ctx.actor.grants)) fail('FORBIDDEN')
      const normal = normaliseHours(hours)
      if (typeof normal === 'string') return fail('INVALID_VALUE', 'hours', { field: 'hours' })
      const provider = await setHours(ctx, stationId, normal)
      return { hours: JSON.parse(provider.hours) as { weekday: number; start: string; end: string }[] }
    }
  }),

  addLeave: action({
    input: counsellingInput.addLeave,
    access: 'user',
    async run({ from, to, reason }, ctx) {
      const provider = (await ownCounsellor(ctx)) ?? fail('COUNSELLOR_NOT_FOUND')
      const dates = leaveDates(from, to, ctx.now)
      if (!Array.isArray(dates)) return fail('INVALID_VALUE', dates.field, { field: dates.field })
      return { cancelled: await addLeave(ctx, provider, { from, to, dates, reason }) }
    }
  }),

  stationBookings: action({
    input: counsellingInput.stationBookings,
    access: 'user',
    async run({ stationId, from, days }, ctx) {
      const { db } = ctx.services
      const stationRow = (await new StationRepository(db).byId(stationId)) ?? fail('STATION_NOT_FOUND', 'stationId')
      if (!canSeeStationBookings(ctx.actor.grants, stationRow.township_code)) fail('FORBIDDEN')
      const { start, end } = range(ctx, from, days ?? 7)
      const repo = new BookingRepository(db)
      const rows = await repo.ofStation(stationId, SERVICE, start, end)
      const [providers, names] = await Promise.all([repo.providersByIds(rows.map((r) => r.provider_id)), clientNames(ctx, rows)])
      await auditReadsAs(ctx, 'centre_staff', 'counselling.stationBookings', rows.map((r) => ({ kind: 'booking', id: r.id, personId: r.person_id })), stationRow.township_code)
      return rows.map((r) => view.stationBooking(r, providers.get(r.provider_id), names.get(r.id) ?? ''))
    }
  })
}

/**
 * CounsellingStore: the resident's side of 粤心安 — finding a station, its counsellors and free slots, booking
 * (with a request id kept for retries), the waitlist, and the person's own bookings and offers. Created lazily,
 * one per RootStore, so the main package carries none of it; it registers the counselling texts when it loads.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ActionInput, ApiError, Me } from '@minan/types/api'
import type { Booking, Counsellor, FreeSlot, Mode, Station, StationDetail, WaitlistEntry } from '@minan/types/functions/counselling'
import { newRequestId, type Api } from '../api/client'
import { toApiError } from '../api/errors'
import { Submission } from '../api/submission'
import { registerMessages } from '../i18n'
import catalogue from '../i18n/counselling'
import { useStore, type RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import { ScreeningStore } from './screening-store'
import { addDays, atShanghai, shanghaiDate, townshipOf, weekdayOf } from './format'

registerMessages(catalogue)

/** Free slots are offered this many days ahead (the server's horizon). */
export const HORIZON_DAYS = 14
/** A session's length: a day still offers a slot while one fits before its hours end. */
const SLOT_MINUTES = 50

export type SearchBy = 'region' | 'name' | 'near'
export type LocationState = 'idle' | 'asking' | 'denied' | 'outside'

export interface LatLng {
  lat: number
  lng: number
}

/** A message for the person: a catalogue key, or the server's own words (already in their language). */
export type Notice = { key: 'counselling.book.taken' } | { error: ApiError }

/** One day of the next two weeks on the station page: its free slots, and who is fully booked that day. */
export interface DayGroup {
  date: string
  slots: FreeSlot[]
  /** Counsellors who work that day with nothing left: the person may join their waitlist. */
  full: Counsellor[]
}

/** Where one booking-level action (cancel, take an offer) stands. */
export interface ActionState {
  sending: boolean
  error: ApiError | null
}

/** Guangdong's bounds as the server accepts them: a point outside is not sent. */
const inGuangdong = (p: LatLng) => p.lat >= 20 && p.lat <= 26 && p.lng >= 109 && p.lng <= 118

export class CounsellingStore {
  // ---- finding a station ----
  searchBy: SearchBy = 'region'
  /** The township whose stations are listed (by default the person's home village's). */
  area: { code: string; name: string } | null = null
  query = ''
  location: LatLng | null = null
  locationState: LocationState = 'idle'
  stations: Station[] = []
  stationsLoading = false
  stationsLoaded = false
  stationsError: ApiError | null = null

  // ---- one station ----
  station: StationDetail | null = null
  stationError: ApiError | null = null
  slots: FreeSlot[] = []
  slotsLoading = false
  /** null: any counsellor. */
  counsellorId: string | null = null
  selected: FreeSlot | null = null
  /** The day whose times the booking grid shows (null: the first with a free time). */
  day: string | null = null
  mode: Mode | null = null
  pseudonym = ''
  /** True once the person typed in the pseudonym box: a suggestion never overwrites what they chose (even nothing). */
  pseudonymEdited = false
  /** Booking from the crisis screen: the counsellor is asked to see the person first. */
  priority = false
  /** The booking being moved to another slot, when rescheduling. */
  moving: Booking | null = null
  sending = false
  notice: Notice | null = null
  /** The booking just made or moved. */
  done: Booking | null = null
  /** `${counsellorId}:${date}` → the waitlist entry joined from this page. */
  joined: Record<string, WaitlistEntry> = {}
  joining: string | null = null

  // ---- my bookings ----
  bookings: Booking[] = []
  waitlist: WaitlistEntry[] = []
  pausedUntil: string | null = null
  mineLoaded = false
  mineLoading = false
  mineError: ApiError | null = null
  actions: Record<string, ActionState> = {}

  readonly screening: ScreeningStore
  /** Kept while the same choice is retried, so that a retry is the same request; another choice is a new one. */
  private readonly submission = new Submission()
  private stationsGeneration = 0
  private slotsGeneration = 0

  constructor(
    private readonly api: Api,
    private readonly now: () => Date = () => new Date()
  ) {
    this.screening = new ScreeningStore(api)
    makeAutoObservable<CounsellingStore, 'api' | 'now' | 'submission' | 'stationsGeneration' | 'slotsGeneration'>(this, {
      api: false,
      now: false,
      screening: false,
      submission: false,
      stationsGeneration: false,
      slotsGeneration: false
    })
  }

  // ---- finding a station ----

  /**
   * Switches how stations are found. The list always shows what the page says it shows: back to 按地区 lists the
   * area's stations again, 按名称 the last name searched; until then (and while locating) the list is empty.
   */
  setSearchBy(by: SearchBy): Promise<void> {
    this.searchBy = by
    if (by === 'region' && this.area) return this.loadStations({ regionCode: this.area.code })
    if (by === 'name' && this.query.trim()) return this.searchByName()
    this.clearStations()
    return Promise.resolve()
  }

  /** No list, and an answer still on its way for the previous one is dropped. */
  private clearStations(): void {
    this.stationsGeneration++
    this.stations = []
    this.stationsLoaded = false
    this.stationsLoading = false
    this.stationsError = null
  }

  setQuery(q: string): void {
    this.query = q
  }

  /** The home village's township, when the person has one and no area was chosen yet. */
  showHomeArea(me: Me | null): Promise<void> {
    const code = townshipOf(me?.homeRegion?.code)
    if (this.area || !code || !me?.homeRegion) return Promise.resolve()
    // pathNames: city, county, township, village.
    return this.chooseArea(code, me.homeRegion.pathNames[2] ?? me.homeRegion.name)
  }

  chooseArea(code: string, name: string): Promise<void> {
    this.area = { code, name }
    this.searchBy = 'region'
    return this.loadStations({ regionCode: code })
  }

  searchByName(): Promise<void> {
    const q = this.query.trim()
    if (!q) return Promise.resolve()
    return this.loadStations({ q: q.slice(0, 30) })
  }

  /** Nearest first from where the person is; null means they did not allow their location (or it failed). */
  findNear(point: LatLng | null): Promise<void> {
    this.searchBy = 'near'
    if (!point) {
      this.locationState = 'denied'
      this.clearStations()
      return Promise.resolve()
    }
    if (!inGuangdong(point)) {
      this.locationState = 'outside'
      this.clearStations()
      return Promise.resolve()
    }
    this.location = point
    this.locationState = 'idle'
    return this.loadStations({ near: point, limit: 10 })
  }

  setLocationState(state: LocationState): void {
    this.locationState = state
  }

  private async loadStations(input: ActionInput<'counselling', 'stations'>): Promise<void> {
    const generation = ++this.stationsGeneration
    this.stationsLoading = true
    this.stationsError = null
    try {
      const list = await this.api.call('counselling', 'stations', input)
      if (generation !== this.stationsGeneration) return
      runInAction(() => {
        this.stations = list
        this.stationsLoaded = true
      })
    } catch (e) {
      if (generation === this.stationsGeneration) runInAction(() => (this.stationsError = toApiError(e)))
    } finally {
      if (generation === this.stationsGeneration) runInAction(() => (this.stationsLoading = false))
    }
  }

  /** The station to offer a priority booking at: nearest to the person if allowed, else their home township's. */
  async nearestStation(point: LatLng | null, me: Me | null): Promise<Station | null> {
    const township = townshipOf(me?.homeRegion?.code)
    const input = point && inGuangdong(point) ? { near: point, limit: 10 } : township ? { regionCode: township } : null
    if (!input) return null
    try {
      const list = await this.api.call('counselling', 'stations', input)
      // Village rooms have no counsellors of their own: the township's station does.
      return list.find((s) => s.kind === 'station') ?? null
    } catch {
      return null
    }
  }

  // ---- one station ----

  /**
   * Opens a station. Coming back to the same one (after signing in) keeps the slot already chosen; `counsellorId`
   * fixes the counsellor (rescheduling keeps the counsellor), `moving` is the booking being rescheduled.
   */
  async openStation(id: string, options: { priority?: boolean; counsellorId?: string; moving?: string } = {}): Promise<void> {
    const same = this.station?.id === id
    if (!same) {
      this.station = null
      this.slots = []
      this.selected = null
      this.counsellorId = null
      this.joined = {}
    }
    this.priority = options.priority ?? false
    this.moving = options.moving ? (this.bookings.find((b) => b.id === options.moving) ?? null) : null
    if (options.moving && !this.moving) await this.loadMine()
    runInAction(() => {
      if (options.moving) this.moving = this.bookings.find((b) => b.id === options.moving) ?? null
      if (options.counsellorId) this.counsellorId = options.counsellorId
      this.notice = null
      this.done = null
      this.stationError = null
    })
    try {
      const detail = await this.api.call('counselling', 'station', { id })
      runInAction(() => (this.station = detail))
    } catch (e) {
      runInAction(() => (this.stationError = toApiError(e)))
      return
    }
    await this.loadSlots()
  }

  async loadSlots(): Promise<void> {
    const station = this.station
    if (!station) return
    const generation = ++this.slotsGeneration
    this.slotsLoading = true
    try {
      const slots = await this.api.call('counselling', 'slots', { stationId: station.id })
      if (generation !== this.slotsGeneration) return
      runInAction(() => (this.slots = slots))
    } catch (e) {
      if (generation === this.slotsGeneration) runInAction(() => (this.notice = { error: toApiError(e) }))
    } finally {
      if (generation === this.slotsGeneration) runInAction(() => (this.slotsLoading = false))
    }
  }

  /** Rescheduling stays with the booking's counsellor; otherwise any counsellor (null) or one. */
  get counsellorFixed(): boolean {
    return this.moving !== null
  }

  chooseDay(date: string): void {
    this.day = date
  }

  chooseCounsellor(id: string | null): void {
    if (this.counsellorFixed) return
    this.counsellorId = id
    this.selected = null
  }

  counsellorOf(id: string): Counsellor | null {
    return this.station?.counsellors.find((c) => c.id === id) ?? null
  }

  /**
   * The next two weeks, day by day (Shanghai dates): each day's free slots for the chosen counsellor (or any),
   * and the counsellors who work that day but have nothing free. Days nobody works are left out.
   */
  get days(): DayGroup[] {
    const station = this.station
    if (!station) return []
    const now = this.now()
    const today = shanghaiDate(now)
    const counsellors = station.counsellors.filter((c) => this.counsellorId === null || c.id === this.counsellorId)
    const wanted = new Set(counsellors.map((c) => c.id))
    const groups: DayGroup[] = []
    for (let d = 0; d < HORIZON_DAYS; d++) {
      const date = addDays(today, d)
      const weekday = weekdayOf(date)
      // Working that day, with a slot that could still start (today's may all have begun).
      const working = counsellors.filter((c) => c.hours.some((h) => h.weekday === weekday && atShanghai(date, h.end).getTime() - SLOT_MINUTES * 60_000 > now.getTime()))
      const slots = this.slots.filter((s) => wanted.has(s.counsellorId) && shanghaiDate(s.start) === date)
      const full = slots.length ? [] : working.filter((c) => !slots.some((s) => s.counsellorId === c.id))
      if (slots.length || full.length) groups.push({ date, slots, full })
    }
    return groups
  }

  pick(slot: FreeSlot): void {
    this.selected = slot
    const modes = this.counsellorOf(slot.counsellorId)?.modes ?? []
    if (!this.mode || !modes.includes(this.mode)) this.mode = modes[0] ?? 'in_person'
    this.notice = null
    this.submission.done()
  }

  unpick(): void {
    this.selected = null
    this.submission.done()
  }

  setMode(mode: Mode): void {
    this.mode = mode
    this.submission.done()
  }

  setPseudonym(text: string): void {
    this.pseudonym = text
    this.pseudonymEdited = true
    this.submission.done()
  }

  /**
   * Without a pseudonym the station's staff see the person's real name: the booking form starts with one filled in,
   * picked from the catalogue's everyday names, until the person types their own or clears it.
   */
  suggestPseudonym(names: readonly string[]): void {
    if (this.pseudonymEdited || this.pseudonym || names.length === 0) return
    this.pseudonym = names[Math.floor(Math.random() * names.length)]
  }

  /**
   * Books (or moves) the chosen slot. A failed attempt keeps its request id, so pressing again is a retry of the
   * same request; SLOT_TAKEN drops the choice, says so and refreshes the slots.
   */
  async book(): Promise<boolean> {
    const slot = this.selected
    if (!slot || this.sending) return false
    this.sending = true
    this.notice = null
    try {
      const pseudonym = this.pseudonym.trim()
      const moving = this.moving
      const booking = moving
        ? await this.api.call('counselling', 'reschedule', { id: moving.id, start: slot.start }, { requestId: this.submission.idFor('reschedule', { id: moving.id, start: slot.start }) })
        : await (() => {
            const input = { counsellorId: slot.counsellorId, start: slot.start, mode: this.mode ?? 'in_person', ...(pseudonym ? { pseudonym } : {}), ...(this.priority ? { priority: true } : {}) }
            return this.api.call('counselling', 'book', input, { requestId: this.submission.idFor('book', input) })
          })()
      runInAction(() => {
        this.done = booking
        this.selected = null
        this.submission.done()
        this.mineLoaded = false
      })
      void this.loadSlots()
      return true
    } catch (e) {
      const error = toApiError(e)
      runInAction(() => {
        if (error.code === 'SLOT_TAKEN') {
          this.notice = { key: 'counselling.book.taken' }
          this.selected = null
          this.submission.done()
        } else this.notice = { error }
      })
      if (error.code === 'SLOT_TAKEN') await this.loadSlots()
      return false
    } finally {
      runInAction(() => (this.sending = false))
    }
  }

  /** Joins the waitlist of a counsellor's full day; the person is told when a slot frees up. */
  async joinWaitlist(counsellorId: string, date: string): Promise<boolean> {
    const key = `${counsellorId}:${date}`
    if (this.joining) return false
    this.joining = key
    this.notice = null
    try {
      const pseudonym = this.pseudonym.trim()
      const entry = await this.api.call('counselling', 'joinWaitlist', { counsellorId, date, ...(pseudonym ? { pseudonym } : {}) }, { requestId: newRequestId() })
      runInAction(() => {
        this.joined[key] = entry
        this.mineLoaded = false
      })
      return true
    } catch (e) {
      runInAction(() => (this.notice = { error: toApiError(e) }))
      return false
    } finally {
      runInAction(() => (this.joining = null))
    }
  }

  // ---- my bookings ----

  async loadMine(): Promise<void> {
    this.mineLoading = true
    this.mineError = null
    try {
      const mine = await this.api.call('counselling', 'myBookings', {})
      runInAction(() => {
        this.bookings = mine.bookings
        this.waitlist = mine.waitlist
        this.pausedUntil = mine.pausedUntil
        this.mineLoaded = true
      })
    } catch (e) {
      runInAction(() => (this.mineError = toApiError(e)))
    } finally {
      runInAction(() => (this.mineLoading = false))
    }
  }

  /** Booked and not yet over, soonest first. */
  get upcoming(): Booking[] {
    const now = this.now().getTime()
    return this.bookings.filter((b) => b.status === 'booked' && Date.parse(b.end) > now).sort((a, b) => a.start.localeCompare(b.start))
  }

  /** Everything else: attended, missed, cancelled, or over; latest first. */
  get past(): Booking[] {
    const upcoming = new Set(this.upcoming.map((b) => b.id))
    return this.bookings.filter((b) => !upcoming.has(b.id)).sort((a, b) => b.start.localeCompare(a.start))
  }

  /** Freed slots held for the person right now. */
  get offers(): WaitlistEntry[] {
    const now = this.now().toISOString()
    return this.waitlist.filter((w) => w.status === 'offered' && w.offeredStart && (w.offerExpiresAt ?? '') > now)
  }

  get waiting(): WaitlistEntry[] {
    return this.waitlist.filter((w) => w.status === 'waiting')
  }

  actionOf(id: string): ActionState {
    return this.actions[id] ?? { sending: false, error: null }
  }

  /** Cancels a booking (the page asks first, and offers it only while `canCancel`); the list then shows the server's answer. */
  cancel(id: string, reason?: string): Promise<boolean> {
    return this.act(id, () => this.api.call('counselling', 'cancel', { id, ...(reason?.trim() ? { reason: reason.trim() } : {}) }, { requestId: newRequestId() }))
  }

  /** Takes a freed slot held for the person from the waitlist. */
  takeOffer(id: string): Promise<boolean> {
    return this.act(id, () => this.api.call('counselling', 'takeOffer', { id }, { requestId: newRequestId() }))
  }

  private async act(id: string, call: () => Promise<unknown>): Promise<boolean> {
    if (this.actionOf(id).sending) return false
    this.actions[id] = { sending: true, error: null }
    try {
      await call()
      runInAction(() => (this.actions[id] = { sending: false, error: null }))
      await this.loadMine()
      void this.loadSlots()
      return true
    } catch (e) {
      runInAction(() => (this.actions[id] = { sending: false, error: toApiError(e) }))
      // The booking may have changed meanwhile (e.g. the cancellation window closed): show what is true now.
      await this.loadMine()
      return false
    }
  }
}

/** The one CounsellingStore of this RootStore, made on first use. */
export function counsellingOf(root: RootStore, now?: () => Date): CounsellingStore {
  return feature(root, 'counselling', () => new CounsellingStore(root.api, now))
}

export function useCounselling(): CounsellingStore {
  return useStore(counsellingOf)
}

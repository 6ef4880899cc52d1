/**
 * SessionsStore: the counsellor's workbench — today's or the week's sessions, attendance, private notes with risk
 * and referral, the weekly hours and leave. Created lazily, one per RootStore; it registers the counselling texts.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError, Me } from '@minan/types/api'
import type { Session, WeeklyHours } from '@minan/types/functions/counselling'
import { addDays, shanghaiDate } from '@minan/types/shanghai'
import { type Api } from '../../../api/client'
import { toApiError } from '../../../api/errors'
import { pendingFor, type Pending as Submitted } from '../../../api/submission'
import { registerMessages } from '../../../i18n'
import catalogue from '../../../i18n/counselling'
import { useStore, type RootStore } from '../../../stores/root'
import { feature } from '../../../stores/feature'

registerMessages(catalogue)

export type Range = 'today' | 'week'
export const RANGE_DAYS: Record<Range, number> = { today: 1, week: 7 }
/** Leave can be taken at most this many days ahead in one go (the server's limit). */
export const LEAVE_MAX_DAYS = 90

export interface NoteFields {
  notes: string
  risk: boolean
  referral: string
}

interface Pending extends Submitted {
  sending: boolean
  error: ApiError | null
}

const idle = (): Pending => ({ sending: false, error: null, requestId: null, sent: null })


/** Hours sorted as a week reads: by weekday, then by start. */
const ordered = (hours: WeeklyHours[]) => [...hours].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))

export class SessionsStore {
  range: Range = 'today'
  sessions: Session[] = []
  loading = false
  loaded = false
  error: ApiError | null = null
  /** Per session: attendance and note submissions, each keeping its request id until it succeeds. */
  attendance: Record<string, Pending> = {}
  notes: Record<string, Pending> = {}

  hours: WeeklyHours[] = []
  /** The hours as the server last had them (null while unknown). */
  savedHours: WeeklyHours[] | null = null
  hoursState: Pending = idle()
  hoursDone = false

  leaveFrom: string
  leaveTo: string
  leaveReason = ''
  leaveState: Pending = idle()
  /** Bookings the last leave cancelled (their people were told). */
  leaveCancelled: number | null = null

  private generation = 0

  constructor(
    private readonly api: Api,
    private readonly now: () => Date = () => new Date()
  ) {
    const tomorrow = addDays(shanghaiDate(now()), 1)
    this.leaveFrom = tomorrow
    this.leaveTo = tomorrow
    makeAutoObservable<SessionsStore, 'api' | 'now' | 'generation'>(this, { api: false, now: false, generation: false })
  }

  setRange(range: Range): Promise<void> {
    this.range = range
    return this.load()
  }

  async load(): Promise<void> {
    const generation = ++this.generation
    this.loading = true
    this.error = null
    try {
      const sessions = await this.api.call('counselling', 'schedule', { from: shanghaiDate(this.now()), days: RANGE_DAYS[this.range] })
      if (generation !== this.generation) return
      runInAction(() => {
        this.sessions = sessions
        this.loaded = true
      })
    } catch (e) {
      if (generation === this.generation) runInAction(() => (this.error = toApiError(e)))
    } finally {
      if (generation === this.generation) runInAction(() => (this.loading = false))
    }
  }

  /** Attendance can be recorded once a session has begun. */
  started(s: Session): boolean {
    return Date.parse(s.start) <= this.now().getTime()
  }

  private replace(updated: Session): void {
    this.sessions = this.sessions.map((s) => (s.id === updated.id ? updated : s))
  }

  async markAttendance(id: string, attended: boolean): Promise<boolean> {
    const state = this.attendance[id] ?? idle()
    if (state.sending) return false
    // A different answer is a different request; the same one retried keeps its id.
    const input = { id, attended }
    const { requestId, sent } = pendingFor(state, 'markAttendance', input)
    this.attendance[id] = { sending: true, error: null, requestId, sent }
    try {
      const updated = await this.api.call('counselling', 'markAttendance', input, { requestId })
      runInAction(() => {
        this.replace(updated)
        this.attendance[id] = idle()
      })
      return true
    } catch (e) {
      runInAction(() => (this.attendance[id] = { sending: false, error: toApiError(e), requestId, sent }))
      return false
    }
  }

  async writeNote(id: string, fields: NoteFields): Promise<boolean> {
    const state = this.notes[id] ?? idle()
    if (state.sending || !fields.notes.trim()) return false
    const referral = fields.referral.trim()
    const input = { id, notes: fields.notes.trim(), risk: fields.risk, ...(referral ? { referral } : {}) }
    const { requestId, sent } = pendingFor(state, 'writeNote', input)
    this.notes[id] = { sending: true, error: null, requestId, sent }
    try {
      const updated = await this.api.call('counselling', 'writeNote', input, { requestId })
      runInAction(() => {
        this.replace(updated)
        this.notes[id] = idle()
      })
      return true
    } catch (e) {
      runInAction(() => (this.notes[id] = { sending: false, error: toApiError(e), requestId, sent }))
      return false
    }
  }

  // ---- weekly hours ----

  /**
   * The counsellor's current hours. The API has no "my profile" read, so they come from the station of the
   * counsellor's township, where their profile carries their name; none found means none set yet.
   */
  async loadHours(me: Me | null): Promise<void> {
    const township = me?.roles.find((r) => r.role === 'counsellor' && r.regionCode?.length === 9)?.regionCode
    if (!me || !township || this.savedHours) return
    try {
      const station = await this.api.call('counselling', 'station', { id: `st${township}` })
      const own = station.counsellors.find((c) => c.displayName === me.displayName)
      runInAction(() => {
        this.savedHours = ordered(own?.hours ?? [])
        this.hours = this.savedHours.map((h) => ({ ...h }))
      })
    } catch {
      runInAction(() => (this.savedHours = []))
    }
  }

  addPeriod(weekday: number): void {
    this.hours = ordered([...this.hours, { weekday, start: '09:00', end: '12:00' }])
    this.hoursDone = false
    this.hoursState = idle()
  }

  removePeriod(period: WeeklyHours): void {
    this.hours = this.hours.filter((h) => h !== period)
    this.hoursDone = false
    this.hoursState = idle()
  }

  setPeriod(period: WeeklyHours, patch: Partial<Pick<WeeklyHours, 'start' | 'end'>>): void {
    Object.assign(period, patch)
    this.hoursDone = false
    this.hoursState = idle()
  }

  /** A period that ends before it starts, or overlaps another that day: checked here to say which, and by the server. */
  get hoursProblem(): 'order' | 'overlap' | null {
    if (this.hours.some((h) => h.end <= h.start)) return 'order'
    const sorted = ordered(this.hours)
    for (let i = 1; i < sorted.length; i++) if (sorted[i].weekday === sorted[i - 1].weekday && sorted[i].start < sorted[i - 1].end) return 'overlap'
    return null
  }

  async saveHours(): Promise<boolean> {
    if (this.hoursState.sending || this.hoursProblem) return false
    const input = { hours: this.hours.map(({ weekday, start, end }) => ({ weekday, start, end })) }
    const { requestId, sent } = pendingFor(this.hoursState, 'setHours', input)
    this.hoursState = { sending: true, error: null, requestId, sent }
    try {
      const { hours } = await this.api.call('counselling', 'setHours', input, { requestId })
      runInAction(() => {
        this.savedHours = ordered(hours)
        this.hours = this.savedHours.map((h) => ({ ...h }))
        this.hoursState = idle()
        this.hoursDone = true
      })
      return true
    } catch (e) {
      runInAction(() => (this.hoursState = { sending: false, error: toApiError(e), requestId, sent }))
      return false
    }
  }

  // ---- leave ----

  setLeave(patch: Partial<{ from: string; to: string; reason: string }>): void {
    if (patch.from !== undefined) {
      this.leaveFrom = patch.from
      if (this.leaveTo < patch.from) this.leaveTo = patch.from
    }
    if (patch.to !== undefined) this.leaveTo = patch.to
    if (patch.reason !== undefined) this.leaveReason = patch.reason
    this.leaveState = idle()
    this.leaveCancelled = null
  }

  /** Adds leave: the server cancels the bookings on those days and tells each person, offering to rebook. */
  async addLeave(): Promise<boolean> {
    if (this.leaveState.sending) return false
    const reason = this.leaveReason.trim()
    const input = { from: this.leaveFrom, to: this.leaveTo, ...(reason ? { reason } : {}) }
    const { requestId, sent } = pendingFor(this.leaveState, 'addLeave', input)
    this.leaveState = { sending: true, error: null, requestId, sent }
    try {
      const { cancelled } = await this.api.call('counselling', 'addLeave', input, { requestId })
      runInAction(() => {
        this.leaveCancelled = cancelled
        this.leaveState = idle()
      })
      await this.load()
      return true
    } catch (e) {
      runInAction(() => (this.leaveState = { sending: false, error: toApiError(e), requestId, sent }))
      return false
    }
  }
}

export function sessionsStoreOf(root: RootStore, now?: () => Date): SessionsStore {
  return feature(root, 'counsellingSessions', () => new SessionsStore(root.api, now))
}

export function useSessionsStore(): SessionsStore {
  return useStore(sessionsStoreOf)
}

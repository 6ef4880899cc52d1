/**
 * StationBookingsStore: what a township centre's staff see of the 粤心安 station and village rooms in their township —
 * the week's bookings day by day, each with its time, counsellor and the person's pseudonym (counselling.stationBookings).
 * Notes and screening results never reach this store: the server does not send them to staff. One per RootStore.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError, Me } from '@minan/types/api'
import type { Station, StationBooking } from '@minan/types/functions/counselling'
import { addDays, shanghaiDate } from '@minan/types/shanghai'
import { type Api } from '../../../api/client'
import { toApiError } from '../../../api/errors'
import { stationTownship } from '../../../staff/station'
import { registerMessages } from '../../../i18n'
import counsellingTexts from '../../../i18n/counselling'
import centreTexts from '../../../i18n/centre'
import { useStore, type RootStore } from '../../../stores/root'
import { feature } from '../../../stores/feature'

registerMessages(counsellingTexts)
registerMessages(centreTexts)

/** How many days one screen shows (the server's limit is 14). */
export const WEEK_DAYS = 7

/** The township of the caller's station-staff grant: centre staff of a township (a nine-digit code). */
export { stationTownship }

export interface BookingDay {
  date: string
  bookings: StationBooking[]
}


export class StationBookingsStore {
  /** Whether the signed-in person is known yet (the session may still be loading when the page shows). */
  known = false
  township: string | null = null
  stations: Station[] = []
  stationId: string | null = null
  from: string
  bookings: StationBooking[] = []
  loading = false
  loaded = false
  error: ApiError | null = null
  private generation = 0
  private opening: Promise<void> | null = null

  constructor(
    private readonly api: Api,
    private readonly now: () => Date = () => new Date()
  ) {
    this.from = shanghaiDate(now())
    makeAutoObservable<StationBookingsStore, 'api' | 'now' | 'generation' | 'opening'>(this, { api: false, now: false, generation: false, opening: false })
  }

  get today(): string {
    return shanghaiDate(this.now())
  }

  get to(): string {
    return addDays(this.from, WEEK_DAYS - 1)
  }

  get station(): Station | null {
    return this.stations.find((s) => s.id === this.stationId) ?? null
  }

  /** The week, day by day, every day shown even when empty; bookings in time order. */
  get days(): BookingDay[] {
    const byDay = new Map<string, StationBooking[]>()
    for (const b of [...this.bookings].sort((x, y) => x.start.localeCompare(y.start))) {
      const date = shanghaiDate(new Date(b.start))
      byDay.set(date, [...(byDay.get(date) ?? []), b])
    }
    return Array.from({ length: WEEK_DAYS }, (_, i) => addDays(this.from, i)).map((date) => ({ date, bookings: byDay.get(date) ?? [] }))
  }

  /** Opens on the township's station (its id is `st` + the township code) with this week's bookings. */
  open(me: Me | null): Promise<void> {
    if (!me) return Promise.resolve()
    this.known = true
    const township = stationTownship(me)
    // Shown and signed in at the same moment: one load, not two.
    if (township === this.township && this.opening) return this.opening
    if (township === this.township && this.loaded) return this.load()
    this.township = township
    if (!township) return Promise.resolve()
    const opening = this.openTownship(township).finally(() => {
      if (this.opening === opening) this.opening = null
    })
    this.opening = opening
    return opening
  }

  private async openTownship(township: string): Promise<void> {
    try {
      const stations = await this.api.call('counselling', 'stations', { regionCode: township, limit: 50 })
      runInAction(() => {
        this.stations = stations
        this.stationId = stations.find((s) => s.id === `st${township}`)?.id ?? stations[0]?.id ?? null
      })
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return
    }
    await this.load()
  }

  setStation(id: string): Promise<void> {
    this.stationId = id
    return this.load()
  }

  /** A week earlier or later; 0 goes back to the week starting today. */
  shiftWeek(weeks: number): Promise<void> {
    this.from = weeks === 0 ? this.today : addDays(this.from, weeks * WEEK_DAYS)
    return this.load()
  }

  async load(): Promise<void> {
    const stationId = this.stationId
    if (!stationId) return
    const generation = ++this.generation
    this.loading = true
    this.error = null
    try {
      const bookings = await this.api.call('counselling', 'stationBookings', { stationId, from: this.from, days: WEEK_DAYS })
      if (generation !== this.generation) return
      runInAction(() => {
        this.bookings = bookings
        this.loaded = true
      })
    } catch (e) {
      if (generation === this.generation) runInAction(() => (this.error = toApiError(e)))
    } finally {
      if (generation === this.generation) runInAction(() => (this.loading = false))
    }
  }
}

export function stationBookingsOf(root: RootStore, now?: () => Date): StationBookingsStore {
  return feature(root, 'stationBookings', () => new StationBookingsStore(root.api, now))
}

export function useStationBookings(): StationBookingsStore {
  return useStore(stationBookingsOf)
}

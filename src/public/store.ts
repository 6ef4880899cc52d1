/**
 * PublicStore: the figures of the public statistics page (办事统计) for the whole province or one city, and the
 * shapes its bar charts need. Created lazily, one per RootStore, so the root needs no change.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError, Region } from '@minan/types/api'
import type { PublicStats } from '@minan/types/functions/stats'
import { type Api } from '../api/client'
import { toApiError } from '../api/errors'
import { useStore, type RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import type { RegionStore } from '../stores/regions'

/** Guangdong's published share of disputes resolved at township level or below, shown beside our live figure. */
export const PROVINCE_TOWNSHIP_SHARE = 99.8
export const PROVINCE_CODE = '44'

/**
 * A bar's width as a CSS percentage of the longest bar. A count above zero always shows a sliver, so a small
 * number is not mistaken for none; the number itself is always written beside the bar.
 */
export function barWidth(value: number, max: number): string {
  if (max <= 0 || value <= 0) return '0%'
  return `${Math.max(1, Math.round((1000 * value) / max) / 10)}%`
}

export class PublicStore {
  stats: PublicStats | null = null
  /** The city shown; null for the whole province. */
  cityCode: string | null = null
  /** The 21 prefecture-level cities, for the filter. */
  cities: Region[] = []
  loading = false
  error: ApiError | null = null

  /** Only the answer for the latest choice of area may land: a slower reply for an earlier one is dropped. */
  private generation = 0

  constructor(
    private readonly api: Api,
    private readonly regions: RegionStore
  ) {
    makeAutoObservable<PublicStore, 'api' | 'regions' | 'generation'>(this, { api: false, regions: false, generation: false })
  }

  get cityName(): string | null {
    return this.cities.find((c) => c.code === this.cityCode)?.name ?? null
  }

  /** Cities from the most matters raised to the fewest; ties by concluded, then by code (the official order). */
  get cityRanking(): PublicStats['byCity'] {
    const list = this.stats?.byCity ?? []
    return [...list].sort((a, b) => b.filed - a.filed || b.closed - a.closed || a.code.localeCompare(b.code))
  }

  /** The longest bar of each chart: bars are drawn relative to it. */
  get monthMax(): number {
    return Math.max(0, ...(this.stats?.byMonth ?? []).flatMap((m) => [m.filed, m.closed]))
  }

  get cityMax(): number {
    return Math.max(0, ...(this.stats?.byCity ?? []).map((c) => c.filed))
  }

  get kindMax(): number {
    return Math.max(0, ...(this.stats?.byKind ?? []).map((k) => k.count))
  }

  async load(): Promise<void> {
    const generation = ++this.generation
    const cityCode = this.cityCode
    this.loading = true
    this.error = null
    try {
      const stats = await this.api.call('stats', 'public', cityCode ? { cityCode } : {})
      if (generation !== this.generation) return
      runInAction(() => (this.stats = stats))
    } catch (e) {
      if (generation !== this.generation) return
      runInAction(() => (this.error = toApiError(e)))
    } finally {
      if (generation === this.generation) runInAction(() => (this.loading = false))
    }
  }

  /** Shows one city (or the province, for null): the old figures stay on screen until the new ones arrive. */
  setCity(code: string | null): Promise<void> {
    if (code === this.cityCode && this.stats) return Promise.resolve()
    this.cityCode = code
    return this.load()
  }

  async loadCities(): Promise<void> {
    if (this.cities.length) return
    const list = await this.regions.children(PROVINCE_CODE)
    runInAction(() => (this.cities = list))
  }

  /**
   * The error in words: the server's message (in the person's language), or `network` for a network failure, which
   * the transport describes in technical words. (types/errors has that message too, but would add 16 KB here.)
   */
  errorText(network: string): string | null {
    if (!this.error) return null
    return this.error.code === 'NETWORK' ? network : this.error.message
  }
}

/** The one PublicStore of this RootStore, made on first use. */
export function publicStoreOf(root: RootStore): PublicStore {
  return feature(root, 'public', () => new PublicStore(root.api, root.regions))
}

export function usePublicStore(): PublicStore {
  return useStore(publicStoreOf)
}

/** Region tree reads, cached: the tree does not change while the app runs. */
import { makeAutoObservable, runInAction } from 'mobx'
import type { Region, RegionWithPath } from '@minan/types/api'
import type { Api } from '../api/client'

export class RegionStore {
  private readonly childrenCache = new Map<string, Region[]>()
  loadingCode: string | null = null
  error: string | null = null

  constructor(private readonly api: Api) {
    makeAutoObservable<RegionStore, 'childrenCache' | 'api'>(this, { childrenCache: false, api: false })
  }

  cachedChildren(code: string): Region[] | undefined {
    return this.childrenCache.get(code)
  }

  async children(code: string): Promise<Region[]> {
    const cached = this.childrenCache.get(code)
    if (cached) return cached
    this.loadingCode = code
    this.error = null
    try {
      const regions = await this.api.call('regions', 'children', { code })
      this.childrenCache.set(code, regions)
      return regions
    } catch (e) {
      runInAction(() => (this.error = e instanceof Error ? e.message : String(e)))
      return []
    } finally {
      runInAction(() => (this.loadingCode = null))
    }
  }

  async get(code: string): Promise<RegionWithPath | null> {
    try {
      return await this.api.call('regions', 'get', { code })
    } catch (e) {
      runInAction(() => (this.error = e instanceof Error ? e.message : String(e)))
      return null
    }
  }

  async search(q: string, within?: string): Promise<RegionWithPath[]> {
    try {
      return await this.api.call('regions', 'search', { q, level: 'village', within, limit: 20 })
    } catch (e) {
      runInAction(() => (this.error = e instanceof Error ? e.message : String(e)))
      return []
    }
  }
}

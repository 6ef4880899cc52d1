/**
 * A list the server hands out page by page (a cursor to the next page), for a store to hold as a field: the first
 * page again on show and on pull-down, the next at the bottom, and only answers for the latest first load landing.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { toApiError, type ApiError } from '../api/errors'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface PagedListSource<T, P extends Page<T>> {
  /** One page: the first for a null cursor. */
  fetch(cursor: string | null): Promise<P>
  /** What makes two items the same: an item that moved between pages (it changed meanwhile) is shown once. */
  key(item: T): string
  /** Anything else a page carries (an unread count), taken as the page lands. */
  onPage?(page: P): void
}

export class PagedList<T, P extends Page<T> = Page<T>> {
  items: T[] = []
  nextCursor: string | null = null
  /** The first page is on its way. */
  loading = false
  loadingMore = false
  /** The list has been answered at least once. */
  loaded = false
  error: ApiError | null = null

  /**
   * Counts first loads and resets: a page (first or more) that was asked for before the latest of them is dropped
   * when it arrives, so a slow answer never puts an older list, or another person's, on screen.
   */
  private generation = 0

  constructor(private readonly source: PagedListSource<T, P>) {
    makeAutoObservable<PagedList<T, P>, 'source' | 'generation'>(this, { source: false, generation: false })
  }

  get hasMore(): boolean {
    return this.nextCursor !== null
  }

  get busy(): boolean {
    return this.loading || this.loadingMore
  }

  get empty(): boolean {
    return this.loaded && !this.error && this.items.length === 0
  }

  /** The first page again; whatever was on its way is dropped when it arrives. */
  async loadFirst(): Promise<void> {
    const generation = ++this.generation
    this.loading = true
    this.loadingMore = false
    this.error = null
    try {
      const page = await this.source.fetch(null)
      if (generation !== this.generation) return
      runInAction(() => {
        this.items = page.items
        this.nextCursor = page.nextCursor
        this.loaded = true
        this.source.onPage?.(page)
      })
    } catch (e) {
      if (generation === this.generation) runInAction(() => (this.error = toApiError(e)))
    } finally {
      if (generation === this.generation) runInAction(() => (this.loading = false))
    }
  }

  /** The next page, at the bottom of the list; nothing while a page is loading or when there is no more. */
  async loadMore(): Promise<void> {
    if (this.nextCursor === null || this.busy) return
    const generation = this.generation
    this.loadingMore = true
    this.error = null
    try {
      const page = await this.source.fetch(this.nextCursor)
      if (generation !== this.generation) return
      runInAction(() => {
        const seen = new Set(this.items.map((item) => this.source.key(item)))
        this.items = [...this.items, ...page.items.filter((item) => !seen.has(this.source.key(item)))]
        this.nextCursor = page.nextCursor
        this.source.onPage?.(page)
      })
    } catch (e) {
      if (generation === this.generation) runInAction(() => (this.error = toApiError(e)))
    } finally {
      if (generation === this.generation) runInAction(() => (this.loadingMore = false))
    }
  }

  /** Stops waiting for pages on their way (they are dropped), keeping what is on screen. */
  cancel(): void {
    this.generation++
    this.loading = false
    this.loadingMore = false
    this.error = null
  }

  /** Forgets the list (another person now uses the phone); pages on their way are dropped. */
  reset(): void {
    this.cancel()
    this.items = []
    this.nextCursor = null
    this.loaded = false
  }

  /** Changes items in place of the server (a move made on one of them), keeping the order and the cursor. */
  update(change: (item: T) => T): void {
    this.items = this.items.map(change)
  }
}

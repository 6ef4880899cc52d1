/** My cases (我的信访): the resident's own cases, newest activity first, page by page. */
import { makeAutoObservable } from 'mobx'
import type { CaseDetail, CaseSummary } from '@minan/types/functions/petition'
import type { Api } from '../../api/client'
import { PagedList } from '../../stores/paged-list'

const PAGE_SIZE = 20

export class MyCasesStore {
  readonly list: PagedList<CaseSummary>

  constructor(private readonly api: Api) {
    this.list = new PagedList<CaseSummary>({
      fetch: (cursor) => this.api.call('petition', 'mine', cursor ? { limit: PAGE_SIZE, cursor } : { limit: PAGE_SIZE }),
      key: (c) => c.id
    })
    makeAutoObservable<MyCasesStore, 'api'>(this, { api: false, list: false })
  }

  /** The first page again, newest activity first (on show and on pull-down). */
  refresh(): Promise<void> {
    return this.list.loadFirst()
  }

  /** The next page, at the bottom of the list; nothing if one is loading or there is no more. */
  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /** A case changed on screen (a move of its owner): its row shows the change without a reload. */
  changed(c: CaseDetail): void {
    this.list.update((s) => (s.id === c.id ? { ...s, ...pickSummary(c) } : s))
  }
}

function pickSummary(c: CaseDetail): Partial<CaseSummary> {
  const { status, updatedAt, nextDeadline, nextDeadlineKind, flag, handlingUnit } = c
  return { status, updatedAt, nextDeadline, nextDeadlineKind, flag, handlingUnit }
}

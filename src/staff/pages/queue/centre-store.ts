/**
 * LegalOverdueStore: the township centre's view of village legal advisors' unanswered questions — the counts per
 * jurisdiction (legal.overdue) for the queue page's card, and advisor by advisor (legal.overdueList) for its list.
 * Counts and names only: the server never sends a question, its asker or a photo to centre staff. One per RootStore.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError, Me } from '@minan/types/api'
import type { AdvisorOverdue, OverdueCount } from '@minan/types/functions/legal'
import { type Api } from '../../../api/client'
import { toApiError } from '../../../api/errors'
import { registerMessages } from '../../../i18n'
import centreTexts from '../../../i18n/centre'
import { useStore, type RootStore } from '../../../stores/root'
import { feature } from '../../../stores/feature'

registerMessages(centreTexts)

/** Whether the person is township centre staff (or an admin) with an area: the ones legal.overdue answers. */
export const seesLegalOverdue = (me: Me | null): boolean => me?.roles.some((r) => (r.role === 'centre_staff' || r.role === 'admin') && !!r.regionCode) ?? false


export class LegalOverdueStore {
  counts: OverdueCount[] | null = null
  countsError: ApiError | null = null
  list: AdvisorOverdue[] | null = null
  listLoading = false
  listError: ApiError | null = null

  constructor(private readonly api: Api) {
    makeAutoObservable<LegalOverdueStore, 'api'>(this, { api: false })
  }

  get totals(): { overdue: number; waiting: number } {
    return (this.counts ?? []).reduce((sum, c) => ({ overdue: sum.overdue + c.overdue, waiting: sum.waiting + c.waiting }), { overdue: 0, waiting: 0 })
  }

  async loadCounts(): Promise<void> {
    try {
      const counts = await this.api.call('legal', 'overdue', {})
      runInAction(() => {
        this.counts = counts
        this.countsError = null
      })
    } catch (e) {
      runInAction(() => (this.countsError = toApiError(e)))
    }
  }

  async loadList(): Promise<void> {
    this.listLoading = true
    this.listError = null
    try {
      const list = await this.api.call('legal', 'overdueList', { limit: 100 })
      runInAction(() => (this.list = list))
    } catch (e) {
      runInAction(() => (this.listError = toApiError(e)))
    } finally {
      runInAction(() => (this.listLoading = false))
    }
  }
}

export function legalOverdueOf(root: RootStore): LegalOverdueStore {
  return feature(root, 'legalOverdue', () => new LegalOverdueStore(root.api))
}

export function useLegalOverdue(): LegalOverdueStore {
  return useStore(legalOverdueOf)
}

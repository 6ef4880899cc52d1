/**
 * DashboardStore: the staff workbench (a count of each of the person's queues) and the regional dashboard with its
 * drill-down. Created lazily, one per RootStore, so the root needs no change; it registers its own texts.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError } from '@minan/types/api'
import type { Dashboard, Workbench, WorkbenchQueue, WorkbenchQueueKind } from '@minan/types/functions/stats'
import { type Api } from '../../../api/client'
import { toApiError } from '../../../api/errors'
import { registerMessages, type MessageKey } from '../../../i18n'
import catalogue from '../../../i18n/staffdash'
import { useStore, type RootStore } from '../../../stores/root'
import { feature } from '../../../stores/feature'

registerMessages(catalogue)

/** Where each queue opens: its existing page. */
export const QUEUE_PAGES: Record<WorkbenchQueueKind, string> = {
  cases: '/staff/pages/queue/index',
  assigned: '/staff/pages/queue/index',
  filed: '/pages/matters/index',
  sessions: '/counselling/pages/sessions/index',
  questions: '/legal/pages/workbench/index',
  station: '/counselling/pages/station-bookings/index'
}

export const DASHBOARD_PAGE = '/staff/pages/dashboard/index'

/** Tab pages open with switchTab, the rest with navigateTo. */
export const TAB_PAGES = new Set(['/pages/matters/index'])

export const queueTitleKey = (kind: WorkbenchQueueKind) => `dash.queue.${kind}` as MessageKey

/** Most pressing first: the queue with the most overdue, then the most due soon; ties keep the server's order. */
export function byUrgency(queues: WorkbenchQueue[]): WorkbenchQueue[] {
  return queues
    .map((q, i) => ({ q, i }))
    .sort((a, b) => b.q.overdue - a.q.overdue || b.q.dueSoon - a.q.dueSoon || a.i - b.i)
    .map(({ q }) => q)
}


export class DashboardStore {
  workbench: Workbench | null = null
  workbenchLoading = false
  workbenchError: ApiError | null = null

  dashboard: Dashboard | null = null
  /** The region asked for last (null: the person's own); the figures on screen may still be the previous ones. */
  regionCode: string | null = null
  loading = false
  error: ApiError | null = null

  /** Only the reply to the latest dashboard request may land. */
  private generation = 0

  constructor(private readonly api: Api) {
    makeAutoObservable<DashboardStore, 'api' | 'generation'>(this, { api: false, generation: false })
  }

  get queues(): WorkbenchQueue[] {
    return byUrgency(this.workbench?.queues ?? [])
  }

  /** The longest bar of each chart. */
  get monthMax(): number {
    return Math.max(0, ...(this.dashboard?.byMonth ?? []).flatMap((m) => [m.filed, m.closed]))
  }

  get childMax(): number {
    return Math.max(0, ...(this.dashboard?.children ?? []).map((c) => c.open + c.closed))
  }

  /** Sub-regions with the most overdue first, then the most open: where attention is needed. */
  get childRanking(): Dashboard['children'] {
    return [...(this.dashboard?.children ?? [])].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.code.localeCompare(b.code))
  }

  /** A sub-region can be opened when the dashboard goes down to its level (townships are the last). */
  get canDrillDown(): boolean {
    return this.dashboard !== null && this.dashboard.level !== 'township'
  }

  async loadWorkbench(): Promise<void> {
    this.workbenchLoading = true
    this.workbenchError = null
    try {
      const workbench = await this.api.call('stats', 'workbench', {})
      runInAction(() => (this.workbench = workbench))
    } catch (e) {
      runInAction(() => (this.workbenchError = toApiError(e)))
    } finally {
      runInAction(() => (this.workbenchLoading = false))
    }
  }

  /** Opens a region (null: the person's own jurisdiction); the old figures stay on screen until the new ones arrive. */
  async open(regionCode: string | null): Promise<void> {
    const generation = ++this.generation
    this.regionCode = regionCode
    this.loading = true
    this.error = null
    try {
      const dashboard = await this.api.call('stats', 'dashboard', regionCode ? { regionCode } : {})
      if (generation !== this.generation) return
      runInAction(() => (this.dashboard = dashboard))
    } catch (e) {
      if (generation !== this.generation) return
      runInAction(() => (this.error = toApiError(e)))
    } finally {
      if (generation === this.generation) runInAction(() => (this.loading = false))
    }
  }

  reload(): Promise<void> {
    return this.open(this.regionCode)
  }
}

export function dashboardStoreOf(root: RootStore): DashboardStore {
  return feature(root, 'dashboard', () => new DashboardStore(root.api))
}

export function useDashboardStore(): DashboardStore {
  return useStore(dashboardStoreOf)
}

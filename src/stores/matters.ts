/**
 * MattersStore: 我的事项 — every matter the person started (cases, counselling and on-site bookings, legal questions)
 * in one list, newest activity first, paged by the server's cursor; and each row in words. Created lazily, one per
 * RootStore, so the root needs no change for it.
 */
import { makeAutoObservable } from 'mobx'
import type { Locale } from '@minan/types/locale'
import type { MatterItem } from '@minan/types/functions/matters'
import type { CaseStage, CaseStatus, CaseSummary } from '@minan/types/functions/petition'
import { type Api } from '../api/client'
import type { MessageKey } from '../i18n'
import { deadlineText, flagText, formatDate, kindKey, nextStepText, statusKey } from '../petition/labels'
import { useStore, type RootStore } from './root'
import { feature } from './feature'
import { PagedList } from './paged-list'

export const PAGE_SIZE = 20


type T = (key: MessageKey, params?: Record<string, string | number>) => string

/** Where tapping a row goes: the item's own page. */
export function matterUrl(m: Pick<MatterItem, 'kind' | 'id'>): string {
  const id = encodeURIComponent(m.id)
  switch (m.kind) {
    case 'case':
      return `/petition/pages/detail/index?id=${id}`
    case 'counselling':
      return '/counselling/pages/bookings/index'
    case 'legal_onsite':
      return '/legal/pages/mine/index'
    case 'legal_question':
      return `/legal/pages/thread/index?id=${id}`
  }
}

export interface MatterLines {
  kind: string
  status: string
  /** What comes next, and by when (a case says it in two lines, as its own page does). */
  lines: string[]
  flag: string | null
}

/** A row in words: its kind, its status, what comes next and by when, and whether that is pressing. */
export function matterLines(m: MatterItem, t: T, locale: Locale): MatterLines {
  if (m.kind === 'case') {
    // The petition pages' own wording, so that a case reads the same here and on its page.
    const review = m.next?.step === 'review_request' || m.next?.step === 'rereview_request'
    const c = {
      status: m.status as CaseStatus,
      stage: (m.next?.step === 'rereview_request' ? 'review' : 'original') as CaseStage,
      nextDeadline: m.next?.at ?? null,
      nextDeadlineKind: (review ? 'review_request' : m.next?.step === 'acceptance' || m.next?.step === 'handling' ? m.next.step : null) as CaseSummary['nextDeadlineKind']
    }
    const lines = [nextStepText(c, t), deadlineText(c, locale, t), m.next?.step === 'rate' ? t('matters.next.rate') : null].filter((l): l is string => l !== null)
    return { kind: t(kindKey(m.type ?? 'complaint')), status: t(statusKey(m.status)), lines, flag: flagText(m.next?.flag ?? 'none', t) }
  }
  const status = t(`matters.status.${m.kind === 'legal_question' ? 'question' : 'booking'}.${m.status}` as MessageKey)
  const lines: string[] = []
  let flag: string | null = null
  if (m.next) {
    const date = m.next.at ? formatDate(m.next.at, locale, t, m.next.step === 'attend') : ''
    lines.push(t(`matters.next.${m.next.step}` as MessageKey, { date }))
    if (m.next.flag === 'overdue') flag = t('matters.flag.overdue')
    if (m.next.flag === 'due_soon') flag = t(m.next.step === 'attend' ? 'matters.flag.soon' : 'matters.flag.due_soon')
  }
  return { kind: t(`matters.kind.${m.kind}` as MessageKey), status, lines, flag }
}

export class MattersStore {
  readonly list: PagedList<MatterItem>
  /** Whose list is on screen: another person signing in on this phone never sees it. */
  private owner: string | null = null

  constructor(private readonly api: Api) {
    this.list = new PagedList<MatterItem>({
      fetch: (cursor) => this.api.call('matters', 'mine', cursor ? { cursor, limit: PAGE_SIZE } : { limit: PAGE_SIZE }),
      key: (m) => `${m.kind}:${m.id}`
    })
    makeAutoObservable<MattersStore, 'api' | 'owner'>(this, { api: false, owner: false, list: false })
  }

  /** The first page (on showing the tab and on pull-to-refresh), for the signed-in person `userId`. */
  async refresh(userId: string | null): Promise<void> {
    if (userId !== this.owner) {
      this.owner = userId
      this.list.reset()
    }
    if (!userId) return this.list.cancel()
    await this.list.loadFirst()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }
}

/** The one MattersStore of this RootStore, made on first use. */
export function mattersOf(root: RootStore): MattersStore {
  return feature(root, 'matters', () => new MattersStore(root.api))
}

export const useMatters = (): MattersStore => useStore(mattersOf)

/**
 * MessageListStore: the message list (newest first, paged by the server's cursor), reading a message and
 * 全部已读. Every answer that carries the unread count hands it to the root's MessageStore, which drives the badge.
 * Created lazily, one per RootStore, so the root needs no change for it.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { Message, MessagesOutput } from '@minan/types/functions/messages'
import { type Api } from '../api/client'
import { toApiError } from '../api/errors'
import type { MessageKey } from '../i18n'
import catalogue from '../i18n/messages'
import { useStore, type RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import type { MessageStore } from '../stores/messages'
import { PagedList } from '../stores/paged-list'

export const PAGE_SIZE = 20

/** Kinds sent to staff about a case they handle: they open on the workbench, every other kind on the resident's page. */
export const STAFF_KINDS: readonly string[] = ['case.new', 'case.risk', 'case.assigned_to_you', 'case.review_requested', 'case.taken_over']

/** Where tapping a message goes; null when it is about no case (counselling bookings have no page here yet). */
export function messageTarget(m: Pick<Message, 'kind' | 'caseId'>): string | null {
  if (!m.caseId) return null
  // The mediation agreement's steps open the agreement itself.
  if (m.kind.startsWith('agreement.')) return `/agreement/pages/view/index?caseId=${encodeURIComponent(m.caseId)}`
  const id = encodeURIComponent(m.caseId)
  // Mediation with both parties (issue #17): staff open the case on the workbench, the parties their mediation page.
  if (m.kind.startsWith('mediation.staff.')) return `/staff/pages/case/index?id=${id}`
  if (m.kind.startsWith('mediation.')) return `/parties/pages/case/index?id=${id}`
  // A photo of a case that could not be checked: the staff member handling the case opens it on the workbench.
  if (m.kind === 'photo.unchecked_staff') return `/staff/pages/case/index?id=${id}`
  if (!m.kind.startsWith('case.')) return null
  return STAFF_KINDS.includes(m.kind) ? `/staff/pages/case/index?id=${id}` : `/petition/pages/detail/index?id=${id}`
}

/** The catalogue key of a kind; kinds this version does not know yet (new services) get a generic line. */
export function kindKey(kind: string): MessageKey {
  const key = `messages.kind.${kind}`
  return Object.prototype.hasOwnProperty.call(catalogue, key) ? (key as MessageKey) : 'messages.kind.unknown'
}


export class MessageListStore {
  readonly list: PagedList<Message, MessagesOutput['list']>
  markingAll = false

  constructor(
    private readonly api: Api,
    private readonly counter: MessageStore
  ) {
    this.list = new PagedList<Message, MessagesOutput['list']>({
      fetch: (cursor) => this.api.call('messages', 'list', cursor ? { cursor, limit: PAGE_SIZE } : { limit: PAGE_SIZE }),
      key: (m) => m.id,
      onPage: (page) => this.counter.set(page.unread)
    })
    makeAutoObservable<MessageListStore, 'api' | 'counter'>(this, { api: false, counter: false, list: false })
  }

  get unread(): number {
    return this.counter.unread
  }

  /** The first page, newest first (on opening the page and on pull-to-refresh). */
  load(): Promise<void> {
    return this.list.loadFirst()
  }

  loadMore(): Promise<void> {
    return this.list.loadMore()
  }

  /**
   * Marks one message read: at once on screen and in the count (the person is already on their way to the case),
   * then in the backend, whose count wins. If the backend refuses, the message shows as unread again.
   */
  async markRead(id: string): Promise<void> {
    const message = this.list.items.find((m) => m.id === id)
    if (!message || message.read) return
    message.read = true
    this.counter.set(this.counter.unread - 1)
    try {
      const { unread } = await this.api.call('messages', 'markRead', { ids: [id] })
      runInAction(() => this.counter.set(unread))
    } catch (e) {
      runInAction(() => {
        message.read = false
        this.list.error = toApiError(e)
      })
      void this.counter.refresh()
    }
  }

  /** 全部已读: every message of the person, including those not loaded yet. */
  async markAllRead(): Promise<void> {
    if (this.markingAll) return
    this.markingAll = true
    this.list.error = null
    try {
      const { unread } = await this.api.call('messages', 'markRead', {})
      runInAction(() => {
        this.list.items.forEach((m) => (m.read = true))
        this.counter.set(unread)
      })
    } catch (e) {
      runInAction(() => (this.list.error = toApiError(e)))
    } finally {
      runInAction(() => (this.markingAll = false))
    }
  }

  /**
   * The error in words: the server's message (in the person's language), or `network` for a network failure, which
   * the transport describes in technical words. (types/errors has that message too, but would add 16 KB here.)
   */
  errorText(network: string): string | null {
    const error = this.list.error
    if (!error) return null
    return error.code === 'NETWORK' ? network : error.message
  }
}

/** The one MessageListStore of this RootStore, made on first use. */
export function messageListOf(root: RootStore): MessageListStore {
  return feature(root, 'messageList', () => new MessageListStore(root.api, root.messages))
}

export function useMessageList(): MessageListStore {
  return useStore(messageListOf)
}

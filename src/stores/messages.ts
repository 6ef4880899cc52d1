/**
 * MessageStore: how many of the person's messages are unread — the 我的事项 tab's badge and the 消息 row.
 * The message list itself lives in the messages subpackage (src/messages/store.ts), which reports counts back here.
 */
import { makeAutoObservable, reaction, runInAction } from 'mobx'
import type { Api } from '../api/client'
import type { SubscriptionTemplate } from '@minan/types/functions/messages'

export class MessageStore {
  unread = 0
  /** The count has been answered by the server for the person now signed in. */
  known = false

  /** Every answer carries the count as the server saw it then: only the newest request's may land. */
  private generation = 0
  private inFlight: Promise<void> | null = null

  constructor(
    private readonly api: Api,
    private readonly signedIn: () => boolean
  ) {
    makeAutoObservable<MessageStore, 'api' | 'signedIn' | 'generation' | 'inFlight' | 'fetchUnread'>(this, { api: false, signedIn: false, generation: false, inFlight: false, fetchUnread: false })
  }

  /**
   * Tells the server which subscription templates the person just accepted on the device (each allows one message).
   * A failure loses one message at most: the in-app message is there either way.
   */
  async subscribed(templates: SubscriptionTemplate[]): Promise<void> {
    if (!templates.length || !this.signedIn()) return
    await this.api.call('messages', 'subscribed', { templates }).catch(() => undefined)
  }

  /**
   * Asks the server for the count. Called on app show and when the matters tab shows, which can happen together:
   * a call already on its way answers both. Failures keep the last count (a badge is not worth an error message).
   */
  refresh(): Promise<void> {
    if (!this.signedIn()) {
      this.reset()
      return Promise.resolve()
    }
    if (this.inFlight) return this.inFlight
    const call = this.fetchUnread(++this.generation).finally(() => {
      if (this.inFlight === call) this.inFlight = null
    })
    this.inFlight = call
    return call
  }

  private async fetchUnread(generation: number): Promise<void> {
    try {
      const { unread } = await this.api.call('messages', 'unread', {})
      if (generation === this.generation) runInAction(() => this.apply(unread))
    } catch {
      // Offline or signed out meanwhile: the next show asks again.
    }
  }

  /** A count the server just gave with another answer (the list, mark-read): it supersedes any call in flight. */
  set(unread: number): void {
    this.generation++
    this.inFlight = null
    this.apply(unread)
  }

  /** Nobody signed in (or someone else now): no count to show. */
  reset(): void {
    this.generation++
    this.inFlight = null
    this.unread = 0
    this.known = false
  }

  /**
   * Follows who is signed in: a new person's count is fetched, signing out clears it. Returns the disposer.
   * Started by the app shell (src/components/message-badge), not by the constructor, so stores made in tests stay quiet.
   */
  followSession(userId: () => string | null): () => void {
    return reaction(
      userId,
      (id) => {
        this.reset()
        if (id) void this.refresh()
      },
      { fireImmediately: true }
    )
  }

  private apply(unread: number): void {
    this.unread = Math.max(0, unread)
    this.known = true
  }
}

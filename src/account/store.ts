/**
 * AccountStore: 我的个人信息 — what is stored about the signed-in person, the export as a file, withdrawing a
 * separate consent, and deleting the account (which signs the person out and forgets this device's draft). Created
 * lazily, one per RootStore, so the main package carries none of it; it registers the account texts when it loads.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError } from '@minan/types/api'
import type { DataSummary, DeletionReport, WithdrawableConsent } from '@minan/types/functions/account'
import { newRequestId } from '../api/client'
import { toApiError } from '../api/errors'
import { registerMessages } from '../i18n'
import catalogue from '../i18n/account'
import type { RootStore } from '../stores/root'
import { keepFeature } from '../stores/feature'
import type { SavedFile } from './platform'

registerMessages(catalogue)


/** The file name of an export: the app, and the day it was made. */
/** The AccountStore's key among the root's feature stores. */
export const ACCOUNT_KEY = 'account'

export const exportFileName = (at: Date) => `minan-my-data-${at.toISOString().slice(0, 10)}.json`

export class AccountStore {
  summary: DataSummary | null = null
  loading = false
  error: ApiError | null = null
  exporting = false
  exported: SavedFile | null = null
  /** The consent whose withdrawal the person is being asked to confirm. */
  confirmingWithdrawal: WithdrawableConsent | null = null
  withdrawing = false
  withdrawn: { kind: WithdrawableConsent; n: number } | null = null
  confirmingDeletion = false
  deleting = false
  deleted: DeletionReport | null = null
  /** One request id per attempt, so that a retry after a lost answer never repeats the change. */
  private withdrawRequest: string | null = null

  constructor(
    private readonly root: RootStore,
    /** Hands the JSON to the person as a file (platform.ts saveExport in the app). */
    private readonly save: (json: string, name: string) => Promise<SavedFile>,
    private readonly now: () => Date = () => new Date()
  ) {
    makeAutoObservable<AccountStore, 'root' | 'save' | 'now'>(this, { root: false, save: false, now: false })
  }

  async load(): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const summary = await this.root.api.call('account', 'summary', {})
      runInAction(() => {
        this.summary = summary
        this.deleted = null
      })
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
    } finally {
      runInAction(() => (this.loading = false))
    }
  }

  /** Fetches everything and hands it to the platform as a JSON file (a download on H5, a file in WeChat). */
  async exportAll(): Promise<boolean> {
    this.exporting = true
    this.error = null
    this.exported = null
    try {
      const data = await this.root.api.call('account', 'export', {})
      const saved = await this.save(JSON.stringify(data, null, 2), exportFileName(this.now()))
      runInAction(() => (this.exported = saved))
      return true
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return false
    } finally {
      runInAction(() => (this.exporting = false))
    }
  }

  askWithdraw(kind: WithdrawableConsent | null): void {
    this.confirmingWithdrawal = kind
    this.withdrawRequest = kind ? newRequestId() : null
  }

  async withdraw(): Promise<boolean> {
    const kind = this.confirmingWithdrawal
    if (!kind || this.withdrawing) return false
    this.withdrawing = true
    this.error = null
    try {
      const result = await this.root.api.call('account', 'withdrawConsent', { kind }, { requestId: this.withdrawRequest ?? newRequestId() })
      runInAction(() => {
        this.withdrawn = { kind, n: result.withdrawn }
        this.confirmingWithdrawal = null
      })
      await this.load()
      return true
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return false
    } finally {
      runInAction(() => (this.withdrawing = false))
    }
  }

  askDelete(on: boolean): void {
    this.confirmingDeletion = on
  }

  /** Deletes the account once confirmed; then this device forgets the person (token, profile, unsent draft). */
  async deleteAccount(): Promise<boolean> {
    if (!this.confirmingDeletion || this.deleting) return false
    this.deleting = true
    this.error = null
    try {
      const report = await this.root.api.call('account', 'deleteAccount', { confirm: true })
      runInAction(() => {
        this.deleted = report
        this.summary = null
        this.exported = null
        this.confirmingDeletion = false
      })
      this.root.filing.discardDraft()
      this.root.session.signOut()
      // Signing out forgets every store of the person; this one stays to say that the account is gone.
      keepFeature(this.root, ACCOUNT_KEY, this)
      return true
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return false
    } finally {
      runInAction(() => (this.deleting = false))
    }
  }
}

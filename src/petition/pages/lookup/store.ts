/**
 * The lookup without signing in: a case's progress by tracking number and the phone it was filed with (as the 12345
 * hotline does), and, once signed in, claiming it into 我的事项. One per RootStore, so that the answer survives the
 * trip to the sign-in page and back.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ApiError } from '@minan/types/api'
import type { CaseLookup } from '@minan/types/functions/petition'
import { type Api } from '../../../api/client'
import { toApiError } from '../../../api/errors'
import { registerMessages } from '../../../i18n'
import catalogue from '../../../i18n/lookup'
import { useStore, type RootStore } from '../../../stores/root'
import { feature } from '../../../stores/feature'

registerMessages(catalogue)


export class LookupStore {
  trackingNo = ''
  phone = ''
  /** The one-time claim code on the receipt the grid worker handed over (or in the SMS). */
  claimCode = ''
  result: CaseLookup | null = null
  busy = false
  error: ApiError | null = null
  /** The case's id once claimed (or already mine). */
  claimedId: string | null = null

  constructor(private readonly api: Api) {
    makeAutoObservable<LookupStore, 'api'>(this, { api: false })
  }

  get ready(): boolean {
    return this.trackingNo.trim() !== '' && this.phone.trim() !== '' && !this.busy
  }

  setTrackingNo(value: string): void {
    this.trackingNo = value
  }

  setPhone(value: string): void {
    this.phone = value
  }

  setClaimCode(value: string): void {
    this.claimCode = value
  }

  get canClaim(): boolean {
    return this.result !== null && this.claimCode.trim() !== '' && !this.busy
  }

  /** Back to the form for another number (the phone stays: it is usually the same person). */
  again(): void {
    this.result = null
    this.claimedId = null
    this.error = null
    this.trackingNo = ''
    this.claimCode = ''
  }

  async lookup(): Promise<void> {
    if (!this.ready) return
    this.busy = true
    this.error = null
    try {
      const result = await this.api.call('petition', 'lookup', { trackingNo: this.trackingNo.trim(), contactPhone: this.phone.trim() })
      runInAction(() => {
        this.result = result
        this.claimedId = result.mineId
      })
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
    } finally {
      runInAction(() => (this.busy = false))
    }
  }

  /** Takes the case into the signed-in person's list with its claim code; its id, or null (the error says why). */
  async claim(): Promise<string | null> {
    if (!this.result || !this.canClaim) return null
    this.busy = true
    this.error = null
    try {
      const c = await this.api.call('petition', 'claim', { trackingNo: this.result.trackingNo, contactPhone: this.phone.trim(), claimCode: this.claimCode.trim() })
      runInAction(() => {
        this.claimedId = c.id
        this.claimCode = ''
      })
      return c.id
    } catch (e) {
      runInAction(() => (this.error = toApiError(e)))
      return null
    } finally {
      runInAction(() => (this.busy = false))
    }
  }
}

export function lookupOf(root: RootStore): LookupStore {
  return feature(root, 'lookup', () => new LookupStore(root.api))
}

export const useLookup = (): LookupStore => useStore(lookupOf)

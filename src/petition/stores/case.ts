/**
 * The case on screen (事项详情) as its owner sees it, with the moves they can make, claiming a case filed for them,
 * and the receipt of one filed on someone's behalf.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { CaseDetail, Rating } from '@minan/types/functions/petition'
import type { ActionInput } from '@minan/types/api'
import { newRequestId, type Api } from '../../api/client'
import { toApiError } from '../../api/errors'
import { fingerprint } from '../../api/submission'

type ResidentMove = 'addInfo' | 'withdraw' | 'rate' | 'requestReview'

const normalisePhone = (phone: string) => phone.trim().replace(/[\s-]/g, '')
const failureText = (e: unknown): string => toApiError(e).message

/**
 * What the grid worker hands the resident for a case filed on their behalf (回执): shown once, kept only in memory
 * (never on the device's storage), gone once handed over.
 */
export interface ClaimReceipt {
  caseId: string
  trackingNo: string
  claimCode: string
  /** Also sent by SMS to the case's phone. */
  sent: boolean
  title: string
  contactName: string
  contactPhone: string
  handlingUnit: string
  filedAt: string
}

/** The case without its claim code (which lives only in the receipt), and the receipt if the answer carried one. */
function splitReceipt(answer: CaseDetail): { c: CaseDetail; receipt: ClaimReceipt | null } {
  const { claimCode, claimCodeSent, ...c } = answer
  if (!claimCode) return { c, receipt: null }
  return {
    c,
    receipt: { caseId: c.id, trackingNo: c.trackingNo, claimCode, sent: claimCodeSent === true, title: c.title, contactName: c.contactName, contactPhone: c.contactPhone, handlingUnit: c.handlingUnit, filedAt: c.filedAt }
  }
}

export interface CaseViewOptions {
  /** A move changed the case: lists that show it (my cases) take the change. */
  changed?: (c: CaseDetail) => void
}

export class CaseViewStore {
  current: CaseDetail | null = null
  /** The receipt of a case just filed on someone's behalf (or given a new claim code), until it is handed over. */
  receipt: ClaimReceipt | null = null
  reissuing = false
  currentLoading = false
  currentError: string | null = null
  acting: ResidentMove | null = null
  actionError: string | null = null
  claimError: string | null = null
  claiming = false

  /** The case just filed: its answer is shown at once on the page that follows, while that page asks for it afresh. */
  private seeded: string | null = null
  private readonly moveRequestIds = new Map<string, string>()

  constructor(
    private readonly api: Api,
    private readonly options: CaseViewOptions = {}
  ) {
    makeAutoObservable<CaseViewStore, 'api' | 'options' | 'seeded' | 'moveRequestIds'>(this, { api: false, options: false, seeded: false, moveRequestIds: false })
  }

  /** Shows the case a filing answered with (its claim code kept for the receipt only); returns the case. */
  seed(answer: CaseDetail): CaseDetail {
    const { c, receipt } = splitReceipt(answer)
    this.current = c
    this.receipt = receipt
    this.currentError = null
    this.actionError = null
    this.seeded = c.id
    return c
  }

  /** Takes a case filed for me (代办) into my list with its tracking number, the phone it was filed with and its claim code. */
  async claim(trackingNo: string, contactPhone: string, claimCode: string): Promise<string | null> {
    this.claiming = true
    this.claimError = null
    try {
      const c = await this.api.call('petition', 'claim', { trackingNo: trackingNo.trim(), contactPhone: normalisePhone(contactPhone), claimCode: claimCode.trim() })
      runInAction(() => (this.current = c))
      return c.id
    } catch (e) {
      runInAction(() => (this.claimError = failureText(e)))
      return null
    } finally {
      runInAction(() => (this.claiming = false))
    }
  }

  /**
   * Shows case `id`, asked for afresh. The first time after it was filed here, the filing's answer is shown at once
   * and the case as it is now replaces it quietly (the centre may have moved it since): never a stale copy, never a
   * spinner over what is already known.
   */
  async open(id: string): Promise<void> {
    if (this.seeded === id && this.current?.id === id) {
      this.seeded = null
      try {
        const c = await this.api.call('petition', 'get', { id })
        runInAction(() => {
          if (this.current?.id === id) this.current = c
        })
      } catch {
        // The filing's answer stays on screen; the next visit asks again.
      }
      return
    }
    this.seeded = null
    if (this.current?.id !== id) this.current = null
    this.currentLoading = true
    this.currentError = null
    this.actionError = null
    try {
      const c = await this.api.call('petition', 'get', { id })
      runInAction(() => (this.current = c))
    } catch (e) {
      runInAction(() => (this.currentError = failureText(e)))
    } finally {
      runInAction(() => (this.currentLoading = false))
    }
  }

  /** A new claim code for the case on screen (the old one stops working): true once the receipt holds it. */
  async reissueClaimCode(): Promise<boolean> {
    const c = this.current
    if (!c || this.reissuing) return false
    this.reissuing = true
    this.actionError = null
    try {
      const { c: updated, receipt } = splitReceipt(await this.api.call('petition', 'reissueClaimCode', { id: c.id }))
      runInAction(() => {
        this.current = updated
        this.receipt = receipt
      })
      return receipt !== null
    } catch (e) {
      runInAction(() => (this.actionError = failureText(e)))
      return false
    } finally {
      runInAction(() => (this.reissuing = false))
    }
  }

  /** The receipt was handed to the resident: the code is not kept any longer. */
  handedOver(): void {
    this.receipt = null
  }

  addInfo(text: string): Promise<boolean> {
    return this.move('addInfo', (id) => ({ id, text: text.trim() }))
  }

  withdraw(reason?: string): Promise<boolean> {
    return this.move('withdraw', (id) => ({ id, ...(reason?.trim() ? { reason: reason.trim() } : {}) }))
  }

  rate(rating: Rating, comment?: string): Promise<boolean> {
    return this.move('rate', (id) => ({ id, rating, ...(comment?.trim() ? { comment: comment.trim() } : {}) }))
  }

  requestReview(reason: string): Promise<boolean> {
    return this.move('requestReview', (id) => ({ id, reason: reason.trim() }))
  }

  /** One move on the case on screen. A retry of the same move on the same case reuses its request id. */
  private async move<M extends ResidentMove>(action: M, input: (id: string) => ActionInput<'petition', M>): Promise<boolean> {
    const c = this.current
    if (!c || this.acting) return false
    // The same move with the same fields on the same case is a retry; anything else is a new request.
    const key = fingerprint(action, input(c.id))
    const requestId = this.moveRequestIds.get(key) ?? newRequestId()
    this.moveRequestIds.set(key, requestId)
    this.acting = action
    this.actionError = null
    try {
      const updated = await this.api.call('petition', action, input(c.id), { requestId })
      this.moveRequestIds.delete(key)
      runInAction(() => {
        this.current = updated
        this.options.changed?.(updated)
      })
      return true
    } catch (e) {
      runInAction(() => (this.actionError = failureText(e)))
      return false
    } finally {
      runInAction(() => (this.acting = null))
    }
  }
}

/**
 * Self-screening (PHQ-9, GAD-7): one question at a time, scored on the device with the shared score(). Any answer
 * above zero on PHQ-9 item 9 switches to the crisis screen the moment it is given. Answers leave the device only
 * when the person ticks the separate consent and saves; their kept results can be shared with a counsellor or
 * deleted by withdrawing the consent.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ActionInput, ApiError } from '@minan/types/api'
import { SCREENING_CONSENT_VERSION, type OwnScreening } from '@minan/types/functions/counselling'
import { isCrisisAnswer, ITEM_COUNT, score, type Instrument, type ScreeningResult } from '@minan/types/screening'
import { newRequestId, type Api } from '../api/client'
import { toApiError } from '../api/errors'
import { Submission } from '../api/submission'

export type ScreeningStep = 'intro' | 'question' | 'crisis' | 'result'

/** The answer options, scored 0–3 (完全不会 / 好几天 / 一半以上的天数 / 几乎每天). */
export const ANSWER_VALUES = [0, 1, 2, 3] as const

export class ScreeningStore {
  instrument: Instrument | null = null
  answers: (number | null)[] = []
  /** The question on screen, from 0. */
  index = 0
  step: ScreeningStep = 'intro'
  /** PHQ-9 item 9 was answered above zero: the crisis screen was shown and the result keeps a reminder. */
  crisis = false

  /** The separate consent to keep this result; nothing is sent without it. */
  consent = false
  saving = false
  saveError: ApiError | null = null
  saved: OwnScreening | null = null
  /** The save being retried keeps its request id; other answers are another submission. */
  private readonly saveSubmission = new Submission()

  // ---- kept results ----
  results: OwnScreening[] = []
  resultsLoaded = false
  resultsLoading = false
  resultsError: ApiError | null = null
  withdrawing = false
  /** How many results the last withdrawal deleted. */
  deleted: number | null = null
  sharing: string | null = null
  shareError: ApiError | null = null
  /** Screening id → the booking it was just shared with. */
  sharedWith: Record<string, string> = {}

  constructor(private readonly api: Api) {
    makeAutoObservable<ScreeningStore, 'api' | 'saveSubmission'>(this, { api: false, saveSubmission: false })
  }

  get total(): number {
    return this.instrument ? ITEM_COUNT[this.instrument] : 0
  }

  get current(): number | null {
    return this.answers[this.index] ?? null
  }

  /** The score, once every question has an answer; computed here, never by the server. */
  get result(): ScreeningResult | null {
    if (!this.instrument || this.answers.some((a) => a === null)) return null
    const scored = score(this.instrument, this.answers as number[])
    return typeof scored === 'string' ? null : scored
  }

  start(instrument: Instrument): void {
    this.instrument = instrument
    this.answers = Array(ITEM_COUNT[instrument]).fill(null)
    this.index = 0
    this.step = 'question'
    this.crisis = false
    this.consent = false
    this.saved = null
    this.saveError = null
    this.saveSubmission.done()
  }

  /** Records the answer to the question on screen. Item 9 above zero shows the crisis screen now, whatever the total. */
  answer(value: number): void {
    if (this.step !== 'question' || !ANSWER_VALUES.includes(value as 0)) return
    this.answers[this.index] = value
    // A changed answer is a different result: a kept one would no longer match.
    this.saved = null
    this.saveSubmission.done()
    if (this.instrument && isCrisisAnswer(this.instrument, this.index, value)) {
      this.crisis = true
      this.step = 'crisis'
    }
  }

  /**
   * A tap on an answer: records it and moves on by itself (PHQ-9 in 9 taps, not 18) — to the next question, or to the
   * result after the last one; the crisis screen, when item 9 brings it, stays.
   */
  choose(value: number): void {
    this.answer(value)
    if (this.step === 'question' && this.current === value) this.next()
  }

  /** To the next question, or to the result after the last one; only once this one is answered. */
  next(): void {
    if (this.step !== 'question' || this.current === null) return
    if (this.index < this.total - 1) this.index++
    else this.step = 'result'
  }

  /** To the previous question; from the crisis screen or the result, back to the last question. */
  back(): void {
    if (this.step === 'crisis' || this.step === 'result') {
      this.step = 'question'
      this.index = this.total - 1
    } else if (this.step === 'question') {
      if (this.index > 0) this.index--
      else this.step = 'intro'
    }
  }

  /** From the crisis screen to the result (every question is answered by then: item 9 is the last). */
  showResult(): void {
    if (this.result) this.step = 'result'
  }

  restart(): void {
    this.step = 'intro'
    this.instrument = null
    this.answers = []
    this.index = 0
    this.crisis = false
    this.consent = false
    this.saved = null
    this.saveError = null
  }

  setConsent(on: boolean): void {
    this.consent = on
    this.saveError = null
  }

  /** Keeps this result on the server. Refuses, without a call, unless the person consented. */
  async save(): Promise<boolean> {
    const result = this.result
    if (!this.consent || !result || !this.instrument || this.saving || this.saved) return false
    const input: ActionInput<'counselling', 'saveScreening'> = { instrument: this.instrument, answers: this.answers as number[], consentVersion: SCREENING_CONSENT_VERSION }
    const requestId = this.saveSubmission.idFor('saveScreening', input)
    this.saving = true
    this.saveError = null
    try {
      const saved = await this.api.call('counselling', 'saveScreening', input, { requestId })
      runInAction(() => {
        this.saved = saved
        this.saveSubmission.done()
        this.resultsLoaded = false
      })
      return true
    } catch (e) {
      runInAction(() => (this.saveError = toApiError(e)))
      return false
    } finally {
      runInAction(() => (this.saving = false))
    }
  }

  async loadResults(): Promise<void> {
    this.resultsLoading = true
    this.resultsError = null
    try {
      const results = await this.api.call('counselling', 'myScreenings', {})
      runInAction(() => {
        this.results = results
        this.resultsLoaded = true
      })
    } catch (e) {
      runInAction(() => (this.resultsError = toApiError(e)))
    } finally {
      runInAction(() => (this.resultsLoading = false))
    }
  }

  /** Withdraws the consent: the server deletes every kept result. The page asks "are you sure?" first. */
  async withdraw(): Promise<boolean> {
    if (this.withdrawing) return false
    this.withdrawing = true
    this.resultsError = null
    try {
      const { deleted } = await this.api.call('counselling', 'withdrawScreeningConsent', {}, { requestId: newRequestId() })
      runInAction(() => {
        this.deleted = deleted
        this.results = []
        this.sharedWith = {}
        this.saved = null
        this.consent = false
      })
      return true
    } catch (e) {
      runInAction(() => (this.resultsError = toApiError(e)))
      return false
    } finally {
      runInAction(() => (this.withdrawing = false))
    }
  }

  /** Shares one kept result (its score, never the answers) with the counsellor of one of the person's bookings. */
  async share(screeningId: string, bookingId: string): Promise<boolean> {
    if (this.sharing) return false
    this.sharing = screeningId
    this.shareError = null
    try {
      await this.api.call('counselling', 'shareScreening', { screeningId, bookingId }, { requestId: newRequestId() })
      runInAction(() => (this.sharedWith[screeningId] = bookingId))
      return true
    } catch (e) {
      runInAction(() => (this.shareError = toApiError(e)))
      return false
    } finally {
      runInAction(() => (this.sharing = null))
    }
  }
}

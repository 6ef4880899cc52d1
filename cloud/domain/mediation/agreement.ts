/**
 * The mediation agreement (人民调解协议), pure rules: its contents (人民调解法 Art. 29), when it takes effect (Arts. 28–30),
 * the judicial-confirmation window (Art. 33; 民事诉讼法 2023 Art. 205), the follow-ups of performance (Art. 31) and what
 * a party can do when the other does not perform (Arts. 32–33). No I/O: times are passed in.
 */
import { addDays, daysBetween, endOfShanghaiDay, isRealDate, shanghaiDate } from '../../../types/shanghai'

import type { AgreementContent, AgreementKind, PartyDetails, PartySide, PerformanceItem, Signer, FollowUpResult, Route } from '../../../types/functions/agreement'
import { SIGNERS } from '../../../types/functions/agreement'

export type { AgreementContent, AgreementKind, PartyDetails, PartySide, PerformanceItem, Signer, FollowUpResult, Route }
export { PARTY_SIDES, SIGNERS, FOLLOW_UP_RESULTS } from '../../../types/functions/agreement'

/** Character limits of each field (counted as characters, not bytes). */
export const LIMITS = {
  name: 50,
  details: 200,
  facts: 2000,
  disputedMatters: 1000,
  responsibilities: 1000,
  terms: 2000,
  what: 200,
  how: 200,
  items: 20
} as const

export interface ContentProblem {
  /** Dotted path of the field, e.g. `performance.1.dueDate`. */
  field: string
  problem: 'missing' | 'too_long' | 'bad_date' | 'date_past' | 'too_many' | 'none'
}

const chars = (s: string) => [...s].length

function checkText(out: ContentProblem[], field: string, value: string, max: number): void {
  if (!value || !value.trim()) out.push({ field, problem: 'missing' })
  else if (chars(value) > max) out.push({ field, problem: 'too_long' })
}

/**
 * What is wrong with an agreement's contents, field by field; empty when it is complete. `today` is the Shanghai date
 * of the draft: a performance deadline before it cannot be met. A written agreement needs every part of Art. 29 and at
 * least one performance item; an oral one needs what was agreed (its other parts are optional).
 */
export function checkContent(c: AgreementContent, kind: AgreementKind, today: string): ContentProblem[] {
  const out: ContentProblem[] = []
  checkText(out, 'applicant.name', c.applicant.name, LIMITS.name)
  checkText(out, 'respondent.name', c.respondent.name, LIMITS.name)
  checkText(out, 'terms', c.terms, LIMITS.terms)
  if (kind === 'written') {
    checkText(out, 'applicant.details', c.applicant.details, LIMITS.details)
    checkText(out, 'respondent.details', c.respondent.details, LIMITS.details)
    checkText(out, 'facts', c.facts, LIMITS.facts)
    checkText(out, 'disputedMatters', c.disputedMatters, LIMITS.disputedMatters)
    checkText(out, 'responsibilities', c.responsibilities, LIMITS.responsibilities)
    if (c.performance.length === 0) out.push({ field: 'performance', problem: 'none' })
  } else {
    for (const [field, value, max] of [
      ['applicant.details', c.applicant.details, LIMITS.details],
      ['respondent.details', c.respondent.details, LIMITS.details],
      ['facts', c.facts, LIMITS.facts],
      ['disputedMatters', c.disputedMatters, LIMITS.disputedMatters],
      ['responsibilities', c.responsibilities, LIMITS.responsibilities]
    ] as const) {
      if (chars(value) > max) out.push({ field, problem: 'too_long' })
    }
  }
  if (c.performance.length > LIMITS.items) out.push({ field: 'performance', problem: 'too_many' })
  c.performance.forEach((item, i) => {
    checkText(out, `performance.${i}.what`, item.what, LIMITS.what)
    checkText(out, `performance.${i}.how`, item.how, LIMITS.how)
    if (!isRealDate(item.dueDate)) out.push({ field: `performance.${i}.dueDate`, problem: 'bad_date' })
    else if (item.dueDate < today) out.push({ field: `performance.${i}.dueDate`, problem: 'date_past' })
  })
  return out
}

/** The signatures and seal given so far on one version of the agreement, as instants. */
export type Signatures = Partial<Record<Signer, Date>>

/** Who must still sign (or seal) a written agreement. */
export const missingSigners = (signed: Signatures): Signer[] => SIGNERS.filter((s) => !signed[s])

/**
 * When a written agreement takes effect: on the last of the two parties' signatures, the mediator's signature and the
 * committee's seal (Art. 29: 自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会印章之日起生效).
 * Null while any is missing.
 */
export function effectiveAt(signed: Signatures): Date | null {
  if (missingSigners(signed).length) return null
  return new Date(Math.max(...SIGNERS.map((s) => signed[s]!.getTime())))
}

/** An oral agreement (Art. 28, 30) takes effect when the parties agree; the mediator records when that was. */
export function oralEffectiveAt(agreedAt: Date, recordedAt: Date): Date | null {
  // It cannot have been agreed after the mediator recorded it.
  return agreedAt.getTime() <= recordedAt.getTime() ? agreedAt : null
}

/** Who may give which mark on a written agreement: each party their own signature, the mediator theirs, the centre the seal. */
export type SignerRole = { kind: 'party'; side: PartySide } | { kind: 'mediator' } | { kind: 'centre' }

export const signerFor = (role: SignerRole): Signer => (role.kind === 'party' ? role.side : role.kind === 'mediator' ? 'mediator' : 'seal')

/** The days a party has to apply for judicial confirmation, from the agreement's effect (Art. 33). */
export const CONFIRMATION_DAYS = 30

export interface ConfirmationWindow {
  /** The Shanghai date the agreement took effect. */
  effectiveDate: string
  /** The last day on which a joint application can be made (Shanghai). */
  lastDay: string
  /** The last instant of that day. */
  closesAt: Date
}

/**
 * The judicial-confirmation window: 30 days counted from the day after the agreement took effect (a period in days
 * does not count the day it starts: 民事诉讼法 Art. 85), so its last day is the effective date plus 30 calendar days,
 * across month ends as the calendar has them.
 */
export function confirmationWindow(effective: Date, days: number = CONFIRMATION_DAYS): ConfirmationWindow {
  const effectiveDate = shanghaiDate(effective)
  const lastDay = addDays(effectiveDate, days)
  return { effectiveDate, lastDay, closesAt: endOfShanghaiDay(lastDay) }
}

/** Whether the window is still open at `now`, and how many whole Shanghai days are left after today. */
export function windowState(w: ConfirmationWindow, now: Date): { open: boolean; daysLeft: number } {
  const today = shanghaiDate(now)
  const open = now.getTime() <= w.closesAt.getTime()
  const daysLeft = open ? daysBetween(today, w.lastDay) : 0
  return { open, daysLeft }
}

/** The days before the window's last day on which both parties are reminded (setting-free defaults). */
export const REMINDER_DAYS_BEFORE = [7, 1] as const

/** The Shanghai dates on which a reminder of the closing window is due. */
export const reminderDates = (w: ConfirmationWindow): string[] => REMINDER_DAYS_BEFORE.map((d) => addDays(w.lastDay, -d))

/** A region as the court rule needs it: its code and name, and the names of its city and county. */
export interface CourtRegion {
  /** County-level code (6 digits). */
  countyCode: string
  countyName: string
  cityName: string
}

/**
 * The basic people's court (基层人民法院) of the county-level region where the committee is (民事诉讼法 Art. 205 (1)):
 * a city district's court carries the city's name (惠州市惠城区人民法院); a county's or county-level city's its own.
 */
export function basicCourt(r: CourtRegion): { code: string; name: string } {
  const name = r.countyName.endsWith('区') ? `${r.cityName}${r.countyName}人民法院` : `${r.countyName}人民法院`
  return { code: r.countyCode, name }
}

/** One follow-up (回访) the mediator owes: the performance item it checks and the day it is due. */
export interface FollowUpPlan {
  item: number
  dueDate: string
}

/** Each performance deadline creates a follow-up for the mediator on that day (Art. 31); one per item, in date order. */
export function followUpsOf(performance: PerformanceItem[]): FollowUpPlan[] {
  return performance.map((p, item) => ({ item, dueDate: p.dueDate })).sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.item - b.item))
}

/** An agreement is performed once every follow-up has found its item performed. */
export function isPerformed(results: (FollowUpResult | null)[]): boolean {
  return results.length > 0 && results.every((r) => r === 'performed')
}

/**
 * Renewed mediation is always offered; a lawsuit on the agreement (Art. 32) is open to either party; with a judicial
 * confirmation the court can enforce it (Art. 33).
 */
export const routesAfterNonPerformance = (judiciallyConfirmed: boolean): Route[] =>
  judiciallyConfirmed ? ['renewed_mediation', 'lawsuit', 'enforcement'] : ['renewed_mediation', 'lawsuit']

/**
 * The canonical text a signature and the check code are bound to: the content with its keys in a fixed order, so the
 * same agreement always gives the same string and any change gives another.
 */
export function canonicalContent(kind: AgreementKind, c: AgreementContent): string {
  const party = (p: PartyDetails) => [p.name, p.details]
  return JSON.stringify([
    kind,
    party(c.applicant),
    party(c.respondent),
    c.facts,
    c.disputedMatters,
    c.responsibilities,
    c.terms,
    c.performance.map((p) => [p.obligor, p.what, p.how, p.dueDate])
  ])
}

/** The words of the document, section by section: what the app shows and the PDF prints, the same text in both. */
export type { DocumentSection } from '../../../types/functions/agreement'
import type { DocumentSection } from '../../../types/functions/agreement'

const SIDE_WORD: Record<PartySide, string> = { applicant: '申请人', respondent: '被申请人' }

/** A Shanghai date as a Chinese document writes it: 2026年12月7日. */
export const chineseDate = (date: string): string => `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

export function documentSections(kind: AgreementKind, c: AgreementContent): DocumentSection[] {
  const parties = (['applicant', 'respondent'] as const).map((s) => `${SIDE_WORD[s]}：${c[s].name}${c[s].details.trim() ? `，${c[s].details.trim()}` : ''}`).join('\n')
  const performance = c.performance
    .map((p, i) => `${i + 1}. ${SIDE_WORD[p.obligor]}${c[p.obligor].name}于${chineseDate(p.dueDate)}前${p.what}（履行方式：${p.how}）`)
    .join('\n')
  const sections: DocumentSection[] = [{ heading: '当事人', body: parties }]
  if (c.facts.trim()) sections.push({ heading: '纠纷主要事实', body: c.facts })
  if (c.disputedMatters.trim()) sections.push({ heading: '争议事项', body: c.disputedMatters })
  if (c.responsibilities.trim()) sections.push({ heading: '各方当事人的责任', body: c.responsibilities })
  sections.push({ heading: kind === 'oral' ? '口头协议内容' : '经调解，双方自愿达成如下协议', body: c.terms })
  if (performance) sections.push({ heading: '履行方式和期限', body: performance })
  return sections
}

export const documentTitle = (kind: AgreementKind): string => (kind === 'oral' ? '人民调解口头协议登记表' : '人民调解协议书')

/**
 * agreement: the mediation agreement of a dispute (人民调解法 Arts. 28–33) — the mediator drafts it from the case, both
 * parties read and sign it on their phone (a handwritten signature and a one-time code), the mediator signs, the
 * centre seals; then the judicial-confirmation window, the follow-ups of performance and reports of non-performance.
 * An oral agreement is recorded by the mediator. Staff verify a printed agreement by its number and check code.
 */
import * as v from 'valibot'
import { boundedText, requiredText } from '../text'

export const PARTY_SIDES = ['applicant', 'respondent'] as const
export type PartySide = (typeof PARTY_SIDES)[number]
export const SIGNERS = ['applicant', 'respondent', 'mediator', 'seal'] as const
export type Signer = (typeof SIGNERS)[number]
export const AGREEMENT_KINDS = ['written', 'oral'] as const
export type AgreementKind = (typeof AGREEMENT_KINDS)[number]
export type AgreementStatus = 'draft' | 'signing' | 'effective'
export const FOLLOW_UP_RESULTS = ['performed', 'partly', 'not_performed'] as const
export type FollowUpResult = (typeof FOLLOW_UP_RESULTS)[number]
export type Route = 'renewed_mediation' | 'lawsuit' | 'enforcement'

/** A party's basic details as the agreement states them (Art. 29 (1)). */
export interface PartyDetails {
  name: string
  /** 性别、出生日期、住所等, as the mediator writes them and the party reads before signing. */
  details: string
}

/** One thing to be performed: who, what, how, and by which Shanghai date (Art. 29 (3)). */
export interface PerformanceItem {
  obligor: PartySide
  what: string
  how: string
  /** YYYY-MM-DD, Asia/Shanghai. */
  dueDate: string
}

/** What an agreement says (Art. 29). */
export interface AgreementContent {
  applicant: PartyDetails
  respondent: PartyDetails
  /** 主要事实 */
  facts: string
  /** 争议事项 */
  disputedMatters: string
  /** 各方当事人的责任 */
  responsibilities: string
  /** 达成协议的内容 */
  terms: string
  performance: PerformanceItem[]
}

const CaseId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{10,40}$/))
const Party = v.strictObject({ name: boundedText(50), details: boundedText(200) })
const Item = v.strictObject({
  obligor: v.picklist(PARTY_SIDES),
  what: boundedText(200),
  how: boundedText(200),
  dueDate: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))
})
export const ContentSchema = v.strictObject({
  applicant: Party,
  respondent: Party,
  facts: boundedText(2000),
  disputedMatters: boundedText(1000),
  responsibilities: boundedText(1000),
  terms: boundedText(2000),
  performance: v.pipe(v.array(Item), v.maxLength(20))
})

/** A handwritten signature as the canvas gives it: a PNG data URL of at most about 90 KB. */
export const SIGNATURE_MAX_CHARS = 120_000
const SignatureImage = v.pipe(v.string(), v.maxLength(SIGNATURE_MAX_CHARS), v.regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/))
const Version = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000))

export const agreementInput = {
  /** The case's agreement as the caller may see it (a party, the case's mediator, the centre); null when none yet. */
  get: v.strictObject({ caseId: CaseId }),
  /** The mediator's starting point: the parties and facts as the case has them (nothing is saved). */
  template: v.strictObject({ caseId: CaseId }),
  /** The mediator saves the draft (a revision of an agreement out for signing voids its signatures). */
  save: v.strictObject({ caseId: CaseId, content: ContentSchema }),
  /** The mediator hands the complete draft to both parties to read and sign. */
  issue: v.strictObject({ caseId: CaseId, version: Version }),
  /** An oral agreement (Art. 28) as the mediator recorded it, in effect from when it was agreed. */
  recordOral: v.strictObject({ caseId: CaseId, content: ContentSchema, agreedAt: v.pipe(v.string(), v.isoTimestamp()) }),
  /** A party asks for the one-time code that confirms their signature (it arrives in their own messages, and by SMS where configured). */
  requestCode: v.strictObject({ caseId: CaseId, version: Version }),
  /** A party (with the code) or the mediator signs the version they read. */
  sign: v.strictObject({ caseId: CaseId, version: Version, image: SignatureImage, code: v.optional(v.pipe(v.string(), v.regex(/^\d{6}$/))) }),
  /** The centre applies the committee's seal. */
  seal: v.strictObject({ caseId: CaseId, version: Version }),
  /** The agreement as a PDF (base64), or the parties' joint application for judicial confirmation. */
  pdf: v.strictObject({ caseId: CaseId, document: v.optional(v.picklist(['agreement', 'application'])) }),
  /** Staff: is a printed agreement genuine? By its number and check code. */
  verify: v.strictObject({ docNo: v.pipe(v.string(), v.maxLength(60)), code: v.pipe(v.string(), v.maxLength(40)) }),
  /** The mediator records a follow-up (回访) of one performance item. */
  recordFollowUp: v.strictObject({ caseId: CaseId, item: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(19)), result: v.picklist(FOLLOW_UP_RESULTS), note: requiredText(500) }),
  /** A party reports that the other has not performed. */
  reportNonPerformance: v.strictObject({ caseId: CaseId, note: requiredText(500) }),
  /** The mediator or the centre records that the court confirmed the agreement (Art. 33). */
  recordConfirmation: v.strictObject({ caseId: CaseId, date: v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/)) }),
  /** Public: agreements, judicial confirmations and performed agreements per city, or per county within a city. */
  stats: v.strictObject({ cityCode: v.optional(v.pipe(v.string(), v.regex(/^\d{4}$/))) })
}

export interface DocumentSection {
  heading: string
  body: string
}

export type Viewer = 'applicant' | 'respondent' | 'mediator' | 'centre' | 'staff'

export interface AgreementView {
  caseId: string
  trackingNo: string
  docNo: string
  kind: AgreementKind
  status: AgreementStatus
  version: number
  /** The document's title and sections: the very words the PDF prints. */
  title: string
  sections: DocumentSection[]
  content: AgreementContent
  committee: string
  you: Viewer
  signatures: { signer: Signer; signedAt: string | null }[]
  effectiveAt: string | null
  /** The Art. 33 window, from the effective date. */
  window: { effectiveDate: string; lastDay: string; open: boolean; daysLeft: number; court: string } | null
  confirmedAt: string | null
  performedAt: string | null
  followUps: { item: number; dueDate: string; result: FollowUpResult | null; note: string | null; recordedAt: string | null }[]
  reports: { side: PartySide; note: string; createdAt: string }[]
  /** What the parties can do when the agreement is not performed (offered once a report or a failed follow-up exists). */
  routes: Route[] | null
  /** The check code printed on the document, once in effect. */
  checkCode: string | null
  can: { edit: boolean; issue: boolean; sign: boolean; seal: boolean; followUp: boolean; report: boolean; confirm: boolean }
}

export interface AgreementTemplate {
  content: AgreementContent
}

export interface AgreementPdf {
  fileName: string
  /** The PDF file, base64. */
  base64: string
  bytes: number
}

export interface AgreementVerification {
  genuine: boolean
  /** What the centre's record says, to compare with the paper (only when genuine). */
  record: { docNo: string; trackingNo: string; effectiveAt: string | null; parties: string[]; status: AgreementStatus } | null
}

export interface AgreementRegionCounts {
  regionCode: string
  name: string
  agreements: number
  confirmed: number
  performed: number
}

export interface AgreementOutput {
  get: AgreementView | null
  template: AgreementTemplate
  save: AgreementView
  issue: AgreementView
  recordOral: AgreementView
  /** smsSent: the code also went by SMS to the party's phone on the case (where a sender is configured). */
  requestCode: { expiresAt: string; smsSent: boolean }
  sign: AgreementView
  seal: AgreementView
  pdf: AgreementPdf
  verify: AgreementVerification
  recordFollowUp: AgreementView
  reportNonPerformance: AgreementView
  recordConfirmation: AgreementView
  stats: { regions: AgreementRegionCounts[] }
}

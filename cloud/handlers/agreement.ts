/** agreement: the mediation agreement of a dispute, its signing, PDF, judicial-confirmation window and follow-up. */
import { agreementInput } from '../../types/functions/agreement'
import { action } from '../core/context'
import {
  agreementPdf,
  agreementStats,
  agreementTemplate,
  getAgreement,
  issueAgreement,
  recordConfirmation,
  recordFollowUp,
  recordOralAgreement,
  reportNonPerformance,
  requestSignCode,
  saveAgreement,
  sealAgreement,
  signAgreement,
  verifyAgreement
} from '../application/mediation/agreements'

/** A signature image is a PNG of up to about 90 KB, sent as base64 text. */
/**
 * The largest bodies the agreement's inputs allow, counted as tests/unit/validation.test.ts counts them (three bytes a
 * character): an agreement's text fields together, and a signature image with its version.
 */
const AGREEMENT_BODY = 192 * 1024
const SIGNATURE_BODY = 384 * 1024

export const agreement = {
  get: action({ input: agreementInput.get, access: 'user', run: ({ caseId }, ctx) => getAgreement(ctx, caseId) }),
  template: action({ input: agreementInput.template, access: 'user', run: ({ caseId }, ctx) => agreementTemplate(ctx, caseId) }),
  save: action({ input: agreementInput.save, access: 'user', maxBody: AGREEMENT_BODY, run: ({ caseId, content }, ctx) => saveAgreement(ctx, caseId, content) }),
  issue: action({ input: agreementInput.issue, access: 'user', run: ({ caseId, version }, ctx) => issueAgreement(ctx, caseId, version) }),
  recordOral: action({
    input: agreementInput.recordOral,
    access: 'user',
    maxBody: AGREEMENT_BODY,
    run: ({ caseId, content, agreedAt }, ctx) => recordOralAgreement(ctx, caseId, content, agreedAt)
  }),
  requestCode: action({ input: agreementInput.requestCode, access: 'user', run: ({ caseId, version }, ctx) => requestSignCode(ctx, caseId, version) }),
  sign: action({
    input: agreementInput.sign,
    access: 'user',
    maxBody: SIGNATURE_BODY,
    run: ({ caseId, version, image, code }, ctx) => signAgreement(ctx, caseId, version, image, code)
  }),
  seal: action({ input: agreementInput.seal, access: 'user', run: ({ caseId, version }, ctx) => sealAgreement(ctx, caseId, version) }),
  pdf: action({ input: agreementInput.pdf, access: 'user', run: ({ caseId, document }, ctx) => agreementPdf(ctx, caseId, document ?? 'agreement') }),
  verify: action({ input: agreementInput.verify, access: 'user', run: ({ docNo, code }, ctx) => verifyAgreement(ctx, docNo, code) }),
  recordFollowUp: action({
    input: agreementInput.recordFollowUp,
    access: 'user',
    run: ({ caseId, item, result, note }, ctx) => recordFollowUp(ctx, caseId, item, result, note)
  }),
  reportNonPerformance: action({ input: agreementInput.reportNonPerformance, access: 'user', run: ({ caseId, note }, ctx) => reportNonPerformance(ctx, caseId, note) }),
  recordConfirmation: action({ input: agreementInput.recordConfirmation, access: 'user', run: ({ caseId, date }, ctx) => recordConfirmation(ctx, caseId, date) }),
  stats: action({ input: agreementInput.stats, access: 'public', run: ({ cityCode }, ctx) => agreementStats(ctx, cityCode) })
}

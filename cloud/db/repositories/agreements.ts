/**
 * Mediation agreements, their signatures, signing codes, follow-ups, non-performance reports and sent reminders.
 * Sealed columns (content, signature images, notes) are sealed here on the way in and opened on the way out, so the
 * layers above see plain values. Every write runs in the caller's transaction.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { FieldCipher } from '../../core/crypto'
import type {
  AgreementCodesTable,
  AgreementFollowupsTable,
  AgreementReportsTable,
  AgreementSignaturesTable,
  AgreementsTable,
  Database
} from '../schema'
import { isPostgres } from '../dialect'
import { openRow, sealPatch, sealRow } from '../sealed'

type Db = Kysely<Database> | Transaction<Database>

export type AgreementRow = AgreementsTable
export type SignatureRow = AgreementSignaturesTable
export type CodeRow = AgreementCodesTable
export type FollowUpRow = AgreementFollowupsTable
export type ReportRow = AgreementReportsTable

/** Agreements, judicial confirmations and performed agreements in one region (a city's or county's code prefix). */
export interface AgreementCounts {
  regionCode: string
  agreements: number
  confirmed: number
  performed: number
}

export class AgreementRepository {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher
  ) {}

  private open = (row: AgreementRow | undefined): AgreementRow | null => (row ? openRow(this.cipher, 'agreements', row) : null)

  async byCase(caseId: string, forUpdate = false): Promise<AgreementRow | null> {
    const query = this.db.selectFrom('agreements').selectAll().where('case_id', '=', caseId)
    return this.open(await (forUpdate && isPostgres(this.db) ? query.forUpdate() : query).executeTakeFirst())
  }

  async byDocNo(docNo: string): Promise<AgreementRow | null> {
    return this.open(await this.db.selectFrom('agreements').selectAll().where('doc_no', '=', docNo).executeTakeFirst())
  }

  async insert(row: AgreementRow): Promise<void> {
    await this.db.insertInto('agreements').values(sealRow(this.cipher, 'agreements', row)).execute()
  }

  async update(id: string, patch: Partial<AgreementRow>): Promise<void> {
    await this.db.updateTable('agreements').set(sealPatch(this.cipher, 'agreements', id, patch)).where('id', '=', id).execute()
  }

  /** The signatures of one version of an agreement, images opened. */
  async signatures(agreementId: string, version: number): Promise<SignatureRow[]> {
    const rows = await this.db.selectFrom('agreement_signatures').selectAll().where('agreement_id', '=', agreementId).where('version', '=', version).execute()
    return rows.map((r) => openRow(this.cipher, 'agreement_signatures', r))
  }

  /** Adds a signature unless that signer already signed this version; true when this call added it. */
  async addSignature(row: SignatureRow): Promise<boolean> {
    const result = await this.db
      .insertInto('agreement_signatures')
      .values(sealRow(this.cipher, 'agreement_signatures', row))
      .onConflict((oc) => oc.columns(['agreement_id', 'version', 'signer']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }

  async code(agreementId: string, signer: string): Promise<CodeRow | null> {
    return (await this.db.selectFrom('agreement_codes').selectAll().where('agreement_id', '=', agreementId).where('signer', '=', signer).executeTakeFirst()) ?? null
  }

  /** Replaces a signer's code (a new one makes the old one useless). */
  async putCode(row: CodeRow): Promise<void> {
    await this.db.deleteFrom('agreement_codes').where('agreement_id', '=', row.agreement_id).where('signer', '=', row.signer).execute()
    await this.db.insertInto('agreement_codes').values(row).execute()
  }

  async spendTry(agreementId: string, signer: string): Promise<void> {
    await this.db
      .updateTable('agreement_codes')
      .set({ tries: sql<number>`tries + 1` })
      .where('agreement_id', '=', agreementId)
      .where('signer', '=', signer)
      .execute()
  }

  async dropCodes(agreementId: string, signer?: string): Promise<void> {
    let query = this.db.deleteFrom('agreement_codes').where('agreement_id', '=', agreementId)
    if (signer) query = query.where('signer', '=', signer)
    await query.execute()
  }

  async insertFollowUps(rows: FollowUpRow[]): Promise<void> {
    if (rows.length) await this.db.insertInto('agreement_followups').values(rows.map((r) => sealRow(this.cipher, 'agreement_followups', r))).execute()
  }

  async followUps(agreementId: string): Promise<FollowUpRow[]> {
    const rows = await this.db.selectFrom('agreement_followups').selectAll().where('agreement_id', '=', agreementId).orderBy('due_date').orderBy('item').execute()
    return rows.map((r) => openRow(this.cipher, 'agreement_followups', r))
  }

  async recordFollowUp(agreementId: string, item: number, patch: Pick<FollowUpRow, 'result' | 'note' | 'recorded_by' | 'recorded_at'>): Promise<boolean> {
    const sealed = sealRow(this.cipher, 'agreement_followups', { agreement_id: agreementId, item, ...patch })
    const result = await this.db
      .updateTable('agreement_followups')
      .set({ result: sealed.result, note: sealed.note, recorded_by: sealed.recorded_by, recorded_at: sealed.recorded_at })
      .where('agreement_id', '=', agreementId)
      .where('item', '=', item)
      .executeTakeFirst()
    return Number(result.numUpdatedRows) === 1
  }

  async insertReport(row: ReportRow): Promise<void> {
    await this.db.insertInto('agreement_reports').values(sealRow(this.cipher, 'agreement_reports', row)).execute()
  }

  async reports(agreementId: string): Promise<ReportRow[]> {
    const rows = await this.db.selectFrom('agreement_reports').selectAll().where('agreement_id', '=', agreementId).orderBy('created_at').execute()
    return rows.map((r) => openRow(this.cipher, 'agreement_reports', r))
  }

  /** Records a reminder as sent; false when it had been already (so a job run twice sends it once). */
  async markReminder(agreementId: string, kind: string, at: string): Promise<boolean> {
    const result = await this.db
      .insertInto('agreement_reminders')
      .values({ agreement_id: agreementId, kind, sent_at: at })
      .onConflict((oc) => oc.columns(['agreement_id', 'kind']).doNothing())
      .executeTakeFirst()
    return Number(result.numInsertedOrUpdatedRows ?? 0) === 1
  }

  /** Effective agreements not (yet) judicially confirmed whose window may still be open: effective since `since`. */
  async inWindow(since: string): Promise<AgreementRow[]> {
    const rows = await this.db.selectFrom('agreements').selectAll().where('status', '=', 'effective').where('confirmed_at', 'is', null).where('effective_at', '>=', since).execute()
    return rows.map((r) => openRow(this.cipher, 'agreements', r))
  }

  /** Follow-ups due on or before `date` and not recorded yet, with their agreement's case and mediator. */
  async dueFollowUps(date: string): Promise<{ agreement_id: string; item: number; due_date: string; case_id: string; mediator_id: string }[]> {
    return this.db
      .selectFrom('agreement_followups as f')
      .innerJoin('agreements as a', 'a.id', 'f.agreement_id')
      .select(['f.agreement_id', 'f.item', 'f.due_date', 'a.case_id', 'a.mediator_id'])
      .where('f.due_date', '<=', date)
      .where('f.result', 'is', null)
      .where('a.status', '=', 'effective')
      .execute()
  }

  /**
   * Public counts per region, grouped by the first `digits` digits of the case's region: effective agreements, those
   * judicially confirmed, those performed. Only regions with at least one agreement appear.
   */
  async countsByRegion(digits: 4 | 6, prefix = ''): Promise<AgreementCounts[]> {
    const region = sql<string>`substr(region_code, 1, ${sql.lit(digits)})`
    let query = this.db
      .selectFrom('agreements')
      .select([
        region.as('region'),
        (eb) => eb.fn.countAll<number>().as('agreements'),
        (eb) => eb.fn.count<number>('confirmed_at').as('confirmed'),
        (eb) => eb.fn.count<number>('performed_at').as('performed')
      ])
      .where('status', '=', 'effective')
    if (prefix) query = query.where('region_code', 'like', `${prefix}%`)
    const rows = await query.groupBy(region).orderBy(region).execute()
    return rows.map((r) => ({ regionCode: r.region, agreements: Number(r.agreements), confirmed: Number(r.confirmed), performed: Number(r.performed) }))
  }
}

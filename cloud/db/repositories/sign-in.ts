/** Sign-in: people found by WeChat (OPENID, UNIONID) or by a verified phone, and one-time text-message codes. */
import { sql, type Kysely } from 'kysely'
import type { Database, SignInCodesTable } from '../schema'
import { UserRepository } from './users'

export class SignInRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The resident for a WeChat OPENID (created on first sight), with the UNIONID recorded where WeChat gave one. */
  async ensureForWechat(openid: string, unionid: string | null, newId: string, now: string): Promise<string> {
    const id = await new UserRepository(this.db).ensureForOpenid(openid, newId, now)
    if (unionid) await this.db.updateTable('users').set({ unionid }).where('id', '=', id).where((eb) => eb.or([eb('unionid', 'is', null), eb('unionid', '!=', unionid)])).execute()
    return id
  }

  /**
   * The person whose verified phone has this keyed hash, created as a resident on first sight (a concurrent first
   * sign-in finds the winner's row); the phone is marked verified now.
   */
  async ensureForPhone(phoneHash: string, displayName: string, newId: string, now: string): Promise<string> {
    await this.db
      .insertInto('users')
      .values({ id: newId, openid: null, display_name: displayName, created_at: now, demo_account: null, home_region: null, phone_hash: phoneHash, phone_verified_at: now })
      .onConflict((oc) => oc.column('phone_hash').doNothing())
      .execute()
    const row = (await this.db.selectFrom('users').select('id').where('phone_hash', '=', phoneHash).executeTakeFirst())!
    await this.db.updateTable('users').set({ phone_verified_at: now }).where('id', '=', row.id).execute()
    await new UserRepository(this.db).grant(row.id, 'resident', null, now)
    return row.id
  }

  async phoneVerifiedAt(userId: string): Promise<string | null> {
    return (await this.db.selectFrom('users').select('phone_verified_at').where('id', '=', userId).executeTakeFirst())?.phone_verified_at ?? null
  }

  async code(phoneHash: string): Promise<SignInCodesTable | null> {
    return (await this.db.selectFrom('sign_in_codes').selectAll().where('phone_hash', '=', phoneHash).executeTakeFirst()) ?? null
  }

  /** A new code for the number; the previous one, used or not, stops working. */
  async putCode(row: SignInCodesTable): Promise<void> {
    await this.db.deleteFrom('sign_in_codes').where('phone_hash', '=', row.phone_hash).execute()
    await this.db.insertInto('sign_in_codes').values(row).execute()
  }

  /** Drops the number's code if it is still this one (a code whose message could not be sent). */
  async dropCode(phoneHash: string, codeHash: string): Promise<void> {
    await this.db.deleteFrom('sign_in_codes').where('phone_hash', '=', phoneHash).where('code_hash', '=', codeHash).execute()
  }

  /** Uses the code: true for exactly one caller, however many present it at once. */
  async consumeCode(phoneHash: string, codeHash: string, now: string): Promise<boolean> {
    const r = await this.db.deleteFrom('sign_in_codes').where('phone_hash', '=', phoneHash).where('code_hash', '=', codeHash).where('expires_at', '>', now).executeTakeFirst()
    return Number(r.numDeletedRows) === 1
  }

  /** Counts a wrong try against the number's code. */
  async countFailure(phoneHash: string): Promise<void> {
    await this.db.updateTable('sign_in_codes').set({ failures: sql<number>`failures + 1` }).where('phone_hash', '=', phoneHash).execute()
  }
}

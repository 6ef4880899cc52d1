/**
 * Runs a change once per client request id, inside one transaction with the change itself:
 * a retry, a double tap or a concurrent duplicate gets the first result back and changes nothing.
 * A request id is bound to what it asked (a digest of the function, action and validated input): the same id sent
 * with something else is refused with REQUEST_REUSED and changes nothing, rather than answered with the first result.
 */
import crypto from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'
import type { HandlerContext } from './context'
import { fail } from './errors'
import { canonicalJson } from '../../types/canonical'

/** The stored key of a request (its person, action and id) and the digest of what it asked. */
export interface RequestKey {
  key: string
  /** Null where no digest is known (a call from inside the backend): then only the id is checked. */
  digest: string | null
}

type Db = Kysely<Database> | Transaction<Database>

/** What a `prepare` step answers to settle a request itself (nothing to do): `ref` is the answer, and nothing is written. */
export class Settled {
  constructor(readonly ref: string) {}
}

export const settled = (ref: string): Settled => new Settled(ref)

/**
 * Runs `work` once per request key, in one transaction with the key's record. `prepare`, when given, runs first and
 * outside that transaction (reads and checks that need not hold a lock, a call to a content checker, a filing's
 * checks), and only for a request not carried out yet: a retry of one that was is answered with its first result
 * before `prepare` looks at anything, since what it would check may have changed since (a consultation already
 * converted). What `prepare` returns is handed to `work`; returning `settled(ref)` answers `ref` and writes nothing,
 * not even the request's record.
 */
export async function once<P = undefined>(
  db: Kysely<Database>,
  key: RequestKey | null,
  now: Date,
  work: (trx: Transaction<Database>, prepared: P) => Promise<string>,
  prepare?: () => Promise<P | Settled>
): Promise<{ ref: string; replay: boolean }> {
  let prepared = undefined as P
  if (prepare) {
    const first = await firstResult(db, key)
    if (first !== null) return { ref: first, replay: true }
    const outcome = await prepare()
    if (outcome instanceof Settled) return { ref: outcome.ref, replay: false }
    prepared = outcome
  }
  return db.transaction().execute(async (trx) => {
    if (key) {
      // On PostgreSQL a concurrent duplicate waits here on the unique key until the first commits.
      const inserted = await trx
        .insertInto('idempotency')
        .values({ request_key: key.key, response: null, created_at: now.toISOString(), input_digest: key.digest })
        .onConflict((oc) => oc.column('request_key').doNothing())
        .executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ref: (await firstResult(trx, key))!, replay: true }
    }
    const ref = await work(trx, prepared)
    if (key) await trx.updateTable('idempotency').set({ response: ref }).where('request_key', '=', key.key).execute()
    return { ref, replay: false }
  })
}

/**
 * The first result of a request already carried out (a retry after the answer was lost), or null if there was none;
 * REQUEST_REUSED if the id was first used for something else.
 */
async function firstResult(db: Db, key: RequestKey | null): Promise<string | null> {
  if (!key) return null
  const first = await db.selectFrom('idempotency').select(['response', 'input_digest']).where('request_key', '=', key.key).executeTakeFirst()
  if (!first) return null
  // Records from before digests were kept (null) are taken at their word.
  if (first.input_digest !== null && key.digest !== null && first.input_digest !== key.digest) fail('REQUEST_REUSED', 'requestId')
  return first.response
}

/**
 * Whether this person already carried out this very call (same request id, same function, action and input): a retry
 * whose answer was lost. Checks that run before once() — the content check — let such a retry through to once(),
 * which answers it with its first result, instead of refusing now what was accepted then.
 */
export async function carriedOut(db: Db, ctx: Pick<HandlerContext, 'requestId' | 'digest'>, userId: string): Promise<boolean> {
  if (!ctx.requestId || !ctx.digest) return false
  // Found by the digest (indexed, 0018); the key ("<userId>:<fn>.<action>:<requestId>") must be this person's and id's.
  const rows = await db.selectFrom('idempotency').select('request_key').where('input_digest', '=', ctx.digest).where('response', 'is not', null).execute()
  return rows.some((r) => r.request_key.startsWith(`${userId}:`) && r.request_key.endsWith(`:${ctx.requestId}`))
}

/**
 * Request ids are scoped to the person and the action, so one person's id can never replay another's result; the
 * digest of the call the dispatcher validated goes with it.
 */
export const requestKey = (ctx: Pick<HandlerContext, 'requestId' | 'digest'>, userId: string, fn: string, action: string): RequestKey | null =>
  ctx.requestId ? { key: `${userId}:${fn}.${action}:${ctx.requestId}`, digest: ctx.digest ?? null } : null

/**
 * What a request asked, as the digest stored with its id: the function, the action and the validated input. The app
 * keys it (the key ring's hash key), since an input holds phone numbers and names that a plain hash would let anyone
 * with the database confirm by guessing.
 */
export const requestDigest = (fn: string, action: string, input: unknown, hash: (text: string) => string = sha256): string =>
  hash(`${fn}.${action}\n${canonicalJson(input)}`)

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('base64url')

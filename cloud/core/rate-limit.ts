/**
 * Rate limits that hold across processes: each guarded attempt is a row in `attempts` under one or more scopes
 * (e.g. `claim:user:<id>`, `claim:no:<trackingNo>`). An attempt is refused with RATE_LIMITED when any of its scopes
 * already has `attempts` rows within the last `minutes`; otherwise it is recorded before the guarded work runs, so a
 * failed attempt counts too.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema'
import { isPostgres } from '../db/dialect'
import { fail } from './errors'

export interface Limit {
  attempts: number
  minutes: number
}

/**
 * Spends one attempt under each scope, or refuses with RATE_LIMITED (telling how many minutes the window is). Given a
 * transaction, the attempt is part of it: it counts only if the guarded work commits (so a refused or replayed request
 * costs nothing), and on PostgreSQL concurrent attempts under the same scope queue on an advisory lock, so the limit
 * holds exactly under concurrency.
 */
export async function spendAttempt(db: Kysely<Database> | Transaction<Database>, scopes: string[], limit: Limit, now: Date, options: { postgres?: boolean } = {}): Promise<void> {
  // The engine is read from the connection; `options.postgres` is no longer needed (an explicit value still wins).
  const spend = async (trx: Kysely<Database>) => {
    const postgres = options.postgres ?? isPostgres(trx)
    if (postgres && trx.isTransaction) await lockScopes(trx, scopes)
    // On PostgreSQL the check, the clean-up and the record are one statement (one round trip where three were sent).
    if (postgres) return spendInOneStatement(trx, scopes, limit, now)
    await refuseOverLimit(trx, scopes, limit, now)
    await recordAttempt(trx, scopes, limit, now)
  }
  if (db.isTransaction) return spend(db)
  // Outside a transaction the attempt is recorded before the guarded work runs, so a failed attempt counts too.
  await db.transaction().execute(spend)
}

/** On PostgreSQL, attempts on the same scopes queue here (in a fixed order, so two callers never deadlock). */
async function lockScopes(trx: Kysely<Database>, scopes: string[]): Promise<void> {
  for (const scope of [...scopes].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${scope}, 0))`.execute(trx)
}

const windowStart = (limit: Limit, now: Date) => new Date(now.getTime() - limit.minutes * 60_000).toISOString()

/** RATE_LIMITED when any scope has used up its attempts within the window. */
async function refuseOverLimit(trx: Kysely<Database>, scopes: string[], limit: Limit, now: Date): Promise<void> {
  const recent = await trx
    .selectFrom('attempts')
    .select(['scope', (eb) => eb.fn.countAll<number>().as('n')])
    .where('scope', 'in', scopes)
    .where('at', '>', windowStart(limit, now))
    .groupBy('scope')
    .execute()
  if (recent.some((r) => Number(r.n) >= limit.attempts)) fail('RATE_LIMITED', undefined, { minutes: String(limit.minutes) })
}

/**
 * refuseOverLimit and recordAttempt in one PostgreSQL statement: the attempt is recorded only when no scope is over its
 * limit, and the statement answers whether one was. The window's old rows are dropped either way (they count for
 * nothing). Run after lockScopes in a transaction, its snapshot sees every attempt committed before the lock was had.
 */
async function spendInOneStatement(trx: Kysely<Database>, scopes: string[], limit: Limit, now: Date): Promise<void> {
  const from = windowStart(limit, now)
  const { rows } = await sql<{ over: boolean }>`
    with over as (select 1 from attempts where scope = any(${scopes}::text[]) and at > ${from} group by scope having count(*) >= ${limit.attempts}),
      dropped as (delete from attempts where scope = any(${scopes}::text[]) and at <= ${from}),
      added as (insert into attempts (scope, at) select unnest(${scopes}::text[]), ${now.toISOString()} where not exists (select 1 from over))
    select exists (select 1 from over) as over`.execute(trx)
  if (rows[0]?.over) fail('RATE_LIMITED', undefined, { minutes: String(limit.minutes) })
}

/** Counts an attempt against every scope; rows older than the window no longer count and are dropped on the way. */
async function recordAttempt(trx: Kysely<Database>, scopes: string[], limit: Limit, now: Date): Promise<void> {
  await trx.deleteFrom('attempts').where('scope', 'in', scopes).where('at', '<=', windowStart(limit, now)).execute()
  await trx.insertInto('attempts').values(scopes.map((scope) => ({ scope, at: now.toISOString() }))).execute()
}

/**
 * Guesses at a secret tied to one record (a case's phone or claim code, by its tracking number). Only failures count,
 * and they count against the guesser: per client and number (`<kind>:no:<no>:client:<client>`), per client across
 * numbers (`<kind>:client:<client>`), and per person when signed in (`<kind>:user:<id>`). Nothing counts against the
 * number alone, so a stranger's wrong guesses never block its owner, who tries from their own phone.
 *
 * The check, the guarded work and the failure are one transaction (queued per scope on PostgreSQL), so a burst of
 * parallel guesses cannot slip past the count. `work` answers null for a failed guess: the failure is recorded and
 * null returned (the caller then answers as for a record that does not exist); anything else is returned as it is.
 */
export async function guardGuesses<T>(
  db: Kysely<Database>,
  guess: { kind: string; key: string; client: string | null | undefined; userId: string | null },
  limit: Limit,
  now: Date,
  work: (trx: Transaction<Database>) => Promise<T | null>
): Promise<T | null> {
  const client = guess.client ?? 'unknown'
  const scopes = [`${guess.kind}:no:${guess.key}:client:${client}`, `${guess.kind}:client:${client}`]
  if (guess.userId) scopes.push(`${guess.kind}:user:${guess.userId}`)
  return db.transaction().execute(async (trx) => {
    if (isPostgres(trx)) await lockScopes(trx, scopes)
    await refuseOverLimit(trx, scopes, limit, now)
    const result = await work(trx)
    if (result !== null) return result
    await recordAttempt(trx, scopes, limit, now)
    return null
  })
}

/**
 * Reads anyone may make (public statistics, Open311, lookups, region and advisor search), limited per client in this
 * process's memory rather than in `attempts`: a read must not cost a write, and the limit is there to keep one client
 * from starving the others, not to count exactly across processes. A token bucket per client: `attempts` in a burst,
 * refilled at `attempts` per `minutes`. A client the transport cannot name is not limited here (the cloud-function
 * entry always names one: the caller's openid).
 */
export class ClientLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private sweptAt = 0

  constructor(private readonly limit: () => Limit) {}

  /** Takes one request's token for a client; false when it has none left (answer RATE_LIMITED). */
  admit(client: string | null | undefined, now: number): boolean {
    if (!client) return true
    const { attempts, minutes } = this.limit()
    const perMs = attempts / (minutes * 60_000)
    const b = this.buckets.get(client)
    const tokens = b ? Math.min(attempts, b.tokens + Math.max(0, now - b.at) * perMs) : attempts
    if (tokens < 1) {
      if (b) Object.assign(b, { tokens, at: now })
      return false
    }
    this.buckets.set(client, { tokens: tokens - 1, at: now })
    this.sweep(now, attempts, perMs)
    return true
  }

  /** Forgets clients whose bucket has filled up again (they are as new), at most once a window, so memory stays bounded. */
  private sweep(now: number, attempts: number, perMs: number): void {
    if (this.buckets.size < 10_000 || now - this.sweptAt < attempts / perMs) return
    this.sweptAt = now
    for (const [client, b] of this.buckets) if (b.tokens + (now - b.at) * perMs >= attempts) this.buckets.delete(client)
  }
}

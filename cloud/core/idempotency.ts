/**
 * Runs a change once per client request id, inside one transaction with the change itself:
 * a retry, a double tap or a concurrent duplicate gets the first result back and changes nothing.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema'

export async function once(
  db: Kysely<Database>,
  key: string | null,
  now: Date,
  work: (trx: Transaction<Database>) => Promise<string>
): Promise<{ ref: string; replay: boolean }> {
  return db.transaction().execute(async (trx) => {
    if (key) {
      // On PostgreSQL a concurrent duplicate waits here on the unique key until the first commits.
      const inserted = await trx
        .insertInto('idempotency')
        .values({ request_key: key, response: null, created_at: now.toISOString() })
        .onConflict((oc) => oc.column('request_key').doNothing())
        .executeTakeFirst()
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
        const first = await trx.selectFrom('idempotency').select('response').where('request_key', '=', key).executeTakeFirstOrThrow()
        return { ref: first.response!, replay: true }
      }
    }
    const ref = await work(trx)
    if (key) await trx.updateTable('idempotency').set({ response: ref }).where('request_key', '=', key).execute()
    return { ref, replay: false }
  })
}

/** Request ids are scoped to the person and the action, so one person's id can never replay another's result. */
export const requestKey = (userId: string, fn: string, action: string, requestId: string | null) => (requestId ? `${userId}:${fn}.${action}:${requestId}` : null)

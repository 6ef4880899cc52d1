/**
 * Which database engine a connection or transaction talks to. Repositories ask this where the engines differ (row
 * locks, upserts, date arithmetic); handlers and the application layer never see the dialect.
 */
import { PostgresAdapter, type Kysely } from 'kysely'

// Kysely keeps the adapter on its executor (shared by a connection and its transactions); getExecutor is marked
// internal but stable across Kysely's releases, and a test pins this on both engines.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const isPostgres = (db: Kysely<any>): boolean => db.getExecutor().adapter instanceof PostgresAdapter

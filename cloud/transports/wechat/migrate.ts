/**
 * The `migrate` cloud function: brings the database to this build's schema and seeds what is missing (the region
 * tree; demo data outside production). It runs once per deployment, before the API functions take calls: from the
 * console (云开发控制台 → 云函数 → migrate → 云端测试) or `tcb fn invoke migrate`. No API function migrates or seeds:
 * their first call only connects. Each step is idempotent, so running it again changes nothing.
 *
 * A call from the mini-program carries an OPENID and is refused: nobody can make it run from a phone.
 */
import * as cloud from 'wx-server-sdk'
import type { Envelope } from '../../../types/api'
import { failure } from '../../dispatch'
import { startBackend } from '../../bootstrap'
import { cloudConfig, ConfigurationError } from './config'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

export interface MigrateResult {
  /** The database kind the migrations ran on. */
  database: 'sqlite' | 'postgres'
  /** How long migrating and seeding took. */
  ms: number
}
export type MigrateMain = (event: unknown, context?: unknown) => Promise<Envelope<MigrateResult>>

export function createMigrateMain(): MigrateMain {
  return async () => {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    if (cloud.getWXContext().OPENID) return failure('FORBIDDEN', 'zh-CN')
    const t0 = Date.now()
    try {
      const backend = await startBackend({ config: cloudConfig(process.env) })
      const database = backend.database.kind
      await backend.close()
      const result = { database, ms: Date.now() - t0 }
      log('migrated', result)
      return { ok: true, data: result }
    } catch (e) {
      log('migrate_failed', { error: e instanceof Error ? e.stack : String(e) })
      if (e instanceof ConfigurationError) return failure('NOT_CONFIGURED', 'zh-CN', undefined, { detail: e.message })
      return failure('INTERNAL', 'zh-CN')
    }
  }
}

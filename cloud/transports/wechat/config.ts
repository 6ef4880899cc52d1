/** A cloud function's configuration, from its environment variables (云函数 → 配置 → 环境变量). */
import os from 'node:os'
import path from 'node:path'
import { loadConfig, miniprogramStateOf, type Config } from '../../config'
import type { MiniprogramState } from '../../ports/notifier'

/** A deployment mistake the operator has to fix; its message is safe to show and says what to do. */
export class ConfigurationError extends Error {}

/** The configuration of a cloud function, or the operator's mistake in it. */
export function cloudConfig(env: NodeJS.ProcessEnv): Config {
  const production = env.NODE_ENV === 'production'
  const databaseUrl = env.DATABASE_URL || null
  // A container's disk is thrown away when it is recycled: in production only PostgreSQL keeps the data.
  if (production && !(databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl))) {
    throw new ConfigurationError('DATABASE_URL must name a PostgreSQL database (postgres://…) for cloud functions when NODE_ENV=production')
  }
  try {
    // /tmp is the one writable place in a cloud container; SQLite there is only for local trials.
    return loadConfig(env, { dataDir: path.resolve(env.MINAN_DATA_DIR ?? path.join(os.tmpdir(), 'minan')) })
  } catch (e) {
    throw new ConfigurationError(e instanceof Error ? e.message : String(e))
  }
}

export { MINIPROGRAM_STATES, type MiniprogramState } from '../../ports/notifier'

/** Which version of the mini-program a subscription message opens (config.ts miniprogramStateOf), or the operator's typo. */
export function miniprogramStateFrom(env: NodeJS.ProcessEnv): MiniprogramState {
  try {
    return miniprogramStateOf(env)
  } catch (e) {
    throw new ConfigurationError(e instanceof Error ? e.message : String(e))
  }
}

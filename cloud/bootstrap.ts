/** Builds the services from configuration: opens the database, migrates, seeds what is missing. */
import crypto from 'node:crypto'
import { loadConfig, type Config } from './config'
import { openDatabase, type DatabaseHandle } from './db/database'
import { migrate } from './db/migrations'
import { seedRegions } from './seed/regions'
import { seedDemoUsers } from './seed/demo'
import { systemClock, type Clock } from './ports/clock'
import { TokenService } from './core/tokens'
import type { Services } from './core/context'

export interface Backend {
  services: Services
  database: DatabaseHandle
  close(): Promise<void>
}

export const newId = (): string => crypto.randomBytes(16).toString('base64url')

export async function startBackend(options: { config?: Config; clock?: Clock } = {}): Promise<Backend> {
  const config = options.config ?? loadConfig()
  const clock = options.clock ?? systemClock
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    await migrate(database.db)
    await seedRegions(database.db)
    if (config.demo) await seedDemoUsers(database.db, newId, clock.now())
  } catch (e) {
    await database.close()
    throw e
  }
  const services: Services = {
    db: database.db,
    dbKind: database.kind,
    config,
    clock,
    tokens: new TokenService(config.sessionSecret, config.sessionTtlHours * 3600_000),
    newId
  }
  return { services, database, close: () => database.close() }
}

/** Builds the services from configuration: opens the database, migrates, seeds what is missing. */
import { normaliseStoredPhones } from './db/phones'
import { migrate } from './db/migrations'
import { seedRegions } from './seed/regions'
import { seedDemoUsers } from './seed/demo'
import { seedDemoCases } from './seed/cases'
import { seedCounselling } from './seed/counselling'
import { seedLegal } from './seed/legal'
import { sealAtRest } from './db/sealed'
import { newId, openBackend, type Backend, type BackendOptions } from './services'

export { newId, type Backend }

/** Brings a database to the current schema and seeds what is missing; safe to run again (each step is idempotent). */
export async function prepareDatabase(backend: Backend): Promise<void> {
  const { database } = backend
  const { config, cipher, clock, settings } = backend.services
  await migrate(database.db)
  // Once, before anything new is written: values from before 0016 sealed, v1 values sealed again as v2.
  const sealed = await sealAtRest(database.db, cipher, database.kind)
  if (sealed && sealed.sealed + sealed.resealed > 0) console.log(JSON.stringify({ event: 'sealed_at_rest', ...sealed }))
  await normaliseStoredPhones(database.db, cipher)
  await seedRegions(database.db)
  if (config.demo) await seedDemoUsers(database.db, newId, clock.now())
  if (config.demo && config.demoCases) {
    await seedDemoCases({ db: database.db, cipher, settings: settings.deadlines, newId, now: clock.now() })
  }
  await seedCounselling({ db: database.db, demo: config.demo, demoSessions: config.demo && config.demoCases, cipher, newId, now: clock.now() })
  await seedLegal({ db: database.db, demo: config.demo, demoConsultations: config.demo && config.demoCases, cipher, newId, now: clock.now() })
}

export async function startBackend(options: BackendOptions = {}): Promise<Backend> {
  const backend = openBackend(options)
  try {
    await prepareDatabase(backend)
  } catch (e) {
    await backend.database.close()
    throw e
  }
  return backend
}

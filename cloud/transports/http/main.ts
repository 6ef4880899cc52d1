/** `npm start`: one Node process serving the H5 build and the API on 127.0.0.1. */
import path from 'node:path'
import { loadConfig } from '../../config'
import { startBackend } from '../../bootstrap'
import { createApp } from '../../app'
import { createHttpServer } from './server'
import { jobsWanted, startBookingJobs } from '../../jobs/reminders'

const log = (event: string, detail: Record<string, unknown>) => console.error(JSON.stringify({ at: new Date().toISOString(), event, ...detail }))

async function main(): Promise<void> {
  const config = loadConfig()
  const backend = await startBackend({ config })
  const staticDir = config.staticDir ?? path.resolve('dist-h5')
  const server = createHttpServer({ app: createApp(backend.services, log), staticDir, log })
  server.listen(config.port, config.host, () => {
    console.log(`民安 is serving http://${config.host}:${config.port}/ (database: ${backend.database.kind}${config.demo ? ', demo accounts on' : ''})`)
  })
  // The booking jobs (reminders, lapsed waitlist offers) on an unref'd interval, unless switched off (see jobsWanted).
  const stopJobs = jobsWanted(process.env) ? startBookingJobs(backend.services, log) : () => Promise.resolve()
  // The database closes after the last request and the last job run have finished (a run under way at the signal
  // would otherwise fail on a closed database).
  const stop = () => {
    const jobsDone = stopJobs()
    server.close(() => void jobsDone.then(() => backend.close()).then(() => process.exit(0)))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e)
  process.exit(1)
})

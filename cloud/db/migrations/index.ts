/** Versioned migrations, run in order at start on either database. */
import { Migrator, type Kysely, type Migration } from 'kysely'
import * as m0001 from './0001_foundation'
import * as m0002 from './0002_petitions'
import * as m0003 from './0003_counselling'
import * as m0004 from './0004_legal'
import * as m0005 from './0005_attempts'
import * as m0006 from './0006_audit'
import * as m0008 from './0008_matters'
import * as m0009 from './0009_perf'
import * as m0007 from './0007_file_refs'
import * as m0012 from './0012_staff_dashboard'
import * as m0013 from './0013_claims'
import * as m0014 from './0014_integrity'
import * as m0015 from './0015_uploads'
import * as m0016 from './0016_sealed'
import * as m0017 from './0017_assignee_seen'
import * as m0018 from './0018_request_digest_index'
import * as m0019 from './0019_region_search'
import * as m0020 from './0020_spatial'
import * as m0021 from './0021_parties'
import * as m0023 from './0023_agreements'
import * as m0024 from './0024_stats_counts'
import * as m0025 from './0025_sign_in'
import * as m0026 from './0026_media_checks'
import * as m0027 from './0027_subscriptions'
import * as m0028 from './0028_rosters'
import * as m0029 from './0029_open311_feed'
import * as m0030 from './0030_media_check_retries'
import * as m0031 from './0031_region_keys'

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_petitions': m0002,
  '0003_counselling': m0003,
  '0004_legal': m0004,
  '0005_attempts': m0005,
  '0006_audit': m0006,
  '0008_matters': m0008,
  '0009_perf': m0009,
  '0007_file_refs': m0007,
  '0012_staff_dashboard': m0012,
  '0013_claims': m0013,
  '0014_integrity': m0014,
  '0015_uploads': m0015,
  '0016_sealed': m0016,
  '0017_assignee_seen': m0017,
  '0018_request_digest_index': m0018,
  '0019_region_search': m0019,
  '0020_spatial': m0020,
  '0021_parties': m0021,
  '0023_agreements': m0023,
  '0024_stats_counts': m0024,
  '0025_sign_in': m0025,
  '0026_media_checks': m0026,
  '0027_subscriptions': m0027,
  '0028_rosters': m0028,
  '0029_open311_feed': m0029,
  '0030_media_check_retries': m0030,
  '0031_region_keys': m0031
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function migrate(db: Kysely<any>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`migration ${failed?.migrationName ?? ''} failed: ${String(error)}`)
  }
}

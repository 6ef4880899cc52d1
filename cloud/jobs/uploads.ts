/**
 * Removes uploads that were never attached to a case, a step of one, a consultation or a reply within
 * settings.uploads.unattachedHours (a day): their rows, then their bytes. Without it every photo someone sends and
 * never uses stays on disk for good. Runs with the booking jobs on the same timer (jobs/reminders.ts runTimedJobs).
 */
import type { Services } from '../core/context'
import { unattachedBefore } from '../domain/uploads/bounds'
import { FileRepository } from '../db/repositories/files'

const BATCH = 200

/** Removes every upload older than the limit that nothing uses; returns how many. Safe on several instances at once. */
export async function removeUnattachedPhotos(services: Services, now: Date = services.clock.now()): Promise<number> {
  const { db, files } = services
  const before = unattachedBefore(now, services.settings.uploads).toISOString()
  const repo = new FileRepository(db)
  let total = 0
  for (;;) {
    const candidates = await repo.unattachedBefore(before, BATCH)
    if (!candidates.length) break
    // Deleted only while still unattached: a filing attaching one of them at this moment keeps it (application/files.ts attachPhotos).
    const gone = await repo.removeUnattached(candidates)
    await services.durable()
    // The bytes go once no row names them (best effort: a leftover file is unreachable without its row).
    await files.remove?.(gone.filter((f) => !f.storage_ref).map((f) => f.id)).catch(() => undefined)
    const refs = gone.flatMap((f) => (f.storage_ref ? [f.storage_ref] : []))
    if (refs.length) await files.uploaded?.discard(refs).catch(() => undefined)
    total += gone.length
    if (candidates.length < BATCH) break
  }
  return total
}

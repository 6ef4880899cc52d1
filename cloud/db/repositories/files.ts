/** Uploaded photos: their records (the bytes live in the file store or the platform's storage), quotas and attachment. */
import { sql, type Kysely } from 'kysely'
import type { Database, FilesTable } from '../schema'

export type FileRow = FilesTable

export class FileRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Account erasure: photos a kept record shows are detached (to `erasedId`), the rest deleted; answers how many. */
  async eraseOwner(userId: string, erasedId: string, keptIds: string[]): Promise<number> {
    if (keptIds.length) await this.db.updateTable('files').set({ owner_id: erasedId }).where('id', 'in', keptIds).execute()
    if (keptIds.length) await this.db.updateTable('media_checks').set({ owner_id: erasedId }).where('file_id', 'in', keptIds).execute()
    await this.db.deleteFrom('media_checks').where('owner_id', '=', userId).execute()
    return Number((await this.db.deleteFrom('files').where('owner_id', '=', userId).executeTakeFirst()).numDeletedRows)
  }

  /** Bytes the person sent (as received, before re-encoding) in uploads made after `since`. */
  async receivedSince(ownerId: string, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('files')
      .select((eb) => eb.fn.sum<number | string | null>('received_bytes').as('received'))
      .where('owner_id', '=', ownerId)
      .where('created_at', '>', since)
      .executeTakeFirst()
    return Number(row?.received ?? 0)
  }

  async insert(row: FileRow): Promise<void> {
    await this.db.insertInto('files').values(row).execute()
  }

  /** Inserts a file registered from a platform reference; false when that reference is registered already. */
  async insertFromSource(row: FileRow): Promise<boolean> {
    const inserted = await this.db
      .insertInto('files')
      .values(row)
      .onConflict((oc) => oc.column('source_ref').doNothing())
      .executeTakeFirst()
    return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0
  }

  async bySource(ref: string): Promise<Pick<FileRow, 'id' | 'owner_id' | 'mime' | 'bytes'> | null> {
    return (await this.db.selectFrom('files').select(['id', 'owner_id', 'mime', 'bytes']).where('source_ref', '=', ref).executeTakeFirst()) ?? null
  }

  async mimeOf(id: string): Promise<string | null> {
    return (await this.db.selectFrom('files').select('mime').where('id', '=', id).executeTakeFirst())?.mime ?? null
  }

  /** How many of these files are the person's. */
  async countOwned(ids: string[], ownerId: string): Promise<number> {
    if (!ids.length) return 0
    return (await this.db.selectFrom('files').select('id').where('id', 'in', ids).where('owner_id', '=', ownerId).execute()).length
  }

  /**
   * Marks the person's files among `ids` as attached (the first attachment's time is kept); how many it marked. One
   * statement checks and marks, so a file the cleanup removes at the same moment is either marked or not counted.
   */
  async markAttached(ids: string[], ownerId: string, at: string): Promise<number> {
    const marked = await this.db
      .updateTable('files')
      .set({ attached_at: sql<string>`coalesce(attached_at, ${at})` })
      .where('id', 'in', ids)
      .where('owner_id', '=', ownerId)
      .executeTakeFirst()
    return Number(marked.numUpdatedRows)
  }

  /** Of these files, those kept in the platform's storage, with their reference there. */
  async platformRefs(ids: string[]): Promise<{ id: string; storageRef: string }[]> {
    if (!ids.length) return []
    const rows = await this.db.selectFrom('files').select(['id', 'storage_ref']).where('id', 'in', ids).where('storage_ref', 'is not', null).execute()
    return rows.flatMap((r) => (r.storage_ref === null ? [] : [{ id: r.id, storageRef: r.storage_ref }]))
  }

  /** Uploads never attached to anything and older than `before`, oldest first. */
  async unattachedBefore(before: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('files').select('id').where('attached_at', 'is', null).where('created_at', '<', before).orderBy('created_at').limit(limit).execute()
    return rows.map((r) => r.id)
  }

  /** Deletes those of `ids` still unattached (a filing attaching one at this moment keeps it); answers what went. */
  async removeUnattached(ids: string[]): Promise<{ id: string; storage_ref: string | null }[]> {
    if (!ids.length) return []
    const gone = await this.db.deleteFrom('files').where('id', 'in', ids).where('attached_at', 'is', null).returning(['id', 'storage_ref']).execute()
    if (gone.length) await this.db.deleteFrom('media_checks').where('file_id', 'in', gone.map((g) => g.id)).execute()
    return gone
  }
}

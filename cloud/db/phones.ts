/**
 * Phones stored before they were normalised (E.164, types/phone.ts) were hashed as typed ("13822223333" or
 * "+8613822223333"), so a lookup that hashes the E.164 form would miss them. Once per database, at start: every case's
 * phone is rewritten in E.164 with its hash, and consultations' phones too. Needs the key ring, hence not a migration;
 * runs after the values are sealed at rest (v2, bound to their rows).
 */
import type { Kysely } from 'kysely'
import type { FieldCipher } from '../core/crypto'
import { toE164 } from '../../types/phone'
import type { Database } from './schema'
import { siteOf } from './sealed'

const DONE = 'phones.e164'
const BATCH = 500

export async function normaliseStoredPhones(db: Kysely<Database>, cipher: FieldCipher): Promise<number> {
  if (await db.selectFrom('meta').select('key').where('key', '=', DONE).executeTakeFirst()) return 0
  let changed = 0
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('cases').select(['id', 'contact_phone']).where('id', '>', after).where('phone_hash', '!=', '').orderBy('id').limit(BATCH).execute()
    if (!rows.length) break
    for (const row of rows) {
      const plain = cipher.open(row.contact_phone, siteOf('cases', 'contact_phone', row))
      const e164 = toE164(plain)
      if (e164 === plain) continue
      await db.updateTable('cases').set({ contact_phone: cipher.seal(e164, siteOf('cases', 'contact_phone', row)), phone_hash: cipher.hash(e164) }).where('id', '=', row.id).execute()
      changed++
    }
    after = rows[rows.length - 1].id
  }
  for (let after = ''; ; ) {
    const rows = await db.selectFrom('consultations').select(['id', 'contact_phone']).where('id', '>', after).where('contact_phone', 'is not', null).orderBy('id').limit(BATCH).execute()
    if (!rows.length) break
    for (const row of rows) {
      const site = siteOf('consultations', 'contact_phone', row)
      const plain = cipher.open(row.contact_phone!, site)
      if (toE164(plain) !== plain) await db.updateTable('consultations').set({ contact_phone: cipher.seal(toE164(plain), site) }).where('id', '=', row.id).execute()
    }
    after = rows[rows.length - 1].id
  }
  await db.insertInto('meta').values({ key: DONE, value: new Date().toISOString() }).execute()
  return changed
}

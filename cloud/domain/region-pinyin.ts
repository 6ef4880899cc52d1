/**
 * The pinyin keys of a place's name (full pinyin and initials), computed when regions are seeded, migrated or imported.
 * Apart from region-search.ts because of its weight: pinyin-pro's dictionary is ~450 KB, and only the bundles that
 * seed (the `migrate` cloud function, the HTTP server) need it, not every cloud function that searches. Pure: no I/O.
 */
import { pinyin } from 'pinyin-pro'
import type { SearchKeys } from './region-search'

/**
 * A name's pinyin keys. Characters pinyin-pro has no reading for (and digits, Latin letters) are left out of the keys;
 * such a name is still found by its characters, which the name column always matches exactly.
 */
export function searchKeys(name: string): SearchKeys {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, ''))
    .filter(Boolean)
  return { pinyin: syllables.join(''), initials: syllables.map((s) => s[0]).join('') }
}


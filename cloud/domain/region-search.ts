/**
 * How people type a place's name, and the keys stored to find it: full pinyin and initials, computed on the server when
 * regions are seeded or imported (region-pinyin.ts, pinyin-pro: only the bundles that seed carry it), never on the device. A query is either characters (matched against the
 * name: exact, prefix, contains) or Latin letters (matched against the pinyin and the initials). Pure: no I/O.
 */
export interface SearchKeys {
  /** Full pinyin without tones or spaces, ü as v: 东平村 → dongpingcun. */
  pinyin: string
  /** First letter of each syllable: 东平村 → dpc. */
  initials: string
}

export interface RegionQuery {
  /** 'text': match the name; 'latin': match the pinyin and initials. */
  kind: 'text' | 'latin'
  /** What to match: the name as typed (NFC), or the Latin letters lower-cased without spaces or apostrophes. */
  term: string
  /** Length in characters (code points), as both databases count them. */
  length: number
}

/** Reads a typed query: `Dong Ping`, `dong'ping` and `dongping` are the same pinyin; anything else is characters. */
export function parseRegionQuery(q: string): RegionQuery {
  const text = q.normalize('NFC').trim()
  if (/^[A-Za-z][A-Za-z\s'’]*$/.test(text)) {
    const term = text.toLowerCase().replace(/[\s'’]/g, '')
    return { kind: 'latin', term, length: term.length }
  }
  return { kind: 'text', term: text, length: [...text].length }
}

/** The shortest query the trigram indexes (SQLite FTS5 trigram, PostgreSQL pg_trgm) can answer from the index. */
export const TRIGRAM_MIN = 3

/**
 * The county a person's home region lies in, as a code prefix (东莞 and 中山 have no county: their pseudo-county code
 * 441900 / 442000 is still the prefix of all their towns and villages); null when their home is above county level.
 */
export function countyPrefix(homeRegion: string | null | undefined): string | null {
  return homeRegion && homeRegion.length >= 6 ? homeRegion.slice(0, 6) : null
}

/**
 * Free text in an input, bounded by what it costs to check. Its raw length (UTF-16 units) is capped first, so a
 * megabyte is refused at the cost of reading its length. Characters are then counted without Intl.Segmenter where
 * that is exact (no more code points than the limit; or more sure grapheme boundaries than it), and otherwise in
 * short pieces cut at sure boundaries: V8's segmenter costs time in the square of the string's length (16,000 units
 * ≈ 0.3 s, 64,000 ≈ 35 s on a 2-core server), short pieces keep it linear.
 */
import * as v from 'valibot'

/** A character (grapheme) of real text takes at most this many UTF-16 units: CJK one, emoji two, most ZWJ sequences ≤ 4 on average. */
export const UNITS_PER_CHAR = 4

/**
 * Characters that always begin a grapheme unless the one before is a ZWJ or a Prepend mark (UAX #29: they are
 * Grapheme_Cluster_Break=Other and not Extended_Pictographic): printable ASCII, CJK punctuation and ideographs,
 * fullwidth forms.
 */
const startsGrapheme = (u: number): boolean => (u >= 0x20 && u <= 0x7e) || (u >= 0x3001 && u <= 0x3029) || (u >= 0x4e00 && u <= 0x9fff) || (u >= 0xff01 && u <= 0xff5e)
/** ZWJ and the Prepend marks of Unicode 15 (Arabic number signs and a few Brahmic scripts). */
const JOINS_NEXT = /[\u200D\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E]|\uD804[\uDCBD\uDCCD\uDDC2\uDDC3]|\uD806[\uDD3F\uDD41\uDE3A\uDE84-\uDE89]|\uD807[\uDD46\uDF02]/
/** The longest piece handed to the segmenter; a piece cut where no sure boundary was found may count one extra. */
const PIECE = 256

let segmenter: Intl.Segmenter | null | undefined

/** Whether `text` has at most `max` graphemes, at a cost linear in its length. */
export function graphemesAtMost(text: string, max: number): boolean {
  let codePoints = 0
  let sure = 1
  let previous = ''
  for (const c of text) {
    codePoints++
    if (previous !== '' && startsGrapheme(c.charCodeAt(0)) && !JOINS_NEXT.test(previous)) sure++
    previous = c
  }
  // A grapheme is at least one code point; sure boundaries each begin a new grapheme.
  if (codePoints <= max) return true
  if (sure > max) return false
  segmenter ??= typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter() : null
  // Without a segmenter (some mini-program engines), code points are the count: stricter, never laxer.
  if (!segmenter) return false
  let count = 0
  let start = 0
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE)
    // Back to a sure boundary inside the piece, when there is one.
    for (let i = end; i > start + 1 && end < text.length; i--) {
      if (startsGrapheme(text.charCodeAt(i)) && !JOINS_NEXT.test(text.slice(Math.max(0, i - 2), i))) {
        end = i
        break
      }
    }
    // Never between the two halves of a surrogate pair.
    if (end < text.length && end - start > 1 && /[\uD800-\uDBFF]/.test(text[end - 1])) end--
    for (const _ of segmenter.segment(text.slice(start, end))) if (++count > max) return false
    start = end
  }
  return true
}

/** The issue message of a text over its limit: the validation edge reads the limit back, to say "不能超过 2000 个字". */
const tooLong = (max: number): string => `max_chars:${max}`

/** The limit a too-long text's issue message carries, if it is one. */
export const charLimitOf = (message: string): number | null => (/^max_chars:(\d+)$/.exec(message) ? Number(message.slice(10)) : null)

const maxChars = (max: number) => v.check((s: string) => graphemesAtMost(s, max), tooLong(max))

/** Text of at most `max` characters (graphemes), trimmed; empty allowed. */
export const boundedText = (max: number) => v.pipe(v.string(), v.maxLength(UNITS_PER_CHAR * max, tooLong(max)), v.trim(), maxChars(max))

/** Text of 1 to `max` characters, trimmed. */
export const requiredText = (max: number) => v.pipe(v.string(), v.maxLength(UNITS_PER_CHAR * max, tooLong(max)), v.trim(), v.minLength(1), maxChars(max))

/** Optional text of at most `max` characters, trimmed. */
export const optionalText = (max: number) => v.optional(boundedText(max))

/** Optional text of 1 to `max` characters, trimmed. */
export const optionalRequiredText = (max: number) => v.optional(requiredText(max))

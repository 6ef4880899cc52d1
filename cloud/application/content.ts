/**
 * The content check of every text an input gives that someone other than its writer will see: one call with all of
 * them, refused on the first field (in the order given) the checker refuses, so the client marks the right control.
 * It fails closed: when no verdict can be had the request is refused with CONTENT_CHECK_UNAVAILABLE (a retry may
 * succeed) before anything is written, never let through unchecked.
 */
import type { HandlerContext } from '../core/context'
import { fail } from '../core/errors'
import { carriedOut } from '../core/idempotency'

/** Texts by input field; absent and empty ones are skipped. */
export type Texts = Record<string, string | null | undefined>

/** The first field refused, or null when every text may be shown; fails CONTENT_CHECK_UNAVAILABLE without a verdict. */
export async function refusedField(ctx: HandlerContext, texts: Texts): Promise<string | null> {
  const given = Object.fromEntries(Object.entries(texts).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== ''))
  if (!Object.keys(given).length) return null
  // A retry of a call already carried out was checked then; once() answers it with its first result.
  if (ctx.userId && (await carriedOut(ctx.services.db, ctx, ctx.userId))) return null
  let refused: string[]
  try {
    refused = await ctx.services.content.check(given, ctx.userId ?? '')
  } catch {
    fail('CONTENT_CHECK_UNAVAILABLE')
  }
  return Object.keys(given).find((field) => refused.includes(field)) ?? null
}

/** Refuses the request with CONTENT_REJECTED on the first refused field (or CONTENT_CHECK_UNAVAILABLE). */
export async function checkTexts(ctx: HandlerContext, texts: Texts): Promise<void> {
  const field = await refusedField(ctx, texts)
  if (field) fail('CONTENT_REJECTED', field)
}

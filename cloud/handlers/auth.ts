/** auth: the signed-in person's profile, demo accounts and demo sign-in. */
import type { Kysely } from 'kysely'
import { authInput, type Me } from '../../types/functions/auth'
import { action } from '../core/context'
import { fail } from '../core/errors'
import { spendAttempt } from '../core/rate-limit'
import type { Database } from '../db/schema'
import { RegionRepository } from '../db/repositories/regions'
import { UserRepository } from '../db/repositories/users'
import { requestSmsCode, signInMethods, smsSignIn, wechatSignIn } from '../application/sign-in'
import type { HandlerContext } from '../core/context'

export async function loadMe(db: Kysely<Database>, userId: string): Promise<Me> {
  const user = (await new UserRepository(db).byId(userId)) ?? fail('UNAUTHENTICATED')
  const regions = new RegionRepository(db)
  const codes = [...user.grants.flatMap((g) => (g.regionCode ? [g.regionCode] : [])), ...(user.homeRegion ? [user.homeRegion] : [])]
  const paths = await regions.paths(codes)
  const found = await regions.byCodes(codes)
  const nameOf = (code: string) => found.get(code)?.name ?? null
  return {
    userId: user.id,
    displayName: user.displayName,
    ...(user.phoneVerified ? { phoneVerified: true } : {}),
    roles: user.grants.map((g) => ({ role: g.role, regionCode: g.regionCode, regionName: g.regionCode ? nameOf(g.regionCode) : null })),
    homeRegion: user.homeRegion
      ? {
          code: user.homeRegion,
          name: nameOf(user.homeRegion) ?? '',
          pathNames: [...(paths.get(user.homeRegion) ?? []).filter((r) => r.level !== 'province').map((r) => r.name), nameOf(user.homeRegion) ?? '']
        }
      : null
  }
}

/** A session token for the person and their profile: how every sign-in answers. */
async function signedIn({ services, now }: HandlerContext, userId: string) {
  const { token, expiresAt } = services.tokens.issue(userId, now)
  return { token, expiresAt, me: await loadMe(services.db, userId) }
}

export const auth = {
  me: action({
    input: authInput.me,
    access: 'user',
    run: async (_input, { services, userId }) => loadMe(services.db, userId)
  }),

  demoAccounts: action({
    input: authInput.demoAccounts,
    access: 'public',
    async run(_input, { services }) {
      if (!services.config.demo) return []
      const accounts = await new UserRepository(services.db).listDemo()
      const regions = await new RegionRepository(services.db).byCodes(accounts.flatMap((a) => (a.regionCode ? [a.regionCode] : [])))
      return accounts.map(({ regionCode, ...a }) => ({ ...a, regionName: regionCode ? regions.get(regionCode)?.name ?? null : null }))
    }
  }),

  demoSignIn: action({
    input: authInput.demoSignIn,
    access: 'public',
    async run({ account }, { services, now, client }) {
      if (!services.config.demo) fail('DEMO_DISABLED')
      // Per account and per client; every try counts, an unknown account too, so guessing accounts is slow.
      const scopes = [`signin:account:${account}`, ...(client ? [`signin:client:${client}`] : [])]
      await spendAttempt(services.db, scopes, services.settings.rateLimits.signIn, now)
      const userId = (await new UserRepository(services.db).idByDemoAccount(account)) ?? fail('ACCOUNT_NOT_FOUND', 'account')
      const { token, expiresAt } = services.tokens.issue(userId, now)
      return { token, expiresAt, me: await loadMe(services.db, userId) }
    }
  }),

  methods: action({
    input: authInput.methods,
    access: 'public',
    run: async (_input, ctx) => signInMethods(ctx)
  }),

  wechatSignIn: action({
    input: authInput.wechatSignIn,
    access: 'public',
    run: async ({ loginCode }, ctx) => signedIn(ctx, await wechatSignIn(ctx, loginCode))
  }),

  requestSmsCode: action({
    input: authInput.requestSmsCode,
    access: 'public',
    run: ({ phone }, ctx) => requestSmsCode(ctx, phone)
  }),

  smsSignIn: action({
    input: authInput.smsSignIn,
    access: 'public',
    run: async ({ phone, smsCode }, ctx) => signedIn(ctx, await smsSignIn(ctx, phone, smsCode))
  }),

  setHomeRegion: action({
    input: authInput.setHomeRegion,
    access: 'user',
    async run({ code }, { services, userId }) {
      if (!(await new RegionRepository(services.db).get(code))) fail('REGION_NOT_FOUND', 'code')
      await new UserRepository(services.db).setHomeRegion(userId, code)
      return loadMe(services.db, userId)
    }
  })
}

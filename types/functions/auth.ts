/** auth: who am I, demo accounts, sign-in and sign-out. */
import * as v from 'valibot'
import type { Role } from '../roles'

export const authInput = {
  me: v.strictObject({}),
  demoAccounts: v.strictObject({}),
  demoSignIn: v.strictObject({ account: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
  setHomeRegion: v.strictObject({ code: v.pipe(v.string(), v.regex(/^44\d{10}$/)) })
}

export interface RoleGrant {
  role: Role
  /** Region code the role acts on (and below); null for a resident. */
  regionCode: string | null
  regionName: string | null
}

export interface Me {
  userId: string
  displayName: string
  roles: RoleGrant[]
  homeRegion: { code: string; name: string; pathNames: string[] } | null
}

export interface DemoAccount {
  account: string
  displayName: string
  role: Role
  regionName: string | null
}

export interface AuthOutput {
  me: Me
  demoAccounts: DemoAccount[]
  demoSignIn: { token: string; expiresAt: string; me: Me }
  setHomeRegion: Me
}

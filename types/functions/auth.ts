/** auth: who am I, demo accounts, sign-in and sign-out. */
import * as v from 'valibot'
import type { Role } from '../roles'
import { PhoneSchema } from '../phone'

export const authInput = {
  me: v.strictObject({}),
  demoAccounts: v.strictObject({}),
  demoSignIn: v.strictObject({ account: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) }),
  setHomeRegion: v.strictObject({ code: v.pipe(v.string(), v.regex(/^44\d{10}$/)) }),
  methods: v.strictObject({}),
  /** The code wx.login gave the mini-program (self-hosted backend only). */
  wechatSignIn: v.strictObject({ loginCode: v.pipe(v.string(), v.minLength(1), v.maxLength(128), v.regex(/^[\w-]+$/)) }),
  requestSmsCode: v.strictObject({ phone: PhoneSchema }),
  smsSignIn: v.strictObject({ phone: PhoneSchema, smsCode: v.pipe(v.string(), v.regex(/^\d{6}$/)) })
}

/** The ways this deployment lets a person sign in (the sign-in screen offers these). */
export interface SignInMethods {
  demo: boolean
  wechat: boolean
  sms: boolean
}

export interface SmsCodeSent {
  /** When the code stops working. */
  expiresAt: string
  /** When a new code may be asked for. */
  resendAt: string
  /** Only where nothing is sent (outside production): the code, shown on the screen. */
  shownCode?: string
}

export interface SignedIn {
  token: string
  expiresAt: string
  me: Me
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
  /** The person's phone was verified by a sign-in code (optional: older servers do not say). */
  phoneVerified?: boolean
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
  methods: SignInMethods
  wechatSignIn: SignedIn
  requestSmsCode: SmsCodeSent
  smsSignIn: SignedIn
}

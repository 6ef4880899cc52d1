/** Who is signed in on this device, and their profile. */
import { makeAutoObservable, runInAction } from 'mobx'
import type { DemoAccount, Me } from '@minan/types/api'
import type { SignInMethods, SmsCodeSent } from '@minan/types/functions/auth'
import { ApiFailure, type Api } from '../api/client'
import type { KeyValueStorage } from './storage'

const TOKEN_KEY = 'minan.token'
/** Whose per-person state is on this device (user id): another person signing in first forgets it. */
export const PERSON_KEY = 'minan.person'

export class SessionStore {
  token: string | null
  me: Me | null = null
  demoAccounts: DemoAccount[] = []
  /** The ways the server offers to sign in (null until asked). */
  methods: SignInMethods | null = null
  /** The last sign-in code sent (when it may be asked for again; the code itself only where nothing is sent). */
  smsSent: SmsCodeSent | null = null
  loading = false
  error: string | null = null
  /** restore() has answered (or had nothing to ask): until then a person with an identity is not known to be out. */
  restored = false
  /**
   * Counts the times per-person state was forgotten. Reading it (feature() does) makes a view follow the change,
   * so a page on screen drops the previous person's store for a fresh one.
   */
  personEpoch = 0

  /** What each per-person store forgets: registered once, called at sign-out and when another person signs in. */
  private readonly forgetters: (() => void)[] = []

  constructor(
    private readonly api: Api,
    private readonly storage: KeyValueStorage,
    /** True where the identity comes from the platform (weapp cloud functions), not from a token. */
    readonly platformIdentity: boolean
  ) {
    this.token = storage.get<string>(TOKEN_KEY)
    makeAutoObservable<SessionStore, 'api' | 'storage' | 'forgetters'>(this, { api: false, storage: false, forgetters: false })
  }

  /**
   * The one way per-person state is cleared on a shared phone: every store holding a person's data, filters, drafts
   * or caches registers here, and forgets it when that person signs out or someone else signs in.
   */
  onPersonChange(forget: () => void): void {
    this.forgetters.push(forget)
  }

  get signedIn(): boolean {
    return this.me !== null
  }

  get canSignIn(): boolean {
    return this.platformIdentity || this.token !== null
  }

  /** An identity is on this device but its profile has not arrived yet: a page waits rather than asking to sign in. */
  get profileLoading(): boolean {
    return this.me === null && this.canSignIn && (!this.restored || this.loading)
  }

  hasRole(role: Me['roles'][number]['role']): boolean {
    return this.me?.roles.some((r) => r.role === role) ?? false
  }

  /** Loads the profile if there is an identity; a stale token is dropped quietly. */
  async restore(): Promise<void> {
    if (!this.canSignIn) return void (this.restored = true)
    await this.run(async () => {
      try {
        const me = await this.api.call('auth', 'me', {})
        this.setMe(me)
      } catch (e) {
        if (e instanceof ApiFailure && (e.error.code === 'SESSION_EXPIRED' || e.error.code === 'UNAUTHENTICATED')) {
          this.expire()
          return
        }
        throw e
      }
    })
    runInAction(() => (this.restored = true))
  }

  async loadDemoAccounts(): Promise<void> {
    await this.run(async () => {
      const accounts = await this.api.call('auth', 'demoAccounts', {})
      runInAction(() => (this.demoAccounts = accounts))
    })
  }

  async signInDemo(account: string): Promise<boolean> {
    return this.run(async () => {
      const result = await this.api.call('auth', 'demoSignIn', { account })
      runInAction(() => (this.token = result.token))
      this.storage.set(TOKEN_KEY, result.token)
      this.setMe(result.me)
    })
  }

  async loadMethods(): Promise<void> {
    await this.run(async () => {
      const methods = await this.api.call('auth', 'methods', {})
      runInAction(() => (this.methods = methods))
    })
  }

  /** Mini-program on a self-hosted backend: wx.login's code, exchanged on the server for the person's OPENID. */
  async signInWechat(login: () => Promise<string>): Promise<boolean> {
    return this.run(async () => this.useSignIn(await this.api.call('auth', 'wechatSignIn', { loginCode: await login() })))
  }

  /** Asks for a sign-in code by text message for the number. */
  async requestSmsCode(phone: string): Promise<boolean> {
    return this.run(async () => {
      const sent = await this.api.call('auth', 'requestSmsCode', { phone })
      runInAction(() => (this.smsSent = sent))
    })
  }

  async signInSms(phone: string, smsCode: string): Promise<boolean> {
    return this.run(async () => {
      await this.useSignIn(await this.api.call('auth', 'smsSignIn', { phone, smsCode }))
      runInAction(() => (this.smsSent = null))
    })
  }

  private useSignIn(result: { token: string; me: Me }): void {
    runInAction(() => (this.token = result.token))
    this.storage.set(TOKEN_KEY, result.token)
    this.setMe(result.me)
  }

  async setHomeRegion(code: string): Promise<boolean> {
    return this.run(async () => {
      const me = await this.api.call('auth', 'setHomeRegion', { code })
      this.setMe(me)
    })
  }

  /**
   * The sign-in has lapsed (not the person's choice): the token goes, but what they left here — a draft not yet sent —
   * stays for them; it is forgotten only if someone else signs in next (setMe compares with PERSON_KEY).
   */
  expire(): void {
    this.token = null
    this.me = null
    this.storage.remove(TOKEN_KEY)
  }

  /** The person signs out: their token and everything of theirs on this device go. */
  signOut(): void {
    this.token = null
    this.me = null
    this.storage.remove(TOKEN_KEY)
    this.forgetPerson()
    this.storage.remove(PERSON_KEY)
  }

  /** The profile of whoever is signed in now: if the state on this device was someone else's, it is forgotten first. */
  private setMe(me: Me): void {
    const previous = this.storage.get<string>(PERSON_KEY)
    if (previous !== null && previous !== me.userId) this.forgetPerson()
    else if (this.me && this.me.userId !== me.userId) this.forgetPerson()
    this.storage.set(PERSON_KEY, me.userId)
    this.me = me
  }

  private forgetPerson(): void {
    for (const forget of this.forgetters) forget()
    this.personEpoch++
  }

  private async run(work: () => Promise<void>): Promise<boolean> {
    this.loading = true
    this.error = null
    try {
      await work()
      return true
    } catch (e) {
      runInAction(() => (this.error = e instanceof Error ? e.message : String(e)))
      return false
    } finally {
      runInAction(() => (this.loading = false))
    }
  }
}

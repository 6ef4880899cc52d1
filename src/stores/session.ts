/** Who is signed in on this device, and their profile. */
import { makeAutoObservable, runInAction } from 'mobx'
import type { DemoAccount, Me } from '@minan/types/api'
import { ApiFailure, type Api } from '../api/client'
import type { KeyValueStorage } from './storage'

const TOKEN_KEY = 'minan.token'

export class SessionStore {
  token: string | null
  me: Me | null = null
  demoAccounts: DemoAccount[] = []
  loading = false
  error: string | null = null
  /** restore() has answered (or had nothing to ask): until then a person with an identity is not known to be out. */
  restored = false

  constructor(
    private readonly api: Api,
    private readonly storage: KeyValueStorage,
    /** True where the identity comes from the platform (weapp cloud functions), not from a token. */
    readonly platformIdentity: boolean
  ) {
    this.token = storage.get<string>(TOKEN_KEY)
    makeAutoObservable<SessionStore, 'api' | 'storage'>(this, { api: false, storage: false })
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
        runInAction(() => (this.me = me))
      } catch (e) {
        if (e instanceof ApiFailure && (e.error.code === 'SESSION_EXPIRED' || e.error.code === 'UNAUTHENTICATED')) {
          this.signOut()
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
      runInAction(() => {
        this.token = result.token
        this.me = result.me
      })
      this.storage.set(TOKEN_KEY, result.token)
    })
  }

  async setHomeRegion(code: string): Promise<boolean> {
    return this.run(async () => {
      const me = await this.api.call('auth', 'setHomeRegion', { code })
      runInAction(() => (this.me = me))
    })
  }

  signOut(): void {
    this.token = null
    this.me = null
    this.storage.remove(TOKEN_KEY)
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

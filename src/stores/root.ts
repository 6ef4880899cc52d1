/** RootStore: creates every store and hands them the API; given to React through context. */
import { createContext, useContext } from 'react'
import { Api, type Transport } from '../api/client'
import { SessionStore } from './session'
import { UiStore } from './ui'
import { RegionStore } from './regions'
import { FilingDraftStore } from '../petition/stores/draft'
import { MyCasesStore } from '../petition/stores/mine'
import { CaseViewStore } from '../petition/stores/case'
import { MessageStore } from './messages'
import type { KeyValueStorage } from './storage'

export interface RootStoreOptions {
  transport: Transport
  storage: KeyValueStorage
  systemLanguage?: string
  platformIdentity?: boolean
}

export class RootStore {
  readonly ui: UiStore
  readonly session: SessionStore
  readonly regions: RegionStore
  /** The resident's petitions: the filing draft, my cases, and the case on screen. */
  readonly filing: FilingDraftStore
  readonly myCases: MyCasesStore
  readonly caseView: CaseViewStore
  readonly messages: MessageStore
  readonly api: Api

  constructor(options: RootStoreOptions) {
    this.ui = new UiStore(options.storage, options.systemLanguage)
    this.api = new Api(options.transport, { token: () => this.session.token, locale: () => this.ui.locale, userId: () => this.session.me?.userId ?? null })
    this.session = new SessionStore(this.api, options.storage, options.platformIdentity ?? false)
    this.regions = new RegionStore(this.api)
    this.myCases = new MyCasesStore(this.api)
    this.caseView = new CaseViewStore(this.api, { changed: (c) => this.myCases.changed(c) })
    this.filing = new FilingDraftStore(this.api, options.storage, this.caseView)
    this.messages = new MessageStore(this.api, () => this.session.signedIn)
  }
}

export const StoreContext = createContext<RootStore | null>(null)

export function useStores(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStores() outside <StoreContext.Provider>')
  return store
}

/** One store picked from the root: `useStore((root) => root.session)`, or a feature's `useStore(mattersOf)`. */
export function useStore<T>(select: (root: RootStore) => T): T {
  return select(useStores())
}

/** RootStore: creates every store and hands them the API; given to React through context. */
import { createContext, useContext } from 'react'
import { Api, type Transport } from '../api/client'
import { SessionStore } from './session'
import { UiStore } from './ui'
import { RegionStore } from './regions'
import { PetitionStore } from './petitions'
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
  readonly petitions: PetitionStore
  readonly messages: MessageStore
  readonly api: Api

  constructor(options: RootStoreOptions) {
    this.ui = new UiStore(options.storage, options.systemLanguage)
    this.api = new Api(options.transport, { token: () => this.session.token, locale: () => this.ui.locale, userId: () => this.session.me?.userId ?? null })
    const api = () => this.api
    this.session = new SessionStore(api, options.storage, options.platformIdentity ?? false)
    this.regions = new RegionStore(api)
    this.petitions = new PetitionStore(api, options.storage)
    this.messages = new MessageStore(api, () => this.session.signedIn)
  }
}

export const StoreContext = createContext<RootStore | null>(null)

export function useStores(): RootStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useStores() outside <StoreContext.Provider>')
  return store
}

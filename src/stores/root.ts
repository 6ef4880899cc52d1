/** RootStore: creates every store and hands them the API; given to React through context. */
import { createContext, useContext } from 'react'
import { observable, type IObservableValue } from 'mobx'
import { Api, type Transport } from '../api/client'
import { SessionStore } from './session'
import { UiStore } from './ui'
import { RegionStore } from './regions'
import { FilingDraftStore } from '../petition/stores/draft'
import { MyCasesStore } from '../petition/stores/mine'
import { CaseViewStore } from '../petition/stores/case'
import { MessageStore } from './messages'
import { personalStorage, type KeyValueStorage, type PersonalStorage } from './storage'

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
  /** The case on screen (with a receipt's claim code): made afresh for each person. */
  get caseView(): CaseViewStore {
    return this.caseViewBox.get()
  }
  readonly messages: MessageStore
  readonly api: Api
  /** Device storage for what belongs to the person signed in: forgotten with the rest of their state. */
  readonly personalStorage: PersonalStorage
  private readonly caseViewBox: IObservableValue<CaseViewStore>

  constructor(options: RootStoreOptions) {
    this.ui = new UiStore(options.storage, options.systemLanguage)
    this.api = new Api(options.transport, { token: () => this.session.token, locale: () => this.ui.locale, userId: () => this.session.me?.userId ?? null })
    this.session = new SessionStore(this.api, options.storage, options.platformIdentity ?? false)
    this.regions = new RegionStore(this.api)
    this.myCases = new MyCasesStore(this.api)
    const caseView = () => new CaseViewStore(this.api, { changed: (c) => this.myCases.changed(c) })
    this.caseViewBox = observable.box(caseView(), { deep: false })
    this.personalStorage = personalStorage(options.storage)
    this.filing = new FilingDraftStore(this.api, this.personalStorage, { seed: (answer) => this.caseView.seed(answer) })
    this.messages = new MessageStore(this.api, () => this.session.signedIn)
    // Feature stores register through feature(); these are the root's own per-person stores.
    this.session.onPersonChange(() => {
      this.personalStorage.forget()
      this.filing.abandon()
      this.myCases.list.reset()
      this.caseViewBox.set(caseView())
      this.messages.reset()
    })
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

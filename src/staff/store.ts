/**
 * StaffStore: the workbench's state — the queue of cases (filters, paging) and the case being handled,
 * with one submission state per staff move. Created lazily, one per RootStore, so the root needs no change.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import type { ActionInput, ApiError, Me, Region, RoleGrant } from '@minan/types/api'
import type { CaseDetail, CaseStatus, CaseSummary, MediatorOption, PetitionKind } from '@minan/types/functions/petition'
import { type Api } from '../api/client'
import { toApiError } from '../api/errors'
import { pendingFor, type Pending } from '../api/submission'
import { useStore, type RootStore } from '../stores/root'
import { feature } from '../stores/feature'
import type { RegionStore } from '../stores/regions'

/** The moves this workbench offers, in the order their buttons appear. */
export const STAFF_MOVES = ['accept', 'decline', 'assign', 'transfer', 'escalate', 'extend', 'close', 'recordSession', 'flagRisk', 'closeMediation', 'takeOver'] as const
export type StaffMove = (typeof STAFF_MOVES)[number]

/** What a move's form sends, besides the case id the store adds. */
export type MoveFields<M extends StaffMove> = Omit<ActionInput<'petition', M>, 'id'>

/** Moves that end the matter, or take it from the unit below (told to the resident): the form asks "are you sure?" first. */
export const IRREVERSIBLE: readonly StaffMove[] = ['decline', 'close', 'closeMediation', 'takeOver']

/** 'open' is every case not yet finished (the server's default); the rest are single statuses. */
export type StatusFilter = 'open' | CaseStatus
export const STATUS_FILTERS: StatusFilter[] = ['open', 'submitted', 'accepted', 'assigned', 'closed', 'declined', 'withdrawn']

export interface QueueFilter {
  status: StatusFilter
  kind: PetitionKind | null
  /** A village or township inside the viewer's jurisdiction; null for all of it. */
  regionCode: string | null
}

export const PAGE_SIZE = 20
/** The server's cap on one page; a reload asks for everything already shown, up to this. */
const MAX_PAGE = 100

/** Where a submission of one move stands. The request id is kept until it succeeds, so a retry never repeats it. */
export interface MoveState extends Pending {
  sending: boolean
  error: ApiError | null
}

const idle = (): MoveState => ({ sending: false, error: null, requestId: null, sent: null })


/** The grant whose region the queue covers (centre staff or admin); null for a mediator, who sees assigned cases. */
export function jurisdictionOf(me: Me | null): RoleGrant | null {
  return me?.roles.find((r) => (r.role === 'centre_staff' || r.role === 'admin') && r.regionCode) ?? null
}

/**
 * Checks a form before it is sent; returns the names of the fields that need attention (empty when fine).
 * The server checks again: this only saves a round trip and says which box is missing.
 */
export function missingFields<M extends StaffMove>(move: M, fields: MoveFields<M>): string[] {
  const f = fields as Record<string, unknown>
  const blank = (name: string) => typeof f[name] !== 'string' || (f[name] as string).trim() === ''
  const need = (...names: string[]) => names.filter(blank)
  switch (move) {
    case 'decline':
      return need('reason', 'otherRoutes')
    case 'assign':
      return blank('mediatorId') && blank('department') ? ['mediatorId'] : []
    case 'transfer':
      return need('townshipCode', 'reason')
    case 'escalate':
      return [...(f.level === 'county' || f.level === 'city' ? [] : ['level']), ...need('reason')]
    case 'extend': {
      const days = f.days as number
      return [...(Number.isInteger(days) && days >= 1 && days <= 30 ? [] : ['days']), ...need('reason')]
    }
    case 'close':
      return need('opinion')
    case 'recordSession':
      return need('date', 'participants', 'notes')
    case 'flagRisk':
      return need('note')
    case 'takeOver':
      return need('reason')
    case 'closeMediation':
      if (f.success === true) return [...need('agreement'), ...(f.partiesConfirmed === true ? [] : ['partiesConfirmed'])]
      if (f.success === false) return need('otherRoutes')
      return ['success']
    default:
      return []
  }
}

export class StaffStore {
  // ---- the queue ----
  items: CaseSummary[] = []
  total: number | null = null
  /** The server counted up to a cap: there are more than `total`. */
  totalCapped = false
  nextOffset: number | null = null
  filter: QueueFilter = { status: 'open', kind: null, regionCode: null }
  loading = false
  loadingMore = false
  /** The queue has been answered at least once since the store was made. */
  loaded = false
  queueError: ApiError | null = null
  /** Villages or townships of the jurisdiction, for the region filter. */
  areas: Region[] = []

  // ---- the case being handled ----
  current: CaseDetail | null = null
  caseLoading = false
  caseError: ApiError | null = null
  mediators: MediatorOption[] = []
  mediatorsLoaded = false
  moves: Record<StaffMove, MoveState> = Object.fromEntries(STAFF_MOVES.map((m) => [m, idle()])) as Record<StaffMove, MoveState>
  /** Undoing a wrong claim (petition.undoClaim): its form's state, and the new claim code it answered with, shown once. */
  unclaim: MoveState = idle()
  newClaimCode: string | null = null

  /** Only the reply to the latest queue request may land: a slower, older one is dropped. */
  private queueGeneration = 0
  private caseGeneration = 0

  constructor(
    private readonly api: Api,
    private readonly regions: RegionStore
  ) {
    makeAutoObservable<StaffStore, 'api' | 'regions' | 'queueGeneration' | 'caseGeneration'>(this, {
      api: false,
      regions: false,
      queueGeneration: false,
      caseGeneration: false
    })
  }

  get overdueCount(): number {
    return this.items.filter((i) => i.flag === 'overdue').length
  }

  get dueSoonCount(): number {
    return this.items.filter((i) => i.flag === 'due_soon').length
  }

  get hasMore(): boolean {
    return this.nextOffset !== null
  }

  /** The filter as the server's queue input. */
  private query(offset: number, limit: number): ActionInput<'petition', 'queue'> {
    const { status, kind, regionCode } = this.filter
    return {
      ...(status === 'open' ? { open: true } : { status }),
      ...(kind ? { kind } : {}),
      ...(regionCode ? { regionCode } : {}),
      limit,
      offset
    }
  }

  setFilter(patch: Partial<QueueFilter>): Promise<void> {
    this.filter = { ...this.filter, ...patch }
    this.items = []
    this.total = null
    this.nextOffset = null
    return this.loadQueue()
  }

  /**
   * Loads the queue from the top. `keepLoaded` (coming back to the page, pull-to-refresh) asks for as many
   * rows as are already shown, so the person does not lose the pages they had opened.
   */
  async loadQueue(options: { keepLoaded?: boolean } = {}): Promise<void> {
    const generation = ++this.queueGeneration
    const limit = options.keepLoaded ? Math.min(MAX_PAGE, Math.max(PAGE_SIZE, this.items.length)) : PAGE_SIZE
    this.loading = true
    this.loadingMore = false
    this.queueError = null
    try {
      const page = await this.api.call('petition', 'queue', this.query(0, limit))
      if (generation !== this.queueGeneration) return
      runInAction(() => {
        this.items = page.items
        this.total = page.total ?? null
        this.totalCapped = page.totalCapped ?? false
        this.nextOffset = page.nextCursor === null ? null : Number(page.nextCursor)
        this.loaded = true
      })
    } catch (e) {
      if (generation !== this.queueGeneration) return
      runInAction(() => (this.queueError = toApiError(e)))
    } finally {
      if (generation === this.queueGeneration) runInAction(() => (this.loading = false))
    }
  }

  async loadMore(): Promise<void> {
    if (this.nextOffset === null || this.loading || this.loadingMore) return
    const generation = this.queueGeneration
    this.loadingMore = true
    this.queueError = null
    try {
      const page = await this.api.call('petition', 'queue', this.query(this.nextOffset, PAGE_SIZE))
      if (generation !== this.queueGeneration) return
      runInAction(() => {
        // A case can move up while paging (its deadline changed); never show it twice.
        const seen = new Set(this.items.map((i) => i.id))
        this.items = [...this.items, ...page.items.filter((i) => !seen.has(i.id))]
        this.total = page.total ?? this.total
        this.totalCapped = page.totalCapped ?? this.totalCapped
        this.nextOffset = page.nextCursor === null ? null : Number(page.nextCursor)
      })
    } catch (e) {
      if (generation !== this.queueGeneration) return
      runInAction(() => (this.queueError = toApiError(e)))
    } finally {
      if (generation === this.queueGeneration) runInAction(() => (this.loadingMore = false))
    }
  }

  async loadAreas(code: string): Promise<void> {
    const list = await this.regions.children(code)
    runInAction(() => (this.areas = list))
  }

  // ---- the case ----

  /** Opens a case; the previous one's forms and mediator list do not carry over. */
  async openCase(id: string): Promise<void> {
    const generation = ++this.caseGeneration
    if (this.current?.id !== id) {
      this.current = null
      this.mediators = []
      this.mediatorsLoaded = false
      this.moves = Object.fromEntries(STAFF_MOVES.map((m) => [m, idle()])) as Record<StaffMove, MoveState>
      this.unclaim = idle()
      this.newClaimCode = null
    }
    this.caseLoading = true
    this.caseError = null
    try {
      const detail = await this.api.call('petition', 'get', { id })
      if (generation !== this.caseGeneration) return
      runInAction(() => {
        this.current = detail
        // Opened: the server no longer counts it new to me; the queue row says so before its next reload.
        this.items = this.items.map((i) => (i.id === id && i.newToMe ? { ...i, newToMe: false } : i))
      })
    } catch (e) {
      if (generation !== this.caseGeneration) return
      runInAction(() => (this.caseError = toApiError(e)))
    } finally {
      if (generation === this.caseGeneration) runInAction(() => (this.caseLoading = false))
    }
  }

  async loadMediators(): Promise<void> {
    const id = this.current?.id
    if (!id) return
    try {
      const list = await this.api.call('petition', 'mediators', { id })
      runInAction(() => {
        if (this.current?.id !== id) return
        this.mediators = list
        this.mediatorsLoaded = true
      })
    } catch (e) {
      runInAction(() => (this.moves.assign.error = toApiError(e)))
    }
  }

  /** The moves the viewer may make on the open case now: the server's `can`, minus an extension already used. */
  get availableMoves(): StaffMove[] {
    const c = this.current
    if (!c) return []
    return STAFF_MOVES.filter((m) => c.can.includes(m) && !(m === 'extend' && c.extendedDays > 0))
  }

  /**
   * Undoes a claim made by the wrong person: the case waits for its resident again and the answer's new claim code is
   * kept for the screen only (to hand over), not in the case. The same reason sent again after a failure keeps its
   * request id, as moves do; another reason is a new request.
   */
  async undoClaim(reason: string): Promise<boolean> {
    const c = this.current
    if (!c || this.unclaim.sending || !reason.trim()) return false
    const input = { id: c.id, reason: reason.trim() }
    const { requestId, sent } = pendingFor(this.unclaim, 'petition.undoClaim', input)
    this.unclaim = { sending: true, error: null, requestId, sent }
    try {
      const { claimCode, claimCodeSent: _sent, ...updated } = await this.api.call('petition', 'undoClaim', input, { requestId })
      runInAction(() => {
        if (this.current?.id === updated.id) this.current = updated
        this.newClaimCode = claimCode ?? null
        this.unclaim = idle()
      })
      return true
    } catch (e) {
      runInAction(() => (this.unclaim = { sending: false, error: toApiError(e), requestId, sent }))
      return false
    }
  }

  /** Forgets a form's error and request id (the person closed the form): the next submission is a new request. */
  resetMove(move: StaffMove): void {
    if (!this.moves[move].sending) this.moves[move] = idle()
  }

  /**
   * Sends one move for the open case. Returns true when the server took it; the case then shows the server's answer.
   * A failed attempt keeps its request id, so pressing the button again with the same fields is a retry of the same
   * request; other fields (or another case) are a new request.
   */
  async submit<M extends StaffMove>(move: M, fields: MoveFields<M>): Promise<boolean> {
    const c = this.current
    const state = this.moves[move]
    if (!c || state.sending) return false
    const input = { ...fields, id: c.id } as ActionInput<'petition', M>
    const { requestId, sent } = pendingFor(state, move, input)
    this.moves[move] = { sending: true, error: null, requestId, sent }
    try {
      const updated = (await this.api.call('petition', move, input, { requestId })) as CaseDetail
      runInAction(() => {
        if (this.current?.id === updated.id) this.current = updated
        this.moves[move] = idle()
      })
      return true
    } catch (e) {
      runInAction(() => (this.moves[move] = { sending: false, error: toApiError(e), requestId, sent }))
      return false
    }
  }
}

/** The one StaffStore of this RootStore, made on first use. */
export function staffStoreOf(root: RootStore): StaffStore {
  return feature(root, 'staff', () => new StaffStore(root.api, root.regions))
}

export function useStaffStore(): StaffStore {
  return useStore(staffStoreOf)
}

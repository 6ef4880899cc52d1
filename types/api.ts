/** The API contract: every function, its actions, their input and output. Client and backend import it. */
import type * as v from 'valibot'
import { regionsInput, type RegionsOutput } from './functions/regions'
import { authInput, type AuthOutput } from './functions/auth'
import { petitionInput, type PetitionOutput } from './functions/petition'
import { statsInput, type StatsOutput } from './functions/stats'
import { messagesInput, type MessagesOutput } from './functions/messages'
import { counsellingInput, type CounsellingOutput } from './functions/counselling'
import { legalInput, type LegalOutput } from './functions/legal'
import { adminInput, type AdminOutput } from './functions/admin'
import { accountInput, type AccountOutput } from './functions/account'
import { mattersInput, type MattersOutput } from './functions/matters'
import { agreementInput, type AgreementOutput } from './functions/agreement'
import { partiesInput, type PartiesOutput } from './functions/parties'

export const inputSchemas = {
  regions: regionsInput,
  auth: authInput,
  petition: petitionInput,
  stats: statsInput,
  messages: messagesInput,
  counselling: counsellingInput,
  legal: legalInput,
  admin: adminInput,
  account: accountInput,
  matters: mattersInput,
  agreement: agreementInput,
  parties: partiesInput
} as const

interface Outputs {
  regions: RegionsOutput
  auth: AuthOutput
  petition: PetitionOutput
  stats: StatsOutput
  messages: MessagesOutput
  counselling: CounsellingOutput
  legal: LegalOutput
  admin: AdminOutput
  account: AccountOutput
  matters: MattersOutput
  agreement: AgreementOutput,
  parties: PartiesOutput
}

export type FunctionName = keyof typeof inputSchemas
export type ActionName<F extends FunctionName> = keyof (typeof inputSchemas)[F] & string

export type ActionInput<F extends FunctionName, A extends ActionName<F>> = (typeof inputSchemas)[F][A] extends v.GenericSchema
  ? v.InferInput<(typeof inputSchemas)[F][A]>
  : never

export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = A extends keyof Outputs[F] ? Outputs[F][A] : never

/** What a transport sends: the same JSON body over HTTP and as cloud-function data. */
export interface CallBody {
  action: string
  input?: unknown
  /** Client request id: a retry with the same id never repeats a change. */
  requestId?: string
  locale?: string
}

export * from './errors'
export * from './locale'
export * from './roles'
export type { Region, RegionWithPath } from './functions/regions'
export type { Me, DemoAccount, RoleGrant } from './functions/auth'

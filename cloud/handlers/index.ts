/** Every function and its actions. The type ties each action of the contract to exactly one handler. */
import type { FunctionName, inputSchemas } from '../../types/api'
import type { ActionDef } from '../core/context'
import { regions } from './regions'
import { auth } from './auth'
import { petition } from './petition'
import { stats } from './stats'
import { messages } from './messages'
import { counselling } from './counselling'
import { legal } from './legal'
import { admin } from './admin'
import { account } from './account'
import { matters } from './matters'
import { agreement } from './agreement'
import { parties } from './parties'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Registry = { [F in FunctionName]: Record<keyof (typeof inputSchemas)[F], ActionDef<any, unknown>> }

export const registry: Registry = { regions, auth, petition, stats, messages, counselling, legal, admin, account, matters, agreement, parties }

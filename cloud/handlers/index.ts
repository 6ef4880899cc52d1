/** Every function and its actions. The type ties each action of the contract to exactly one handler. */
import type { FunctionName, inputSchemas } from '../../types/api'
import type { ActionDef } from '../core/context'
import { regions } from './regions'
import { auth } from './auth'

type Registry = { [F in FunctionName]: { [A in keyof (typeof inputSchemas)[F]]: ActionDef<(typeof inputSchemas)[F][A]> } }

export const registry: Registry = { regions, auth }

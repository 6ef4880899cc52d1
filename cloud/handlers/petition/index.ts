/**
 * petition: 信访诉求 and 矛盾纠纷. Following a case by its number without signing in (lookup.ts), and for signed-in
 * people filing, following, claiming and, for staff, moving cases through the statutory steps (cases.ts).
 */
import { cases } from './cases'
import { lookup } from './lookup'

export const petition = { lookup, ...cases }

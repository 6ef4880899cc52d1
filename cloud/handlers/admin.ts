/** admin: the audit log of reads of personal data, for admins only (anyone else: FORBIDDEN). */
import { adminInput } from '../../types/functions/admin'
import { readAudit } from '../application/audit'
import { action } from '../core/context'
import { fail } from '../core/errors'

export const admin = {
  audit: action({
    input: adminInput.audit,
    access: 'user',
    async run(query, ctx) {
      const actor = ctx.actor
      if (!actor.grants.some((g) => g.role === 'admin')) fail('FORBIDDEN')
      if (query.from && query.to && query.from >= query.to) fail('INVALID_VALUE', 'to', { field: 'to' })
      return readAudit(ctx.services.db, query)
    }
  })
}

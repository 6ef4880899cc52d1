/** The admin command: list users, grant and revoke staff roles with their jurisdiction, read the audit log. */
import { loadConfig } from './config'
import { startBackend } from './bootstrap'
import { UserRepository } from './db/repositories/users'
import { RegionRepository } from './db/repositories/regions'
import { ROLES, type Role } from '../types/roles'
import { readAudit, verifyAudit } from './application/audit'
import { AppError } from './core/errors'
import { resealAll } from './db/sealed'
import { formatReport, importRoster } from './application/rosters'
import { readRosterFile } from './application/roster-files'
import { ROSTER_KINDS, type RosterKind } from './domain/rosters/rows'

const USAGE = `usage:
  npm run admin -- users
  npm run admin -- grant <user id> <role> <region code>
  npm run admin -- revoke <user id> <role> <region code>
  npm run admin -- audit verify    (walks the audit log's hash chain; exit 1 at the first broken link)
  npm run admin -- reseal     (after putting a new key first in MINAN_DATA_KEYS: seals every value under it)
  npm run admin -- import <stations|counsellors|advisors> <file.csv|file.xlsx> [--dry-run] [--json]
                         (loads a roster: docs/rosters/README.md; exit 1 when the file has errors, nothing written)
  npm run admin -- audit [--actor <user id>] [--subject <record id>] [--person <user id>] [--action <fn.action>]
                         [--from <ISO time>] [--to <ISO time>] [--limit <n, default 50>] [--cursor <from the last line>]
roles: ${ROLES.join(', ')} (a resident needs no region: use -)`

export async function admin(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, userId, role, region] = argv
  if (!command || !['users', 'grant', 'revoke', 'audit', 'reseal', 'import'].includes(command)) return out(USAGE), 2
  if (command === 'import') return importCommand(argv.slice(1), out)
  const verify = command === 'audit' && argv[1] === 'verify' && argv.length === 2
  const filters = command === 'audit' && !verify ? auditFilters(argv.slice(1)) : null
  if (filters === undefined) return out(USAGE), 2
  const backend = await startBackend({ config: loadConfig() })
  try {
    const db = backend.services.db
    if (verify) {
      const verdict = await verifyAudit(db, backend.services.cipher)
      const uncovered = verdict.unchained ? ` (${verdict.unchained} rows from before the chain are not covered)` : ''
      if (!verdict.broken) return out(`audit log intact: ${verdict.chained} rows chained${uncovered}`), 0
      const { seq, id, reason } = verdict.broken
      const what = { missing: 'is missing', link: 'does not link to the row before it', content: 'was changed', head: 'is not where the chain ends (rows removed from the end, or the head changed)' }[reason]
      out(`audit log BROKEN at seq ${seq}${id ? ` (row ${id})` : ''}: the row ${what}; ${verdict.chained} rows verified before it${uncovered}`)
      return 1
    }
    if (command === 'users') {
      const rows = await db.selectFrom('users').leftJoin('role_grants', 'role_grants.user_id', 'users.id').select(['users.id', 'users.display_name', 'users.demo_account', 'role_grants.role', 'role_grants.region_code']).orderBy('users.created_at').limit(500).execute()
      for (const r of rows) out([r.id, r.display_name, r.demo_account ?? '', r.role ?? '', r.region_code ?? ''].join('\t'))
      return 0
    }
    if (command === 'reseal') {
      const { resealed } = await resealAll(db, backend.services.cipher, backend.services.dbKind)
      out(`resealed ${resealed} values under key ${backend.services.cipher.currentKey}`)
      return 0
    }
    if (filters) {
      let page
      try {
        page = await readAudit(db, filters)
      } catch (e) {
        if (e instanceof AppError) return out(`cannot read --${e.field ?? 'cursor'}`), 2
        throw e
      }
      // Newest first: when, who, under which role (and region), which action, what record, whose.
      for (const e of page.items) out([e.at, e.actorId, e.roleRegion ? `${e.role}@${e.roleRegion}` : e.role, e.action, `${e.subjectKind}:${e.subjectId}`, e.personId ?? '-'].join('\t'))
      if (page.nextCursor) out(`more: --cursor ${page.nextCursor}`)
      return 0
    }
    if (!userId || !role || !(ROLES as readonly string[]).includes(role)) return out(USAGE), 2
    const users = new UserRepository(db)
    if (!(await users.exists(userId))) return out(`no user ${userId}`), 1
    const code = role === 'resident' || region === '-' ? null : region
    if (role !== 'resident' && (!code || !(await new RegionRepository(db).get(code)))) return out(`no region ${region ?? ''}: staff roles need a jurisdiction`), 1
    if (command === 'grant') {
      await users.grant(userId, role as Role, code, new Date().toISOString())
      out(`granted ${role}${code ? ` @ ${code}` : ''} to ${userId}`)
    } else {
      const n = await users.revoke(userId, role as Role, code)
      out(n ? `revoked ${role}${code ? ` @ ${code}` : ''} from ${userId}` : 'nothing to revoke')
    }
    return 0
  } finally {
    await backend.close()
  }
}

/** `import <kind> <file> [--dry-run] [--json]`: 0 when the roster was loaded (or would be), 1 when it has errors. */
async function importCommand(args: string[], out: (line: string) => void): Promise<number> {
  const flags = args.filter((a) => a.startsWith('--'))
  const [kind, file, ...rest] = args.filter((a) => !a.startsWith('--'))
  if (!kind || !file || rest.length || !(ROSTER_KINDS as readonly string[]).includes(kind) || flags.some((f) => f !== '--dry-run' && f !== '--json')) return out(USAGE), 2
  let records
  try {
    records = await readRosterFile(file)
  } catch (e) {
    return out(`cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`), 1
  }
  const backend = await startBackend({ config: loadConfig() })
  try {
    const report = await importRoster(backend.services, kind as RosterKind, records, { dryRun: flags.includes('--dry-run') })
    if (flags.includes('--json')) out(JSON.stringify({ file, ...report }, null, 2))
    else for (const line of formatReport(report, file)) out(line)
    return report.errors ? 1 : 0
  } finally {
    await backend.close()
  }
}

const AUDIT_FLAGS = { '--actor': 'actorId', '--subject': 'subjectId', '--person': 'personId', '--action': 'action', '--from': 'from', '--to': 'to', '--cursor': 'cursor', '--limit': 'limit' } as const

/** The audit command's filters, or undefined when a flag is unknown, lacks its value or the value cannot be read. */
function auditFilters(args: string[]): Parameters<typeof readAudit>[1] | undefined {
  const filters: Record<string, string | number> = {}
  for (let i = 0; i < args.length; i += 2) {
    const key = AUDIT_FLAGS[args[i] as keyof typeof AUDIT_FLAGS]
    const value = args[i + 1]
    if (!key || value === undefined) return undefined
    if ((key === 'from' || key === 'to') && Number.isNaN(Date.parse(value))) return undefined
    if (key === 'limit' && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 1000)) return undefined
    filters[key] = key === 'limit' ? Number(value) : value
  }
  return filters
}

if (process.argv[1]?.endsWith('admin.cjs')) {
  admin(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e)
      process.exit(1)
    }
  )
}

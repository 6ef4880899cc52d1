/** The admin command: list users, grant and revoke staff roles with their jurisdiction. */
import { loadConfig } from './config'
import { startBackend } from './bootstrap'
import { UserRepository } from './db/repositories/users'
import { RegionRepository } from './db/repositories/regions'
import { ROLES, type Role } from '../types/roles'

const USAGE = `usage:
  npm run admin -- users
  npm run admin -- grant <user id> <role> <region code>
  npm run admin -- revoke <user id> <role> <region code>
roles: ${ROLES.join(', ')} (a resident needs no region: use -)`

export async function admin(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command, userId, role, region] = argv
  if (!command || !['users', 'grant', 'revoke'].includes(command)) return out(USAGE), 2
  const backend = await startBackend({ config: loadConfig() })
  try {
    const db = backend.services.db
    if (command === 'users') {
      const rows = await db.selectFrom('users').leftJoin('role_grants', 'role_grants.user_id', 'users.id').select(['users.id', 'users.display_name', 'users.demo_account', 'role_grants.role', 'role_grants.region_code']).orderBy('users.created_at').limit(500).execute()
      for (const r of rows) out([r.id, r.display_name, r.demo_account ?? '', r.role ?? '', r.region_code ?? ''].join('\t'))
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

if (process.argv[1]?.endsWith('admin.cjs')) {
  admin(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e)
      process.exit(1)
    }
  )
}

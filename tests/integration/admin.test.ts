/** The admin command grants and revokes staff roles, refusing unknown users, roles and regions. */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { admin } from '../../cloud/admin'
import { startTestServer } from '../support/backend'

test('grant, see, revoke; bad input changes nothing', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'minan-admin-'))
  const server = await startTestServer('sqlite', { dataDir })
  const userId = (await server.backend.services.db.selectFrom('users').select('id').where('demo_account', '=', 'resident-li').executeTakeFirstOrThrow()).id
  await server.close()
  const previous = process.env.MINAN_DATA_DIR
  process.env.MINAN_DATA_DIR = dataDir
  try {
    const lines: string[] = []
    const run = (...argv: string[]) => admin(argv, (l) => lines.push(l))
    expect(await run('grant', userId, 'mediator', '441302001')).toBe(0)
    expect(await run('grant', userId, 'mediator', '449999')).toBe(1)
    expect(await run('grant', userId, 'wizard', '44')).toBe(2)
    expect(await run('grant', 'nobody', 'mediator', '44')).toBe(1)
    await run('users')
    expect(lines.filter((l) => l.startsWith(userId))).toEqual([`${userId}\t李建国\tresident-li\tmediator\t441302001`, `${userId}\t李建国\tresident-li\tresident\t`])
    expect(await run('revoke', userId, 'mediator', '441302001')).toBe(0)
    lines.length = 0
    await run('users')
    expect(lines.filter((l) => l.startsWith(userId))).toEqual([`${userId}\t李建国\tresident-li\tresident\t`])
  } finally {
    if (previous === undefined) delete process.env.MINAN_DATA_DIR
    else process.env.MINAN_DATA_DIR = previous
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
})

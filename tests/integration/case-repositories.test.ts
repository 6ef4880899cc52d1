/**
 * The repositories the case flow asks instead of holding SQL itself: uploaded files, role grants, settled matters, the
 * public feed and the row lock — the same answers on SQLite and PostgreSQL.
 */
import { DATABASES, startTestServer, type TestServer } from '../support/backend'
import { FileRepository, type FileRow } from '../../cloud/db/repositories/files'
import { RoleGrantRepository } from '../../cloud/db/repositories/role-grants'
import { UserRepository } from '../../cloud/db/repositories/users'
import { CaseRepository } from '../../cloud/db/repositories/cases'
import { fileCase } from '../../cloud/application/cases/filing'
import type { UserContext } from '../../cloud/core/context'
import type { Notification } from '../../cloud/ports/notifier'

const AT = '2026-11-27T02:00:00.000Z'
const VILLAGE = '441302001200'

describe.each(DATABASES)('case repositories on %s', (kind) => {
  let server: TestServer
  const services = () => server.backend.services
  const db = () => services().db
  const id = () => services().newId()

  beforeAll(async () => {
    server = await startTestServer(kind)
  })
  afterAll(async () => server?.close())

  async function person(name: string, grants: [Parameters<UserRepository['grant']>[1], string | null][] = []): Promise<string> {
    const userId = id()
    const users = new UserRepository(db())
    await users.create({ id: userId, displayName: name, createdAt: AT })
    for (const [role, region] of grants) await users.grant(userId, role, region, AT)
    return userId
  }

  const file = (ownerId: string, over: Partial<FileRow> = {}): FileRow => ({
    id: id(),
    owner_id: ownerId,
    mime: 'image/jpeg',
    bytes: 100,
    sha256: 'x',
    created_at: AT,
    storage_ref: null,
    attached_at: null,
    received_bytes: 300,
    source_ref: null,
    ...over
  })

  test('files: owned count, attachment keeps its first time, quota bytes, one registration per source, platform refs', async () => {
    const files = new FileRepository(db())
    const [me, other] = [await person('甲'), await person('乙')]
    const [a, b, c] = [file(me), file(me, { storage_ref: 'cloud://a', created_at: '2026-11-27T03:00:00.000Z' }), file(other)]
    for (const f of [a, b, c]) await files.insert(f)
    expect(await files.countOwned([a.id, b.id, c.id, a.id], me)).toBe(2)
    expect(await files.countOwned([], me)).toBe(0)
    expect(await files.markAttached([a.id, c.id], me, '2026-11-28T00:00:00.000Z')).toBe(1)
    expect(await files.markAttached([a.id], me, '2026-11-29T00:00:00.000Z')).toBe(1)
    const attached = await db().selectFrom('files').select('attached_at').where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(attached.attached_at).toBe('2026-11-28T00:00:00.000Z')
    expect(await files.receivedSince(me, '2026-11-27T00:00:00.000Z')).toBe(600)
    expect(await files.receivedSince(me, '2026-11-27T02:30:00.000Z')).toBe(300)
    expect(await files.platformRefs([a.id, b.id])).toEqual([{ id: b.id, storageRef: 'cloud://a' }])
    expect(await files.mimeOf(a.id)).toBe('image/jpeg')
    expect(await files.mimeOf('missing')).toBeNull()
    const registered = file(me, { source_ref: 'petition/x/1.jpg' })
    expect(await files.insertFromSource(registered)).toBe(true)
    expect(await files.insertFromSource({ ...registered, id: id() })).toBe(false)
    expect(await files.bySource('petition/x/1.jpg')).toEqual({ id: registered.id, owner_id: me, mime: 'image/jpeg', bytes: 100 })
  })

  test('role grants: the staff of exactly one unit, a person’s regions of one role, the mediators with their names', async () => {
    const grants = new RoleGrantRepository(db())
    const staff = await person('黄', [['centre_staff', '441302099']])
    await person('县', [['centre_staff', '441302']])
    const mediator = await person('周调解', [['mediator', '441302099'], ['mediator', '441303']])
    expect(await grants.holders('centre_staff', '441302099')).toEqual([staff])
    expect((await grants.regionsOf(mediator, 'mediator')).sort()).toEqual(['441302099', '441303'])
    expect(await grants.regionsOf(staff, 'mediator')).toEqual([])
    expect((await grants.mediators()).filter((m) => m.id === mediator).map((m) => [m.displayName, m.regionCode]).sort()).toEqual([
      ['周调解', '441302099'],
      ['周调解', '441303']
    ])
  })

  test('cases: titles of a person’s settled matters (opened), the public feed, the row lock in a transaction', async () => {
    const owner = await person('陈')
    const ctx = { services: services(), now: new Date(AT), userId: owner } as unknown as UserContext
    const sent: Notification[] = []
    const filed = await db().transaction().execute((trx) =>
      fileCase(trx, ctx, sent, {
        kind: 'complaint',
        title: '宅基地纠纷处理不公',
        description: '说明',
        regionCode: VILLAGE,
        photos: [],
        photoOwner: owner,
        contactName: '陈',
        contactPhone: '13712345678',
        subscribe: false,
        ownerId: owner,
        filedBy: owner,
        filedByRole: 'resident'
      })
    )
    const cases = new CaseRepository(db(), services().cipher)
    expect(await cases.titlesOf(owner, 'rereview', 'closed')).toEqual([])
    expect(await cases.titlesOf(owner, 'original', 'submitted')).toEqual(['宅基地纠纷处理不公'])
    await expect(cases.titlesOf(owner, "original' or '1'='1" as never, 'submitted')).rejects.toThrow()
    const feed = await cases.publicFeed({ publicIds: [filed.row.public_id], open: true, services: [{ kind: 'complaint', disputeType: null }], limit: 50 })
    expect(feed).toHaveLength(1)
    expect(Object.keys(feed[0]).sort()).toEqual(['dispute_type', 'due_at', 'filed_at', 'handling_region', 'is_open', 'kind', 'public_id', 'region_code', 'status', 'updated_at'])
    expect(await cases.publicFeed({ publicIds: [filed.row.public_id], open: false, limit: 50 })).toEqual([])
    const locked = await db().transaction().execute((trx) => new CaseRepository(trx, services().cipher).byIdForUpdate(filed.row.id))
    expect(locked?.title).toBe('宅基地纠纷处理不公')
  })
})

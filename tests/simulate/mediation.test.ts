/**
 * The mediation pages of issue #17, compiled for weapp (dist/parties and dist/agreement), in miniprogram-simulate
 * against the real backend: the other party joins from the invitation code the mini-program code brings (its scene),
 * and the agreement's view and sign pages render the agreement — or, on a case without one, say there is none yet.
 */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage } from '../support/simulate'
import { filing } from '../support/fixtures'
import type { CaseDetail } from '../../types/functions/petition'
import type { Invitation, MediationView } from '../../types/functions/parties'
import type { AgreementContent, AgreementView } from '../../types/functions/agreement'
import { shanghaiDate } from '../../types/shanghai'

const inDays = (n: number) => shanghaiDate(new Date(Date.now() + n * 86_400_000))
const content = (): AgreementContent => ({
  applicant: { name: '陈秀英', details: '女，1968年生，住东平村' },
  respondent: { name: '李建国', details: '男，1970年生，住东平村' },
  facts: '双方相邻，被申请人在共用通道堆放建材，影响申请人通行。',
  disputedMatters: '通道杂物的清理和通行损失。',
  responsibilities: '被申请人占用共用通道，负主要责任。',
  terms: '被申请人清理通道建材，并向申请人赔礼道歉。',
  performance: [{ obligor: 'respondent', what: '清理通道建材', how: '自行清理', dueDate: inDays(10) }]
})

describe('mediation pages, compiled for weapp', () => {
  let backend: TestServer
  let chen: string, li: string, centre: string, zhou: string
  let caseId: string
  let code: string
  let bare: string

  const ok = <T>(r: { ok: boolean; data?: T; error?: unknown }): T => {
    if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`)
    return r.data as T
  }

  beforeAll(async () => {
    backend = await startTestServer('sqlite')
    ;[chen, li, centre, zhou] = await Promise.all(['resident-chen', 'resident-li', 'centre-huang', 'mediator-zhou'].map((a) => backend.signIn(a)))
    // The setting of the screens (their steps are driven in tests/e2e/mediation.test.ts): a dispute accepted and
    // its invitation made; a case without an agreement.
    const filed = ok(await backend.call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '李建国', title: '通道被堆放建材' }), chen))
    caseId = filed.id
    ok(await backend.call('petition', 'accept', { id: caseId }, centre))
    code = ok(await backend.call<Invitation>('parties', 'invite', { id: caseId }, centre)).code
    bare = ok(await backend.call<CaseDetail>('petition', 'file', filing({ kind: 'dispute', disputeType: 'neighbours', otherPartyName: '王五', title: '还没有协议的纠纷' }), chen)).id
  }, 120_000)
  afterAll(async () => backend?.close())

  test('the join page: the code from the mini-program code (scene i=…) is filled in; joining opens the party’s mediation page', async () => {
    const page = await loadPage('parties/pages/join/index', { backend, signedInAs: 'resident-li', query: { scene: encodeURIComponent(`i=${code}`) } })
    try {
      await page.waitForText('加入')
      await page.tap('.btn-primary')
      await page.settle()
      const view = ok(await backend.call<MediationView>('parties', 'view', { id: caseId }, li))
      expect(view.viewer).toBe('respondent')
      const moved = [...page.wx.redirectTo.mock.calls, ...page.wx.navigateTo.mock.calls].map((c) => (c[0] as { url: string }).url)
      expect(moved).toContain(`/parties/pages/case/index?id=${caseId}`)
    } finally {
      await page.close()
    }
  })

  test('the agreement’s view and sign pages render the agreement handed to both parties', async () => {
    ok(await backend.call('parties', 'consent', { id: caseId, answer: 'accept' }, li))
    const mediators = ok(await backend.call<{ id: string; name: string }[]>('petition', 'mediators', { id: caseId }, centre))
    ok(await backend.call('petition', 'assign', { id: caseId, mediatorId: mediators.find((m) => m.name === '周德明')!.id }, centre))
    const saved = ok(await backend.call<AgreementView>('agreement', 'save', { caseId, content: content() }, zhou))
    ok(await backend.call('agreement', 'issue', { caseId, version: saved.version }, zhou))

    const view = await loadPage('agreement/pages/view/index', { backend, signedInAs: 'resident-chen', query: { caseId } })
    try {
      await view.waitForText('人民调解协议书')
      const text = view.text()
      expect(text).toContain('待签署')
      expect(text).toContain('被申请人清理通道建材，并向申请人赔礼道歉。')
      expect(text).toContain('阅读并签署')
    } finally {
      await view.close()
    }
    const sign = await loadPage('agreement/pages/sign/index', { backend, signedInAs: 'resident-li', query: { caseId } })
    try {
      await sign.waitForText('我已完整阅读并同意以上协议内容')
      expect(sign.text()).toContain('清理通道建材')
    } finally {
      await sign.close()
    }
  })

  test('on a case without an agreement, both pages say there is none yet and what comes next', async () => {
    for (const path of ['agreement/pages/view/index', 'agreement/pages/sign/index']) {
      const page = await loadPage(path, { backend, signedInAs: 'resident-chen', query: { caseId: bare } })
      try {
        await page.waitForText('本事项还没有调解协议。')
        expect(page.text()).toContain('调解员会起草调解协议')
      } finally {
        await page.close()
      }
    }
  })
})

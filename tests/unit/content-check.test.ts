/** The content check fails closed: a checker without a verdict refuses the request, never lets the text through. */
import { checkTexts } from '../../cloud/application/content'
import type { HandlerContext } from '../../cloud/core/context'
import { AppError } from '../../cloud/core/errors'
import { ContentCheckUnavailable, LocalContentChecker, type ContentChecker } from '../../cloud/ports/content'
import { msgSecChecker } from '../../cloud/transports/wechat/ports'

jest.mock('wx-server-sdk', () => ({}))

const ctxWith = (content: ContentChecker) => ({ userId: 'user-1', services: { content } }) as unknown as HandlerContext
const refusal = (p: Promise<unknown>) => p.then(() => null, (e: AppError) => ({ code: e.code, field: e.field }))

describe('checkTexts', () => {
  test('asks the checker once with every given text, and names the first refused field in the order given', async () => {
    const calls: Record<string, string>[] = []
    const checker: ContentChecker = { check: async (texts: Record<string, string>) => (calls.push(texts), ['address', 'title']) }
    expect(await refusal(checkTexts(ctxWith(checker), { title: '标题', description: '说明', address: '地址' }))).toEqual({ code: 'CONTENT_REJECTED', field: 'title' })
    expect(calls).toEqual([{ title: '标题', description: '说明', address: '地址' }])
  })

  test('absent and empty texts are not sent, and nothing to check asks nothing', async () => {
    const check = jest.fn(async () => [])
    await checkTexts(ctxWith({ check }), { reason: undefined, note: '  ', comment: null })
    expect(check).not.toHaveBeenCalled()
    await checkTexts(ctxWith({ check }), { reason: '理由', note: '' })
    expect(check).toHaveBeenCalledWith({ reason: '理由' }, 'user-1')
  })

  test('a checker that cannot answer refuses the request with CONTENT_CHECK_UNAVAILABLE', async () => {
    const local = new LocalContentChecker()
    local.unavailable = true
    expect(await refusal(checkTexts(ctxWith(local), { text: '正常的内容' }))).toEqual({ code: 'CONTENT_CHECK_UNAVAILABLE', field: undefined })
    const broken: ContentChecker = { check: async () => Promise.reject(new Error('socket hang up')) }
    expect(await refusal(checkTexts(ctxWith(broken), { text: '正常的内容' }))).toEqual({ code: 'CONTENT_CHECK_UNAVAILABLE', field: undefined })
  })

  test('the local rule set refuses only the texts that break it', async () => {
    const local: ContentChecker = new LocalContentChecker()
    expect(await local.check({ a: '加微信看裸聊', b: '邻居噪音扰民' }, 'u')).toEqual(['a'])
  })
})

describe('the WeChat checker (msgSecCheck)', () => {
  const log = jest.fn()
  const openid = async () => 'openid-1'
  const answering = (answer: (content: string) => Promise<{ errCode?: number; result?: { suggest?: string } }>) => () => ({ msgSecCheck: (args: Record<string, unknown>) => answer(String(args.content)) })

  test('refuses the fields whose text is not passed, checking every text at once', async () => {
    const seen: string[] = []
    const checker = msgSecChecker(openid, answering(async (c) => (seen.push(c), { errCode: 0, result: { suggest: c.includes('坏') ? 'risky' : 'pass' } })), log)
    expect(await checker.check({ title: '好', reason: '坏话', note: '平常' }, 'u')).toEqual(['reason'])
    expect(seen.sort()).toEqual(['坏话', '好', '平常'].sort())
  })

  test('a failed call refuses instead of accepting', async () => {
    const checker = msgSecChecker(openid, answering(async () => Promise.reject(new Error('timeout'))), log)
    await expect(checker.check({ text: '正常的内容' }, 'u')).rejects.toBeInstanceOf(ContentCheckUnavailable)
    expect(log).toHaveBeenCalledWith('msg_sec_check_failed', expect.objectContaining({ field: 'text', error: 'timeout' }))
  })

  test('an errcode, or an answer without a suggestion, refuses instead of accepting', async () => {
    await expect(msgSecChecker(openid, answering(async () => ({ errCode: 45009 })), log).check({ text: '正常' }, 'u')).rejects.toBeInstanceOf(ContentCheckUnavailable)
    await expect(msgSecChecker(openid, answering(async () => ({ errCode: 0 })), log).check({ text: '正常' }, 'u')).rejects.toBeInstanceOf(ContentCheckUnavailable)
  })

  test('a writer without an OPENID cannot be checked, so is refused', async () => {
    await expect(msgSecChecker(async () => null, answering(async () => ({ errCode: 0, result: { suggest: 'pass' } })), log).check({ text: '正常' }, 'u')).rejects.toBeInstanceOf(ContentCheckUnavailable)
  })

  test('a long text is checked in parts of at most 2,500 characters, refused when any part is', async () => {
    const sizes: number[] = []
    const checker = msgSecChecker(openid, answering(async (c) => (sizes.push([...c].length), { errCode: 0, result: { suggest: c.includes('坏') ? 'review' : 'pass' } })), log)
    expect(await checker.check({ description: '好'.repeat(2600) + '坏' }, 'u')).toEqual(['description'])
    expect(sizes.sort((a, b) => a - b)).toEqual([101, 2500])
  })
})

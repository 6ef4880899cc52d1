/**
 * Both parties at the table (issue #17), end to end in the H5 build: two phones, 陈秀英 (the applicant) and 李建国
 * (the other party), and the staff's phones beside them (the centre's 黄丽华 and the mediator 周德明). The applicant
 * files a neighbour dispute; the centre accepts it, makes an invitation code and assigns the mediator; the other
 * party signs in on his own phone and joins with the code, and accepts mediation; the mediator schedules a session
 * and both confirm it; the mediator drafts the agreement and hands it over; both parties sign (a handwritten
 * signature and the code from their messages), the mediator signs, the centre seals; the agreement takes effect, its
 * PDF downloads and says what the app says, and both see the 30-day window and the follow-up.
 *
 * Every step goes through the screens. Two things are not taps of a finger, each said where it happens: the H5
 * date wheel of the schedule form is given its value through the picker's change event (what the wheel sends), and
 * pages are opened by their address where a person would follow a link (the invitation link, a message).
 */
import fs from 'node:fs'
import type { Browser, Locator, Page } from 'playwright-core'
import { registerMessages, type MessageKey } from '../../src/i18n'
import agreementMessages from '../../src/i18n/agreement'
import partiesMessages from '../../src/i18n/parties'
import staffMessages from '../../src/i18n/staff'
import { shanghaiDate } from '../../types/shanghai'
import type { TestServer } from '../support/backend'
import { launchBrowser, startApp, taroButton, taroPage } from '../support/browser'
import { fileDispute, phoneAs, type Phone, zh } from '../support/journeys'
import { pdfText, squeeze } from '../support/pdf-text'

for (const m of [agreementMessages, partiesMessages, staffMessages]) registerMessages(m)
const SHOTS = '/tmp/mediation-shots'
const STEP_MS = 15_000

let app: TestServer
let browser: Browser

beforeAll(async () => {
  app = await startApp()
  browser = (await launchBrowser()).browser
  fs.mkdirSync(SHOTS, { recursive: true })
})
afterAll(async () => {
  await browser?.close()
  await app?.close()
})

const phone = (name: string, who: string) => phoneAs(browser, app.url, name, (label) => `${SHOTS}/${who}-${label}.png`)
/** Opens a page by its address, as a link from a message or a list does (the app starts afresh). */
const open = async (p: Phone, route: string) => {
  await p.page.goto('about:blank')
  await p.page.goto(`${app.url}/#/${route}`)
  const page = taroPage(p.page, `/#/${route.split('?')[0]}`).last()
  await page.waitFor()
  return page
}
const button = (scope: Locator, key: MessageKey, params?: Record<string, string | number>) => taroButton(scope, new RegExp(`^${zh(key, params).replace(/[.*+?^${}()|[\]\\（）]/g, '\\$&')}$`))

/** Draws a stroke on the signature pad with the finger (pointer events on its canvas). */
async function sign(page: Page, pad: Locator): Promise<void> {
  await pad.scrollIntoViewIfNeeded()
  const box = (await pad.boundingBox())!
  await page.mouse.move(box.x + 20, box.y + box.height / 2)
  await page.mouse.down()
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + 20 + i * 25, box.y + box.height / 2 + (i % 2 ? 20 : -20), { steps: 2 })
  await page.mouse.up()
}

/** The newest signing code in the person's 消息 (the messages screen, opened as a second window of the same phone). */
async function codeFromMessages(p: Phone): Promise<string> {
  const messages = await p.context.newPage()
  try {
    await messages.goto(`${app.url}/#/messages/pages/list/index`)
    const item = taroPage(messages, '/#/messages/pages/list/index').getByText(/^\d{6}$/).first()
    await item.waitFor({ timeout: STEP_MS })
    return (await item.innerText()).trim()
  } finally {
    await messages.close()
  }
}

/** A party (or the mediator) reads the agreement in full, signs by hand and, for a party, with the code. */
async function signAgreement(p: Phone, caseId: string, party: boolean): Promise<void> {
  const view = await open(p, `agreement/pages/view/index?caseId=${caseId}`)
  await p.tap(button(view, 'agreement.sign'))
  const signing = taroPage(p.page, '/#/agreement/pages/sign/index').last()
  await signing.getByText(/2027年1月15日前拆除伸入院内的雨棚/).first().waitFor()
  await p.tap(signing.getByRole('checkbox', { name: zh('agreement.sign.read') }))
  await sign(p.page, signing.getByRole('img', { name: zh('agreement.sign.pad') }))
  if (party) {
    await p.tap(button(signing, 'agreement.sign.getCode'))
    await signing.getByText(zh('agreement.sign.codeSent', { minutes: 10 })).waitFor()
    const code = await codeFromMessages(p)
    await p.type(signing.getByLabel(zh('agreement.sign.code')).locator('input').or(signing.locator('input[aria-label]').last()).first(), code)
  }
  await p.tap(signing.locator('taro-button-core.btn-primary', { hasText: zh('agreement.sign.submit') }))
  // Signed: the page goes back to the agreement, which shows the signature.
  await signing.waitFor({ state: 'detached', timeout: STEP_MS })
}

test('two phones: file, invite, join, consent, a session both confirm, the agreement signed by all, sealed, in effect, its PDF, the window and the follow-up', async () => {
  const chen = await phone('陈秀英', 'chen')
  const li = await phone('李建国', 'li')
  const huang = await phone('黄丽华', 'centre')
  const zhou = await phone('周德明', 'mediator')
  try {
    // 1. 陈秀英 files the dispute from home.
    const trackingNo = await fileDispute(chen, { title: '雨棚伸入院子漏水', description: '邻居家的雨棚伸进我家院子，下雨时雨水都流到我家门口。', otherPartyName: '李建国', contactPhone: '13812345678' })
    const token = await app.signIn('resident-chen')
    const mine = await app.call<{ items: { id: string; trackingNo: string }[] }>('petition', 'mine', {}, token)
    if (!mine.ok) throw new Error(mine.error.code)
    // The case's id for the addresses below (a person follows the links of their messages and lists).
    const id = mine.data.items.find((c) => c.trackingNo === trackingNo)!.id

    // 2. The centre accepts it, makes the invitation code to hand over, and assigns the mediator.
    let staffCase = await open(huang, `staff/pages/case/index?id=${id}`)
    await huang.tap(taroButton(staffCase, new RegExp(`^${zh('staff.action.accept')}$`)))
    await huang.tap(button(staffCase, 'staff.submit.accept'))
    await staffCase.getByText(zh('staff.case.done', { move: zh('staff.action.accept') })).waitFor()
    const panel = staffCase.locator('.mediation-panel')
    await huang.tap(panel.locator('taro-button-core', { hasText: /邀请码/ }).first())
    const shown = await panel.locator('.mediation-panel__code').innerText()
    const code = shown.replace(zh('parties.staff.code', { code: '' }), '').trim()
    expect(code).toMatch(/^[0-9A-Z-]{6,}$/)
    await huang.shot('1-invitation')
    await huang.tap(taroButton(staffCase, new RegExp(`^${zh('staff.action.assign')}$`)))
    await huang.tap(staffCase.getByRole('radio', { name: /周德明/ }).first())
    await huang.tap(button(staffCase, 'staff.submit.assign'))
    await staffCase.getByText(zh('staff.case.done', { move: zh('staff.action.assign') })).waitFor()

    // 3. 李建国, on his own phone, opens the invitation (the link with the code), joins, and accepts mediation.
    const join = await open(li, 'parties/pages/join/index')
    await li.type(join.getByLabel(zh('parties.join.code')).locator('input').or(join.locator('input')).first(), code)
    await li.tap(button(join, 'parties.join.submit'))
    const liCase = taroPage(li.page, '/#/parties/pages/case/index').last()
    await liCase.getByText(zh('parties.case.youAre.respondent')).waitFor()
    // He sees the dispute and its mediator, never her phone.
    await liCase.getByText('雨棚伸入院子漏水').waitFor()
    expect(await liCase.innerText()).not.toContain('13812345678')
    await li.tap(button(liCase, 'parties.consent.accept'))
    await liCase.getByText(zh('parties.consent.state.accepted')).waitFor()
    await li.shot('1-joined')

    // 4. The mediator schedules a session three days on, at 09:00 in the mediation room.
    staffCase = await open(zhou, `staff/pages/case/index?id=${id}`)
    const schedule = staffCase.locator('.mediation-panel__schedule')
    await schedule.waitFor()
    const day = shanghaiDate(new Date(Date.now() + 3 * 86_400_000))
    // The H5 date wheel is turned with a finger; here it is given the day through the picker's change event.
    await schedule.locator('taro-picker-core').nth(1).evaluate((el, value) => el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true })), day)
    await schedule.getByText(`${zh('parties.staff.date')}：${day}`).waitFor()
    await zhou.type(schedule.locator('.parties__input input'), '桥东街道人民调解委员会调解室')
    await zhou.tap(button(schedule, 'parties.staff.submitSchedule'))
    await staffCase.locator('.mediation-panel__session').first().waitFor()
    await zhou.shot('1-scheduled')

    // 5. Both confirm it on their phones: she from her case, he from his mediation page.
    const detail = await open(chen, `petition/pages/detail/index?id=${id}`)
    await chen.tap(taroButton(detail, zh('petition.detail.mediation')))
    const chenCase = taroPage(chen.page, '/#/parties/pages/case/index').last()
    await chen.tap(button(chenCase, 'parties.sessions.confirm'))
    await chenCase.getByText(zh('parties.sessions.you.confirmed')).waitFor()
    const liAgain = await open(li, `parties/pages/case/index?id=${id}`)
    await li.tap(button(liAgain, 'parties.sessions.confirm'))
    await liAgain.getByText(zh('parties.sessions.you.confirmed')).waitFor()

    // 6. The mediator drafts the agreement from the case and hands it to both parties.
    staffCase = await open(zhou, `staff/pages/case/index?id=${id}`)
    await zhou.tap(button(staffCase.locator('.mediation-panel'), 'parties.staff.draftAgreement'))
    const draft = taroPage(zhou.page, '/#/agreement/pages/draft/index').last()
    const area = (key: MessageKey) => draft.getByLabel(zh(key)).locator('textarea').or(draft.locator(`textarea[aria-label="${zh(key)}"]`)).first()
    await expect_(async () => expect(await area('agreement.draft.facts').inputValue()).toContain('雨棚'))
    const input = (label: string) => draft.getByLabel(label, { exact: true }).locator('input').or(draft.locator(`input[aria-label="${label}"]`)).first()
    await zhou.type(input(`${zh('agreement.draft.applicant')} ${zh('agreement.draft.details')}`), '女，1968年3月生，住东平村12号')
    await zhou.type(input(`${zh('agreement.draft.respondent')} ${zh('agreement.draft.details')}`), '男，1965年7月生，住东平村14号')
    await zhou.type(area('agreement.draft.disputedMatters'), '被申请人的雨棚是否应当拆除，雨水造成的损失如何承担。')
    await zhou.type(area('agreement.draft.responsibilities'), '被申请人搭建雨棚越过院界，应承担主要责任。')
    await zhou.type(area('agreement.draft.terms'), '被申请人拆除伸入申请人院内的雨棚，并赔偿申请人清理费用300元。')
    await zhou.tap(button(draft, 'agreement.draft.addItem'))
    const field = (key: MessageKey) => input(zh(key))
    await zhou.type(field('agreement.draft.what'), '拆除伸入院内的雨棚')
    await zhou.type(field('agreement.draft.how'), '自行拆除')
    await draft.locator('.ag-row taro-picker-core').nth(1).evaluate((el, value) => el.dispatchEvent(new CustomEvent('change', { detail: { value }, bubbles: true })), '2027-01-15')
    await zhou.tap(button(draft, 'agreement.draft.issue'))
    await draft.waitFor({ state: 'detached', timeout: STEP_MS }).catch(async (e) => {
      await zhou.shot('draft-refused')
      throw new Error(`${(e as Error).message}: ${await draft.locator('[role=alert]').allInnerTexts()}`)
    })

    // 7. Both parties sign on their phones (signature and code), then the mediator; the centre seals.
    await signAgreement(chen, id, true)
    await signAgreement(li, id, true)
    await signAgreement(zhou, id, false)
    const sealing = await open(huang, `agreement/pages/view/index?caseId=${id}`)
    await huang.tap(button(sealing, 'agreement.seal'))
    await sealing.getByText(zh('agreement.status.effective')).waitFor()

    // 8. In effect: both parties see it, download the PDF, and see the 30-day window and the follow-up.
    for (const p of [chen, li]) {
      const view = await open(p, `agreement/pages/view/index?caseId=${id}`)
      await view.getByText(zh('agreement.status.effective')).waitFor()
      await view.getByRole('heading', { name: zh('agreement.window.title') }).waitFor()
      await view.getByRole('heading', { name: zh('agreement.followUps') }).waitFor()
      expect(await view.innerText()).toContain('拆除伸入院内的雨棚')
      const download = p.page.waitForEvent('download')
      await p.tap(button(view, 'agreement.pdf'))
      const file = await (await download).path()
      const { text } = await pdfText(fs.readFileSync(file!))
      for (const words of ['人民调解协议书', '被申请人拆除伸入申请人院内的雨棚，并赔偿申请人清理费用300元。', '拆除伸入院内的雨棚', '陈秀英', '李建国']) expect(squeeze(text)).toContain(squeeze(words))
      await p.shot('2-effective')
    }
  } catch (e) {
    // What each phone showed when the journey stopped, for looking at.
    for (const p of [chen, li, huang, zhou]) await p.shot('failed').catch(() => undefined)
    throw e
  } finally {
    for (const p of [chen, li, huang, zhou]) await p.context.close()
  }
}, 300_000)

/** Retries an assertion until it holds (a field filled by the page after its data arrives). */
async function expect_(check: () => Promise<void>, ms = STEP_MS): Promise<void> {
  const until = Date.now() + ms
  for (;;) {
    try {
      return await check()
    } catch (e) {
      if (Date.now() > until) throw e
      await new Promise((r) => setTimeout(r, 200))
    }
  }
}

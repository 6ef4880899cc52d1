/**
 * The compiled legal pages (dist/legal) in miniprogram-simulate against the real backend: 陈秀英, whose home village
 * is 东平村, opens 法律顾问 and lands straight on her village's advisor, 何文律师, with the on-site day in words; the
 * advisor's page shows who she is, her firm, areas and languages in words, the on-site days, and calls her number.
 */
import type { VillageAdvisor } from '../../types/functions/legal'
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage } from '../support/simulate'

const DONGPING = '441302001200'
const ONSITE = '每月第二个星期二 09:00–12:00，东平村民委员会办公室'

describe('the village legal advisor, compiled for weapp', () => {
  let backend: TestServer
  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  test('resident-chen’s 法律顾问 opens on her village’s advisor, 何文律师, and its on-site day', async () => {
    const page = await loadPage('legal/pages/find/index', { backend, signedInAs: 'resident-chen' })
    try {
      await page.waitForText('何文律师')
      expect(page.text()).toContain('我的村（社区）：东平村民委员会')
      expect(page.text()).toContain(ONSITE)
      const [myAdvisor] = page.wx.cloudCalls.filter((c) => c.name === 'legal' && c.data.action === 'forVillage')
      expect(myAdvisor.data.input).toEqual({ code: DONGPING })
    } finally {
      await page.close()
    }
  })

  test('the advisor page shows 何文律师, her firm, areas and languages in words, the on-site day, and calls her', async () => {
    const found = await backend.call<VillageAdvisor>('legal', 'forVillage', { code: DONGPING })
    if (!found.ok) throw new Error(found.error.message)
    const page = await loadPage('legal/pages/advisor/index', { backend, signedInAs: 'resident-chen', query: { id: found.data.advisor!.id, village: DONGPING } })
    try {
      await page.waitForText('何文律师')
      const text = page.text()
      expect(text).toContain('律师事务所：广东惠正律师事务所')
      expect(text).toContain('擅长：土地承包、劳动与欠薪、婚姻家庭、继承、邻里、消费、其他')
      expect(text).toContain('语言：普通话、粤语、客家话')
      expect(text).toContain(ONSITE)
      expect(text).toContain('咨询')
      expect(text).toContain('预约驻村时间')
      await page.tap('.lg-advisor__call')
      expect(page.wx.makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '13809881234' }))
    } finally {
      await page.close()
    }
  })
})

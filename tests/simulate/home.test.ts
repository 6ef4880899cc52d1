/** The compiled home page (dist/pages/home) in miniprogram-simulate: what a person sees first, and the crisis line. */
import { startTestServer, type TestServer } from '../support/backend'
import { loadPage, type LoadedPage, until } from '../support/simulate'
import { SERVICES } from '../../src/features'
import { catalogues } from '../../src/i18n'

describe('home page, compiled for weapp', () => {
  let backend: TestServer
  let home: LoadedPage

  beforeAll(async () => {
    backend = await startTestServer('sqlite')
  })
  afterAll(async () => backend?.close())

  beforeEach(async () => {
    home = await loadPage('pages/home/index', { backend })
    await home.waitForText('民安')
  })
  afterEach(async () => home?.close())

  test('shows the app name and the crisis card with its 12356 button', async () => {
    await home.waitForText('心里难受')
    const button = home.find('.crisis-help__call')
    expect(button?.tagName.toLowerCase()).toBe('wx-button')
    expect(button?.textContent).toContain('12356')
  })

  test('tapping the 12356 button dials 12356 through wx.makePhoneCall', async () => {
    expect(home.wx.makePhoneCall).not.toHaveBeenCalled()
    await home.tap('.crisis-help__call')
    await until(() => home.wx.makePhoneCall.mock.calls.length > 0, 'wx.makePhoneCall call 1')
    expect(home.wx.makePhoneCall).toHaveBeenCalledTimes(1)
    expect(home.wx.makePhoneCall.mock.calls[0][0]).toMatchObject({ phoneNumber: '12356' })
  })

  test('lists every built service by its title, or says that services are on their way', async () => {
    await home.settle()
    for (const service of SERVICES) expect(home.text()).toContain(catalogues['zh-CN'][service.title])
    if (SERVICES.length === 0) expect(home.text()).toContain('各项服务正在开通中')
    else expect(home.text()).not.toContain('各项服务正在开通中')
  })
})

/** Polls a condition: a tap reaches wx through React's scheduler, not synchronously. */

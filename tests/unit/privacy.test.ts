/** WeChat's privacy agreement gates location and photos on weapp: declining it means no picker opens. */
const requirePrivacyAuthorize = jest.fn()
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { requirePrivacyAuthorize: (o: unknown) => requirePrivacyAuthorize(o) } }), { virtual: true })

import { privacyAgreed } from '../../src/platform/privacy'

describe('privacyAgreed', () => {
  const env = process.env.TARO_ENV
  afterEach(() => {
    process.env.TARO_ENV = env
    requirePrivacyAuthorize.mockReset()
  })

  test('on weapp it waits for WeChat: accepted → true, declined → false', async () => {
    process.env.TARO_ENV = 'weapp'
    requirePrivacyAuthorize.mockImplementationOnce((o: { success: () => void }) => o.success())
    expect(await privacyAgreed()).toBe(true)
    requirePrivacyAuthorize.mockImplementationOnce((o: { fail: () => void }) => o.fail())
    expect(await privacyAgreed()).toBe(false)
    expect(requirePrivacyAuthorize).toHaveBeenCalledTimes(2)
  })

  test('in the browser there is no such step', async () => {
    process.env.TARO_ENV = 'h5'
    expect(await privacyAgreed()).toBe(true)
    expect(requirePrivacyAuthorize).not.toHaveBeenCalled()
  })
})

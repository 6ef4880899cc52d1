/** A cloud function's deployment settings: a typo is the operator's configuration error, never a silent default. */
import { cloudConfig, ConfigurationError, miniprogramStateFrom } from '../../cloud/transports/wechat/config'

test('miniprogramState is formal unless the deployment names trial or developer', () => {
  expect(miniprogramStateFrom({})).toBe('formal')
  expect(miniprogramStateFrom({ MINAN_MINIPROGRAM_STATE: 'trial' })).toBe('trial')
  expect(miniprogramStateFrom({ MINAN_MINIPROGRAM_STATE: 'developer' })).toBe('developer')
  expect(() => miniprogramStateFrom({ MINAN_MINIPROGRAM_STATE: 'release' })).toThrow(ConfigurationError)
  expect(() => miniprogramStateFrom({ MINAN_MINIPROGRAM_STATE: 'release' })).toThrow(/MINAN_MINIPROGRAM_STATE/)
})

test('production without a PostgreSQL DATABASE_URL is a configuration error that names the variable', () => {
  expect(() => cloudConfig({ NODE_ENV: 'production' })).toThrow(ConfigurationError)
  expect(() => cloudConfig({ NODE_ENV: 'production', DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL.*PostgreSQL/)
})

test('the subscription settings come from the environment on every path; a typo in the state stops a cloud function’s start', () => {
  const env = { MINAN_SUBSCRIBE_TEMPLATE: 'T1', MINAN_SUBSCRIBE_TEMPLATE_BOOKING: 'T2', MINAN_MINIPROGRAM_STATE: 'trial', MINAN_DATA_DIR: '/tmp/minan-config-test' }
  expect(cloudConfig(env).subscribe).toEqual({ templates: { progress: 'T1', booking: 'T2', legal: undefined }, miniprogramState: 'trial' })
  expect(cloudConfig({ MINAN_DATA_DIR: '/tmp/minan-config-test' }).subscribe).toEqual({ templates: {}, miniprogramState: 'formal' })
  expect(() => cloudConfig({ MINAN_MINIPROGRAM_STATE: 'release' })).toThrow(ConfigurationError)
})

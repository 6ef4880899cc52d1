// Every test layer is a jest project; `npm test` (scripts/test.mjs) runs them all after the builds they need.
const tsJest = ['ts-jest', { isolatedModules: true, tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true, target: 'ES2020' } }]
const nodeProject = (name, roots, extra = {}) => ({
  displayName: name,
  testEnvironment: 'node',
  roots,
  transform: { '^.+\\.tsx?$': tsJest },
  moduleNameMapper: { '^@minan/types/(.*)$': '<rootDir>/types/$1', '^@minan/types$': '<rootDir>/types/api' },
  ...extra
})

const taroEsm = '@tarojs|@stencil|swiper|ssr-window|dom7|query-string|decode-uri-component|split-on-first|filter-obj|lodash-es|nanoid'

module.exports = {
  // Integration, simulate and e2e tests start servers, builds and browsers: generous, but bounded.
  testTimeout: 120000,
  projects: [
    nodeProject('unit', ['<rootDir>/tests/unit']),
    nodeProject('integration', ['<rootDir>/tests/integration']),
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/components'],
      setupFiles: ['<rootDir>/tests/components/setup.ts'],
      transform: { '^.+\\.[jt]sx?$': ['babel-jest', { configFile: './babel.config.js' }], '^.+\\.mjs$': ['babel-jest', { configFile: './babel.config.js' }] },
      transformIgnorePatterns: [`<rootDir>/node_modules/(?!(${taroEsm}))`],
      moduleNameMapper: {
        '^@tarojs/components$': '<rootDir>/node_modules/@tarojs/components/lib/react/index',
        '^@tarojs/taro$': '<rootDir>/node_modules/@tarojs/taro-h5',
        '^@minan/types/(.*)$': '<rootDir>/types/$1',
        '\\.(s?css)$': '<rootDir>/tests/components/style-stub.js'
      },
      globals: {
        ENABLE_INNER_HTML: true,
        ENABLE_ADJACENT_HTML: true,
        ENABLE_SIZE_APIS: true,
        ENABLE_TEMPLATE_CONTENT: true,
        ENABLE_MUTATION_OBSERVER: true,
        ENABLE_CLONE_NODE: true,
        ENABLE_CONTAINS: true,
        DEPRECATED_ADAPTER_COMPONENT: false,
        __TARO_FRAMEWORK__: 'react',
        MINAN_API_BASE: '',
        MINAN_CLOUD_ENV: ''
      }
    },
    nodeProject('simulate', ['<rootDir>/tests/simulate']),
    nodeProject('e2e', ['<rootDir>/tests/e2e'])
  ]
}

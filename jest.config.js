// Every test layer is a jest project; `npm test` (scripts/test.mjs) runs them all after the builds they need.
const tsJest = ['ts-jest', { tsconfig: { module: 'commonjs', jsx: 'react-jsx', esModuleInterop: true, target: 'ES2020', isolatedModules: true } }]
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
    nodeProject('unit', ['<rootDir>/tests/unit'], { setupFiles: ['<rootDir>/tests/support/all-texts.ts'] }),
    nodeProject('integration', ['<rootDir>/tests/integration']),
    {
      displayName: 'components',
      testEnvironment: 'jsdom',
      roots: ['<rootDir>/tests/components'],
      setupFilesAfterEnv: ['<rootDir>/tests/components/setup.ts'],
      // babel-plugin-transform-taroapi with the options @tarojs/plugin-platform-h5 gives it in the H5 build: it rewrites
      // `Taro.xxx` into named imports from @tarojs/taro-h5, whose default export carries no APIs. Without it
      // `Taro.makePhoneCall`, `Taro.getStorageSync`... are undefined here.
      transform: {
        '^.+\\.(mjs|[jt]sx?)$': ['babel-jest', {
          configFile: './babel.config.js',
          plugins: [[require.resolve('babel-plugin-transform-taroapi'), { packageName: '@tarojs/taro', definition: require('@tarojs/plugin-platform-h5/dist/definition.json') }]]
        }]
      },
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
    nodeProject('simulate', ['<rootDir>/tests/simulate'], { setupFiles: ['<rootDir>/tests/support/all-texts.ts'] }),
    nodeProject('e2e', ['<rootDir>/tests/e2e'], { setupFiles: ['<rootDir>/tests/support/all-texts.ts'] })
  ]
}

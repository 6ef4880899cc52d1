import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// weapp and H5 write to different folders, so that one build never wipes the other.
const isH5 = process.env.TARO_ENV === 'h5'
// The API contract lives outside src/ and is shared with the backend; both builds must compile it.
const typesDir = path.resolve(__dirname, '..', 'types')
// Packages published with syntax newer than ES5 (valibot ships `?.` and `??`). project.config.json keeps WeChat's own
// ES6 transform off, so the build must hand the runtime ES5: these go through Babel with the app's code, and
// tests/simulate/es5.test.ts parses every file under dist/ as ES5 to catch the next one.
// A function, not a RegExp: Taro's config check accepts only strings and functions here.
const modernPackages = (file: string): boolean => /node_modules[\\/]valibot[\\/]/.test(file)

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'minan',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    alias: { '@minan/types': typesDir },
    defineConstants: {
      // An HTTPS base URL makes the weapp talk to a self-hosted backend instead of cloud functions.
      MINAN_API_BASE: JSON.stringify(process.env.MINAN_API_BASE ?? ''),
      MINAN_CLOUD_ENV: JSON.stringify(process.env.MINAN_CLOUD_ENV ?? ''),
      // The subscription-message template for progress updates (the same id the cloud functions send with).
      MINAN_SUBSCRIBE_TEMPLATE: JSON.stringify(process.env.MINAN_SUBSCRIBE_TEMPLATE ?? ''),
      // Templates for booking reminders and changes (counselling, legal on-site) and for legal consultation replies.
      MINAN_SUBSCRIBE_TEMPLATE_BOOKING: JSON.stringify(process.env.MINAN_SUBSCRIBE_TEMPLATE_BOOKING ?? ''),
      MINAN_SUBSCRIBE_TEMPLATE_LEGAL: JSON.stringify(process.env.MINAN_SUBSCRIBE_TEMPLATE_LEGAL ?? '')
    },
    // WeChat's search index rules: only the weapp has them.
    copy: { patterns: isH5 ? [] : [{ from: 'src/sitemap.json', to: 'dist/sitemap.json' }], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [typesDir, modernPackages] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      }
    },
    h5: {
      compile: { include: [typesDir] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } }
      }
    }
  }
  return merge({}, baseConfig, process.env.NODE_ENV === 'development' ? devConfig : prodConfig)
})

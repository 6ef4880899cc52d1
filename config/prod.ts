import type { UserConfigExport } from '@tarojs/cli'
import { MinifyWxmlPlugin } from './minify-wxml'

export default {
  // JS and WXSS are minified in production by the runner itself; the templates here (not with Taro's minifyXML:
  // see config/minify-wxml.ts).
  mini: {
    webpackChain(chain) {
      chain.plugin('minifyWxml').use(MinifyWxmlPlugin)
    }
  },
  h5: {}
} satisfies UserConfigExport<'webpack5'>

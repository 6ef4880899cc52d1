import type { UserConfigExport } from '@tarojs/cli'
import { MinifyWxmlPlugin } from './minify-wxml'

export default {
  // JS and WXSS are minified in production by the runner itself; the templates here (not with Taro's minifyXML:
  // see config/minify-wxml.ts).
  mini: {
    webpackChain(chain) {
      chain.plugin('minifyWxml').use(MinifyWxmlPlugin)
      // Taro's terser writes every Chinese character as a six-byte \uXXXX escape (ascii_only); the package's files are
      // UTF-8, so plain characters take half the room: about 70 KB less main package, the catalogue being mostly Chinese.
      if ((chain.optimization as unknown as { minimizers: { has(name: string): boolean } }).minimizers.has('terserPlugin')) {
        chain.optimization.minimizer('terserPlugin').tap((args) => {
          const [options = {}] = args
          const terserOptions = options.terserOptions ?? {}
          return [{ ...options, terserOptions: { ...terserOptions, output: { ...(terserOptions.output ?? {}), ascii_only: false } } }]
        })
      }
    }
  },
  h5: {}
} satisfies UserConfigExport<'webpack5'>

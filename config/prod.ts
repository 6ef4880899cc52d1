import type { UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import zlib from 'node:zlib'
import CompressionPlugin from 'compression-webpack-plugin'
import { MinifyWxmlPlugin } from './minify-wxml'

// H5 text assets are also written compressed (`.br` at the highest quality, `.gz` for browsers without brotli), so
// the server sends them as they are, without compressing per request: on a 1.6 Mbps phone network the first-load
// JavaScript is a third of its size on the wire (issue 16).
const compressed = (name: string, algorithm: 'gzip' | 'brotliCompress', options: object) =>
  new CompressionPlugin({ filename: `[path][base].${name}`, algorithm, compressionOptions: options, test: /\.(js|css|html|svg|json)$/, threshold: 1024, minRatio: 0.9 })

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
  h5: {
    webpackChain(chain) {
      chain.plugin('brotli').use(compressed('br', 'brotliCompress', { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }))
      chain.plugin('gzip').use(compressed('gz', 'gzip', { level: 9 }))
      // @tarojs/taro-h5 imports polyfills of fetch and AbortController and a JSONP client into every first load (41 KB).
      // The browsers the H5 app supports (WeChat's built-in browser, Chrome/Android WebView ≥ 66, iOS Safari ≥ 12.1)
      // have both, and the app never asks for JSONP.
      const stub = (name: string) => path.resolve(__dirname, 'h5-stubs', name)
      chain.resolve.alias.set('whatwg-fetch$', stub('nothing.js'))
      chain.resolve.alias.set('abortcontroller-polyfill/dist/abortcontroller-polyfill-only$', stub('nothing.js'))
      chain.resolve.alias.set('jsonp-retry$', stub('no-jsonp.js'))
      // `MINAN_ANALYZE=1` writes source maps (not linked from the files) to see what the first load is made of, e.g.
      // with `npx source-map-explorer dist-h5/js/app.*.js`.
      if (process.env.MINAN_ANALYZE === '1') chain.devtool('hidden-source-map')
    }
  }
} satisfies UserConfigExport<'webpack5'>

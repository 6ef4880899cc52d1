import type { UserConfigExport } from '@tarojs/cli'
import path from 'node:path'
import zlib from 'node:zlib'
import CompressionPlugin from 'compression-webpack-plugin'
import MiniCssExtractPlugin from 'mini-css-extract-plugin'
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
    // Images are files, never base64 inside the JavaScript: the tab bar's six PNG icons (7 KB, a third more as base64,
    // which gzip cannot shrink) were all in the first load, though the first screen shows three. Hashed names: the
    // server sends everything but index.html as immutable.
    imageUrlLoaderOption: { limit: 1, name: 'static/images/[name].[contenthash:8][ext]' },
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
      chain.resolve.alias.set('platform$', stub('platform.js'))
      // Taro's own component styles go into the stylesheet, as the app's do, instead of a string in the first load's
      // JavaScript that style-loader writes into <head> at run time. They come first in it (the runtime that imports
      // them is the entry's first import), so the app's styles still win ties, as they did with style-loader's
      // insert-at-top.
      chain.module.rule('taroStyle').uses.clear()
      chain.module.rule('taroStyle').use('extractCss').loader(MiniCssExtractPlugin.loader)
      // taro-components.css carries WeUI's icon font inline: 16 KB of base64 in every first load (in the JavaScript
      // before, it would be in the stylesheet now) that only a checked <Checkbox> draws (the agreement's 我已阅读). As a
      // file of its own the browser fetches it when a page first shows that glyph. The only octet-stream data: URL.
      chain.module
        .rule('inlineFont')
        .set('scheme', 'data')
        .set('mimetype', 'application/octet-stream')
        .set('type', 'asset/resource')
        .set('generator', { filename: 'static/fonts/[contenthash:8].ttf' })
      // `MINAN_ANALYZE=1` writes source maps (not linked from the files) to see what the first load is made of, e.g.
      // with `npx source-map-explorer dist-h5/js/app.*.js`.
      if (process.env.MINAN_ANALYZE === '1') chain.devtool('hidden-source-map')
    }
  }
} satisfies UserConfigExport<'webpack5'>

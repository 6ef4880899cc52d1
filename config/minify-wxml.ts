/**
 * Production templates without their indentation. Taro's own `minifyXML` option runs html-minifier, which drops the
 * end tags of HTML void elements (`</input>`) that WeChat's WXML compiler requires, so it breaks base.wxml. This
 * removes only the line breaks and indentation between tags: Taro's templates carry text through {{ }} bindings, never
 * as literal text between tags, so the whitespace removed here is never shown.
 */
import type { Compiler } from 'webpack'

const BETWEEN_TAGS = />\s*\n\s*</g

export function minifyWxml(source: string): string {
  return source.replace(BETWEEN_TAGS, '><').trim()
}

export class MinifyWxmlPlugin {
  apply(compiler: Compiler): void {
    const { Compilation, sources } = compiler.webpack
    compiler.hooks.thisCompilation.tap('MinifyWxmlPlugin', (compilation) => {
      compilation.hooks.processAssets.tap({ name: 'MinifyWxmlPlugin', stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE }, (assets) => {
        for (const name of Object.keys(assets)) {
          if (!name.endsWith('.wxml')) continue
          const before = assets[name].source().toString()
          const after = minifyWxml(before)
          if (after !== before) compilation.updateAsset(name, new sources.RawSource(after))
        }
      })
    })
  }
}

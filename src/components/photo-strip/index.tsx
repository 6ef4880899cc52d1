import { View, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import './index.scss'

export interface PhotoStripProps {
  /** Loadable links, in order (signed server links or temporary cloud links). */
  sources: string[]
  /** What the row is, for screen readers. */
  label: string
  /** Each photo's text alternative, by its number from 1. */
  itemLabel(n: number): string
}

/** A row of photo thumbnails; tapping one opens it full size, with the others to swipe through. */
export function PhotoStrip({ sources, label, itemLabel }: PhotoStripProps) {
  if (!sources.length) return null
  return (
    <View className='photo-strip' role='group' aria-label={label}>
      {sources.map((src, i) => (
        <Image
          key={src}
          className='photo-strip__item'
          src={src}
          mode='aspectFill'
          aria-label={itemLabel(i + 1)}
          // On H5 the host carries aria-label; the inner <img> needs its own text alternative.
          nativeProps={{ alt: itemLabel(i + 1) }}
          onClick={() => void Taro.previewImage({ current: src, urls: sources }).catch(() => undefined)}
        />
      ))}
    </View>
  )
}
PhotoStrip.displayName = 'PhotoStrip'

/**
 * One icon of the app's set (src/assets/icons, Lucide, ISC licence; built by scripts/icons.mjs), drawn as the
 * background of a box: weapp has no inline <svg>, and Taro's H5 image sizes and crops its <img> by rules of its own.
 * Decorative by default — the words beside it say what it means — so hidden from screen readers; give `label` where
 * the icon stands alone.
 */
import { View } from '@tarojs/components'
import './index.scss'

export * from './icons.gen'

export interface IconProps {
  /** The icon in its colour, as icons.gen exports it (`iconPhoneBrand`): each package carries only what it imports. */
  src: string
  size?: 'small' | 'medium' | 'large'
  label?: string
  className?: string
}

export function Icon({ src, size = 'small', label, className }: IconProps) {
  return (
    <View
      className={`icon icon--${size}${className ? ` ${className}` : ''}`}
      style={{ backgroundImage: `url("${src}")` }}
      aria-hidden={label ? undefined : 'true'}
      aria-label={label}
      role={label ? 'img' : undefined}
    />
  )
}
Icon.displayName = 'Icon'

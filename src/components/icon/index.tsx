/**
 * One icon of the app's set (src/assets/icons, Lucide, ISC licence; built by scripts/icons.mjs): an image, because
 * weapp has no inline <svg>. Decorative by default — the words beside it say what it means — so hidden from screen
 * readers; give `label` where the icon stands alone.
 */
import { Image } from '@tarojs/components'
import { ICON_COLOURS, ICON_SRC, type IconColour, type IconName } from './icons.gen'
import './index.scss'

export type { IconName, IconColour } from './icons.gen'

export interface IconProps {
  name: IconName
  /** One of the colours the icon is built in (scripts/icons.mjs); the first by default. */
  colour?: IconColour
  size?: 'small' | 'medium' | 'large'
  label?: string
  className?: string
}

export function Icon({ name, colour, size = 'small', label, className }: IconProps) {
  const tone = colour && ICON_COLOURS[name].includes(colour) ? colour : ICON_COLOURS[name][0]
  return (
    <Image
      className={`icon icon--${size} icon--${name}${className ? ` ${className}` : ''}`}
      src={ICON_SRC[`${name}--${tone}`]}
      mode='aspectFit'
      aria-hidden={label ? undefined : 'true'}
      aria-label={label}
      role={label ? 'img' : undefined}
    />
  )
}
Icon.displayName = 'Icon'

/**
 * A status in words on its tone's colour, with the tone's mark before it (drawn by the style sheet, so the words
 * stay the chip's text): the one chip every list and header uses for a case, a question, a booking or a marker.
 */
import { Text } from '@tarojs/components'
import type { Tone } from './tone'
import './index.scss'

export type { Tone } from './tone'
export { matterTone, toneOf, TONES } from './tone'

export interface StatusChipProps {
  tone: Tone
  label: string
  /** The screen's own class (kept for its hooks and layout). */
  className?: string
  /** False where the words already carry their mark (⚠, ◷), so it is not shown twice. */
  mark?: boolean
  ariaLabel?: string
}

export function StatusChip({ tone, label, className, mark = true, ariaLabel }: StatusChipProps) {
  const classes = ['status-chip', `status-chip--${tone}`, mark ? '' : 'status-chip--unmarked', className ?? ''].filter(Boolean).join(' ')
  return (
    <Text className={classes} aria-label={ariaLabel}>
      {label}
    </Text>
  )
}
StatusChip.displayName = 'StatusChip'

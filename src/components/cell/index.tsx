/**
 * The one list row (cell) of the app, as WeUI and 粤省事 draw it: a title on one line, one meta line (place · date,
 * or what comes next), the status as a chip on the right, and a chevron — the whole row one tap. A row only to read
 * (no onClick) has no chevron.
 */
import type { ReactNode } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { StatusChip, type Tone } from '../status-chip'
import './index.scss'

export interface CellChip {
  tone: Tone
  label: string
  /** The screen's own class for the chip (kept for its hooks). */
  className?: string
  mark?: boolean
}

export interface CellProps {
  title: string
  meta?: string | null
  chip?: CellChip | null
  /** A second chip under the first, for what is pressing (overdue, due soon). */
  flag?: CellChip | null
  /** The row's one tap; a row without one (a list to read, not to open) has no chevron. */
  onClick?: () => void
  className?: string
  /** Anything the row must carry besides (a 新 mark). */
  extra?: ReactNode
  ariaLabel?: string
}

export function Cell({ title, meta, chip, flag, onClick, className, extra, ariaLabel }: CellProps) {
  const inner = (
    <>
      <View className='cell__body'>
        <Text className='cell__title'>{title}</Text>
        {meta && <Text className='cell__meta'>{meta}</Text>}
        {extra}
      </View>
      {(chip || flag) && (
        <View className='cell__side'>
          {chip && <StatusChip tone={chip.tone} label={chip.label} mark={chip.mark} className={`cell__chip${chip.className ? ` ${chip.className}` : ''}`} />}
          {flag && <StatusChip tone={flag.tone} label={flag.label} mark={flag.mark} className={`cell__chip cell__flag${flag.className ? ` ${flag.className}` : ''}`} />}
        </View>
      )}
    </>
  )
  const classes = `cell${className ? ` ${className}` : ''}`
  if (!onClick) {
    return (
      <View className={classes} role='listitem' aria-label={ariaLabel}>
        {inner}
      </View>
    )
  }
  return (
    <Button className={classes} role='listitem' onClick={onClick} aria-label={ariaLabel}>
      {inner}
      <View className='cell__chevron' aria-hidden='true' />
    </Button>
  )
}
Cell.displayName = 'Cell'

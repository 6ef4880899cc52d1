/**
 * Bar charts drawn with Views (no chart library: the package stays small). A bar's length is a percentage width,
 * and its number is always written beside it as text, so nothing is told by colour or length alone.
 */
import type { ReactNode } from 'react'
import { View, Text } from '@tarojs/components'
import './index.scss'

export type BarTone = 'filed' | 'closed' | 'ours' | 'province' | 'plain'

interface BarLineProps {
  /** CSS width of the filled part, e.g. '42.5%' (see barWidth in ../../store). */
  width: string
  /** The figure, in words: shown beside the bar. */
  text: string
  tone?: BarTone
}

/** One bar and its figure. The drawn part is hidden from screen readers: the text says it all. */
export function BarLine({ width, text, tone = 'plain' }: BarLineProps) {
  return (
    <View className='bar-line'>
      <View className='bar-line__track' aria-hidden='true'>
        <View className={`bar-line__fill bar-line__fill--${tone}`} style={{ width }} />
      </View>
      <Text className='bar-line__value'>{text}</Text>
    </View>
  )
}

/** A named bar in a list: what it counts above, the bar and its figure below. */
export function LabelledBar({ label, ...bar }: BarLineProps & { label: string }) {
  return (
    <View className='bar-item' role='listitem'>
      <Text className='bar-item__label'>{label}</Text>
      <BarLine {...bar} />
    </View>
  )
}

/** A section of the page: a heading, what its figures mean in plain words, then its content. */
export function Section({ title, note, children }: { title: string; note?: string; children?: ReactNode }) {
  return (
    <View className='card chart-section'>
      <Text className='chart-section__title' role='heading' aria-level={2}>
        {title}
      </Text>
      {note && <Text className='chart-section__note'>{note}</Text>}
      {children}
    </View>
  )
}

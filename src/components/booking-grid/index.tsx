/**
 * One booking grid for every service (counselling, legal on-site): a horizontal strip of the days that have times
 * (a day nobody works is not offered; a working day with nothing left shows as 约满), and the chosen day's times as a
 * grid of chips. Plain props: the page (an observer) reads its store and passes days and callbacks down.
 */
import type { ReactNode } from 'react'
import { View, Text, Button, ScrollView } from '@tarojs/components'
import './index.scss'

export interface GridSlot {
  key: string
  /** On the chip: "09:00" (with a name when several people share the day). */
  text: string
  /** Said in full to screen readers: "预约 12月8日 星期二 09:00，林静". */
  label: string
  /** Already booked by this person: shown, not offered. */
  mine?: boolean
}

export interface GridDay {
  /** Shanghai calendar date, YYYY-MM-DD. */
  date: string
  /** "周二" / "Tue". */
  weekday: string
  /** "12/8" / "8 Dec". */
  day: string
  /** In full, for the heading of its times: "12月8日 星期二". */
  title: string
  slots: GridSlot[]
}

export interface BookingGridLabels {
  days: string
  times: (dayTitle: string) => string
  full: string
  left: (n: number) => string
  none: string
  mine: string
}

export interface BookingGridProps {
  days: GridDay[]
  /** The day whose times are shown (null: the first day with a free time). */
  value: string | null
  onDay: (date: string) => void
  onPick: (key: string) => void
  labels: BookingGridLabels
  /** Below the chosen day's times (e.g. a waitlist for a full day). */
  footer?: ReactNode
}

export const firstOpenDay = (days: GridDay[]): string | null => (days.find((d) => d.slots.some((s) => !s.mine)) ?? days[0])?.date ?? null

export function BookingGrid({ days, value, onDay, onPick, labels, footer }: BookingGridProps) {
  const chosen = days.find((d) => d.date === value) ?? days.find((d) => d.date === firstOpenDay(days)) ?? null
  return (
    <View className='booking-grid'>
      <Text className='booking-grid__heading'>{labels.days}</Text>
      <ScrollView className='booking-grid__strip' scrollX enableFlex>
        <View className='booking-grid__days' role='tablist' aria-label={labels.days}>
          {days.map((d) => {
            const free = d.slots.filter((s) => !s.mine).length
            const on = d.date === chosen?.date
            return (
              <Button
                key={d.date}
                className={`booking-grid__day ${on ? 'booking-grid__day--on' : ''} ${free ? '' : 'booking-grid__day--full'}`}
                role='tab'
                aria-selected={on}
                aria-label={`${d.title}，${free ? labels.left(free) : labels.full}`}
                onClick={() => onDay(d.date)}
              >
                <Text className='booking-grid__weekday'>{d.weekday}</Text>
                <Text className='booking-grid__date'>{d.day}</Text>
                <Text className='booking-grid__count'>{free ? labels.left(free) : labels.full}</Text>
              </Button>
            )
          })}
        </View>
      </ScrollView>
      {chosen && (
        <View className='booking-grid__panel' role='tabpanel' aria-label={chosen.title}>
          <Text className='booking-grid__heading'>{labels.times(chosen.title)}</Text>
          {chosen.slots.length === 0 && <Text className='booking-grid__none'>{labels.none}</Text>}
          <View className='booking-grid__times'>
            {chosen.slots.map((s) =>
              s.mine ? (
                <Text key={s.key} className='booking-grid__time booking-grid__time--mine'>{`✓ ${s.text} ${labels.mine}`}</Text>
              ) : (
                <Button key={s.key} className='booking-grid__time' aria-label={s.label} onClick={() => onPick(s.key)}>
                  {s.text}
                </Button>
              )
            )}
          </View>
          {footer}
        </View>
      )}
    </View>
  )
}

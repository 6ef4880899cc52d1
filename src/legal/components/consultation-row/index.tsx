/**
 * One consultation in a list (我的法律咨询, the advisor's workbench): the question's first line as its title, one
 * line of where and when, its state as a chip in words (past the deadline says so), and a chevron — read left to
 * right like any list, the whole row one tap.
 */
import { View, Text, Button } from '@tarojs/components'
import type { ConsultationSummary } from '@minan/types/functions/legal'
import type { Locale } from '@minan/types/locale'
import { categoryKey, dateText, statusKey, type T } from '../../format'
import { StatusChip, toneOf } from '../../../components/status-chip'
import './index.scss'

export interface ConsultationRowProps {
  item: ConsultationSummary
  t: T
  locale: Locale
  onOpen: (id: string) => void
  /** Extra class for the page's own hooks (e.g. lg-bench__open). */
  className?: string
  /** The advisor's list: who asked and by when the answer is due, instead of when it was asked. */
  forAdvisor?: boolean
}

/** The question's first line; a question that is only spaces is named by its kind. */
export const consultationTitle = (item: ConsultationSummary, t: T): string => item.excerpt.split('\n').map((l) => l.trim()).find(Boolean) ?? t(categoryKey(item.category))

export function ConsultationRow({ item, t, locale, onOpen, className, forAdvisor = false }: ConsultationRowProps) {
  const title = consultationTitle(item, t)
  const meta = forAdvisor
    ? t('legal.row.metaAdvisor', {
        village: item.villageName,
        asker: item.askerName,
        when: item.dueAt ? t('legal.due', { date: dateText(item.dueAt, locale, t) }) : dateText(item.askedAt, locale, t)
      })
    : t('legal.row.meta', { village: item.villageName, date: dateText(item.askedAt, locale, t) })
  const chip = item.overdue ? t('legal.row.overdue') : t(statusKey(item.status))
  const state = item.overdue ? 'overdue' : item.status
  return (
    <Button className={`lg-crow${className ? ` ${className}` : ''}`} role='listitem' onClick={() => onOpen(item.id)}>
      <View className='lg-crow__body'>
        <Text className='lg-crow__title'>{title}</Text>
        <Text className='lg-crow__meta'>{meta}</Text>
      </View>
      <StatusChip tone={toneOf('consultation', state)} label={chip} className={`lg-crow__chip lg-crow__chip--${state}`} />
      <Text className='lg-crow__chevron' aria-hidden='true'>
        ›
      </Text>
    </Button>
  )
}
ConsultationRow.displayName = 'ConsultationRow'

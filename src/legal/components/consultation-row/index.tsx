/**
 * One consultation in a list (我的法律咨询, the advisor's workbench), drawn as the app's one list row
 * (src/components/cell): the question's first line as its title, one line of where and when, its state as a chip in
 * words (past the deadline says so), and a chevron — the whole row one tap.
 */
import type { ConsultationSummary } from '@minan/types/functions/legal'
import type { Locale } from '@minan/types/locale'
import { categoryKey, dateText, statusKey, type T } from '../../format'
import { toneOf } from '../../../components/status-chip'
import { Cell } from '../../../components/cell'

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
  const meta = forAdvisor
    ? t('legal.row.metaAdvisor', {
        village: item.villageName,
        asker: item.askerName,
        when: item.dueAt ? t('legal.due', { date: dateText(item.dueAt, locale, t) }) : dateText(item.askedAt, locale, t)
      })
    : t('legal.row.meta', { village: item.villageName, date: dateText(item.askedAt, locale, t) })
  const state = item.overdue ? 'overdue' : item.status
  return (
    <Cell
      className={`lg-crow${className ? ` ${className}` : ''}`}
      title={consultationTitle(item, t)}
      meta={meta}
      chip={{ tone: toneOf('consultation', state), label: item.overdue ? t('legal.row.overdue') : t(statusKey(item.status)), className: `lg-crow__chip lg-crow__chip--${state}` }}
      onClick={() => onOpen(item.id)}
    />
  )
}
ConsultationRow.displayName = 'ConsultationRow'

/**
 * The dashboard's content: the path from the person's jurisdiction down to the region shown, the figures with what
 * each means, the township share beside the province's 99.8 %, satisfaction, twelve months, and the sub-regions to
 * drill down into. The bar charts are the public statistics page's (src/public/components/charts).
 */
import '../../../public/texts'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Dashboard } from '@minan/types/functions/stats'
import type { MessageKey } from '../../../i18n'
import { formatInstant, formatMonth } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { Skeleton } from '../../../components/skeleton'
import { BarLine, LabelledBar, Section } from '../../../public/components/charts'
import { SatisfactionFigures } from '../../../public/components/satisfaction'
import { barWidth, PROVINCE_TOWNSHIP_SHARE } from '../../../public/store'
import { errorText } from '../../format'
import { useDashboardStore } from './store'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

function Figure({ label, value, note, tone }: { label: string; value: string; note: string; tone?: 'alert' | 'warn' }) {
  return (
    <View className={`dash-figure${tone ? ` dash-figure--${tone}` : ''}`} role='listitem'>
      <View className='dash-figure__head'>
        <Text className='dash-figure__label'>{label}</Text>
        <Text className='dash-figure__value'>{value}</Text>
      </View>
      <Text className='dash-figure__note'>{note}</Text>
    </View>
  )
}

const Path = observer(function Path({ d }: { d: Dashboard }) {
  const { ui } = useStores()
  const store = useDashboardStore()
  return (
    <View className='dash-path' role='navigation' aria-label={ui.t('dash.path')}>
      {d.path.map((p, i) =>
        i === d.path.length - 1 ? (
          <Text key={p.code} className='dash-path__here' aria-current='page'>
            {p.name}
          </Text>
        ) : (
          <View key={p.code} className='dash-path__step'>
            <Button className='dash-path__link' onClick={() => void store.open(p.code)}>
              {p.name}
            </Button>
            <Text className='dash-path__sep' aria-hidden='true'>
              ›
            </Text>
          </View>
        )
      )}
    </View>
  )
})

function Figures({ d, t }: { d: Dashboard; t: T }) {
  const count = (n: number) => t('public.count', { n })
  return (
    <Section title={t('dash.figures')}>
      <View role='list'>
        <Figure label={t('dash.new.month')} value={count(d.newThisMonth)} note={t('dash.new.month.note')} />
        <Figure label={t('dash.new.30')} value={count(d.newLast30Days)} note={t('dash.new.30.note')} />
        <Figure label={t('dash.open')} value={count(d.open)} note={t('dash.open.note')} />
        <Figure label={t('dash.overdue')} value={count(d.overdue)} note={t('dash.overdue.note')} tone={d.overdue ? 'alert' : undefined} />
        <Figure label={t('dash.dueSoon')} value={count(d.dueSoon)} note={t('dash.dueSoon.note', { n: d.dueSoonDays })} tone={d.dueSoon ? 'warn' : undefined} />
        <Figure label={t('dash.closed')} value={count(d.closed)} note={t('dash.closed.note')} />
        <Figure label={t('dash.median')} value={d.medianDaysToClose === null ? t('public.none') : t('public.days', { n: d.medianDaysToClose })} note={t('dash.median.note')} />
      </View>
    </Section>
  )
}

function Township({ d, t }: { d: Dashboard; t: T }) {
  const share = d.resolvedAtTownshipShare
  return (
    <Section title={t('dash.township')} note={t('dash.township.note')}>
      <View role='list'>
        <LabelledBar label={d.name} tone='ours' width={barWidth(share ?? 0, 100)} text={share === null ? t('public.none') : t('public.percent', { n: share })} />
        <LabelledBar label={t('public.township.province')} tone='province' width={barWidth(PROVINCE_TOWNSHIP_SHARE, 100)} text={t('public.percent', { n: PROVINCE_TOWNSHIP_SHARE })} />
      </View>
    </Section>
  )
}

function Satisfaction({ d, t }: { d: Dashboard; t: T }) {
  return (
    <Section title={t('dash.satisfaction')}>
      <SatisfactionFigures s={d.satisfaction} t={t} lineClass='dash__line' />
    </Section>
  )
}

const Months = observer(function Months({ d, t }: { d: Dashboard; t: T }) {
  const { ui } = useStores()
  const max = useDashboardStore().monthMax
  return (
    <Section title={t('dash.months')} note={t('dash.months.note')}>
      <View role='list'>
        {d.byMonth.map((m) => (
          <View key={m.month} className='dash-month' role='listitem'>
            <Text className='dash-month__label'>{formatMonth(m.month, ui.locale, t('public.format.month'))}</Text>
            <BarLine tone='filed' width={barWidth(m.filed, max)} text={t('public.bar.filed', { n: m.filed })} />
            <BarLine tone='closed' width={barWidth(m.closed, max)} text={t('public.bar.closed', { n: m.closed })} />
          </View>
        ))}
      </View>
    </Section>
  )
})

const Children = observer(function Children({ d, t }: { d: Dashboard; t: T }) {
  const store = useDashboardStore()
  if (!d.children.length) return null
  return (
    <Section title={t(d.level === 'city' ? 'dash.children.county' : 'dash.children.township')} note={t('dash.children.note')}>
      <View role='list'>
        {store.childRanking.map((c) => (
          <View key={c.code} className='dash-child' role='listitem'>
            <Button className={`dash-child__open${c.overdue ? ' dash-child__open--overdue' : ''}`} aria-label={t('dash.child.open', { name: c.name })} onClick={() => void store.open(c.code)}>
              <Text className='dash-child__name'>{c.name} ›</Text>
            </Button>
            <BarLine tone='filed' width={barWidth(c.open + c.closed, store.childMax)} text={t('dash.child.bar', { open: c.open, closed: c.closed })} />
            <Text className='dash-child__detail'>
              {t('dash.child.detail', {
                overdue: c.overdue,
                recent: c.newLast30Days,
                share: c.resolvedAtTownshipShare === null ? t('public.none') : t('public.percent', { n: c.resolvedAtTownshipShare })
              })}
            </Text>
          </View>
        ))}
      </View>
    </Section>
  )
})

export const DashboardView = observer(function DashboardView() {
  const { ui } = useStores()
  const store = useDashboardStore()
  const t = ui.t
  const d = store.dashboard
  return (
    <View className='dash'>
      <Text className='page-title dash__title' role='heading' aria-level={1}>
        {d ? `${t('dash.title')} · ${d.name}` : t('dash.title')}
      </Text>
      <Text className='dash__intro'>{t('dash.intro')}</Text>
      {d && <Path d={d} />}
      {d && <Text className='dash__intro'>{t('public.updated', { time: formatInstant(d.generatedAt, ui.locale, t('public.format.datetime')) })}</Text>}
      {store.loading && d && (
        <Text className='dash__intro' role='status'>
          {t('common.loading')}
        </Text>
      )}
      {store.error && (
        <View className='card'>
          <Text className='error-text' role='alert'>
            {store.error.code === 'FORBIDDEN' ? t('dash.forbidden') : errorText(store.error, ui.locale)}
          </Text>
          <Button className='btn-plain' onClick={() => void store.reload()}>
            {t('common.retry')}
          </Button>
        </View>
      )}
      {!d && store.loading && <Skeleton rows={3} />}
      {d && (
        <>
          <Figures d={d} t={t} />
          <Township d={d} t={t} />
          <Satisfaction d={d} t={t} />
          <Months d={d} t={t} />
          <Children d={d} t={t} />
        </>
      )}
    </View>
  )
})

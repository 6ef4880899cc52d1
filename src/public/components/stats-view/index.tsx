/**
 * The public statistics, section by section: the headline figures with what each means, the township share beside
 * the province's published 99.8 %, satisfaction, twelve months raised and concluded, the city ranking, the kinds, and
 * the mediation agreements (in effect, judicially confirmed, performed) per region.
 */
import '../../texts'
import { View, Text, Button, Picker } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MessageKey } from '../../../i18n'
import { formatInstant, formatMonth } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { barWidth, PROVINCE_TOWNSHIP_SHARE, usePublicStore } from '../../store'
import { BarLine, LabelledBar, Section } from '../charts'
import { SatisfactionFigures } from '../satisfaction'

type T = (key: MessageKey, params?: Record<string, string | number>) => string

const AreaFilter = observer(function AreaFilter() {
  const { ui } = useStores()
  const store = usePublicStore()
  const options = [{ code: null as string | null, name: ui.t('public.area.all') }, ...store.cities.map((c) => ({ code: c.code as string | null, name: c.name }))]
  const index = Math.max(0, options.findIndex((o) => o.code === store.cityCode))
  return (
    <Picker mode='selector' range={options.map((o) => o.name)} value={index} onChange={(e) => void store.setCity(options[Number(e.detail.value)]?.code ?? null)}>
      {/* A Button, not a View: a keyboard can reach it and open the picker (the page has no other tab stop). */}
      <Button className='area-filter' aria-label={ui.t('public.area.label', { name: options[index].name })}>
        <Text className='area-filter__label'>{ui.t('public.area')}</Text>
        <Text className='area-filter__value'>{options[index].name} ▾</Text>
      </Button>
    </Picker>
  )
})

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <View className='figure' role='listitem'>
      <View className='figure__head'>
        <Text className='figure__label'>{label}</Text>
        <Text className='figure__value'>{value}</Text>
      </View>
      {note && <Text className='figure__note'>{note}</Text>}
    </View>
  )
}

const Figures = observer(function Figures({ t }: { t: T }) {
  const s = usePublicStore().stats!
  const count = (n: number) => t('public.count', { n })
  return (
    <Section title={t('public.overview')}>
      <View role='list'>
        <Figure label={t('public.total')} value={count(s.total)} note={t('public.total.note')} />
        <Figure label={t('public.open')} value={count(s.open)} note={t('public.open.note')} />
        <Figure label={t('public.closed')} value={count(s.closed)} note={t('public.closed.note')} />
        <Figure label={t('public.median')} value={s.medianDaysToClose === null ? t('public.none') : t('public.days', { n: s.medianDaysToClose })} note={t('public.median.note')} />
      </View>
    </Section>
  )
})

const Township = observer(function Township({ t }: { t: T }) {
  const share = usePublicStore().stats!.resolvedAtTownshipShare
  return (
    <Section title={t('public.township')} note={t('public.township.note')}>
      <Text className='stats__reference'>{t('public.township.reference', { share: PROVINCE_TOWNSHIP_SHARE })}</Text>
      <View role='list'>
        <LabelledBar label={t('public.township.ours')} tone='ours' width={barWidth(share ?? 0, 100)} text={share === null ? t('public.none') : t('public.percent', { n: share })} />
        <LabelledBar label={t('public.township.province')} tone='province' width={barWidth(PROVINCE_TOWNSHIP_SHARE, 100)} text={t('public.percent', { n: PROVINCE_TOWNSHIP_SHARE })} />
      </View>
    </Section>
  )
})

const Satisfaction = observer(function Satisfaction({ t }: { t: T }) {
  return (
    <Section title={t('public.satisfaction')} note={t('public.satisfaction.note')}>
      <SatisfactionFigures s={usePublicStore().stats!.satisfaction} t={t} lineClass='stats__line' />
    </Section>
  )
})

const Months = observer(function Months({ t }: { t: T }) {
  const { ui } = useStores()
  const store = usePublicStore()
  return (
    <Section title={t('public.months')} note={t('public.months.note')}>
      <View role='list'>
        {store.stats!.byMonth.map((m) => (
          <View key={m.month} className='month' role='listitem'>
            <Text className='month__label'>{formatMonth(m.month, ui.locale, t('public.format.month'))}</Text>
            <View className='month__bars'>
              <BarLine tone='filed' width={barWidth(m.filed, store.monthMax)} text={t('public.bar.filed', { n: m.filed })} />
              <BarLine tone='closed' width={barWidth(m.closed, store.monthMax)} text={t('public.bar.closed', { n: m.closed })} />
            </View>
          </View>
        ))}
      </View>
    </Section>
  )
})

const Cities = observer(function Cities({ t }: { t: T }) {
  const store = usePublicStore()
  return (
    <Section title={t('public.cities')} note={t('public.cities.note')}>
      {store.cityCode ? (
        <Text className='stats__line'>{t('public.cities.filtered')}</Text>
      ) : (
        <View role='list'>
          {store.cityRanking.map((c, i) => (
            <LabelledBar key={c.code} label={`${i + 1}. ${c.name}`} tone='filed' width={barWidth(c.filed, store.cityMax)} text={t('public.city.bar', { filed: c.filed, closed: c.closed })} />
          ))}
        </View>
      )}
    </Section>
  )
})

const Kinds = observer(function Kinds({ t }: { t: T }) {
  const store = usePublicStore()
  return (
    <Section title={t('public.kinds')} note={t('public.kinds.note')}>
      <View role='list'>
        {store.stats!.byKind.map((k) => (
          <LabelledBar key={k.kind} label={t(`public.kind.${k.kind}` as MessageKey)} width={barWidth(k.count, store.kindMax)} text={t('public.count', { n: k.count })} />
        ))}
      </View>
    </Section>
  )
})

/** 人民调解协议: agreements in effect, judicially confirmed and performed, and each region that has one. */
const Agreements = observer(function Agreements({ t }: { t: T }) {
  const a = usePublicStore().stats!.agreements
  const count = (n: number) => t('public.count', { n })
  return (
    <Section title={t('public.agreements')} note={t('public.agreements.note')}>
      <View role='list'>
        <Figure label={t('public.agreements.total')} value={count(a.agreements)} />
        <Figure label={t('public.agreements.confirmed')} value={count(a.confirmed)} />
        <Figure label={t('public.agreements.performed')} value={count(a.performed)} />
      </View>
      {a.byRegion.length === 0 ? (
        <Text className='stats__line'>{t('public.agreements.none')}</Text>
      ) : (
        <View role='list' className='stats__agreements'>
          {a.byRegion.map((r) => (
            <Text key={r.code} className='stats__line' role='listitem'>
              {t('public.agreements.region', { name: r.name, agreements: r.agreements, confirmed: r.confirmed, performed: r.performed })}
            </Text>
          ))}
        </View>
      )}
    </Section>
  )
})

export const StatsView = observer(function StatsView() {
  const { ui } = useStores()
  const store = usePublicStore()
  const t = ui.t
  const s = store.stats
  const error = store.errorText(t('public.error.network'))
  return (
    <View className='stats'>
      <Text className='page-title stats__title' role='heading' aria-level={1}>
        {t('public.title')}
      </Text>
      <Text className='stats__intro'>{t('public.intro')}</Text>
      <AreaFilter />
      {s && <Text className='stats__updated'>{t('public.updated', { time: formatInstant(s.generatedAt, ui.locale, t('public.format.datetime')) })}</Text>}
      {store.loading && (
        <Text className='stats__state' role='status'>
          {t('common.loading')}
        </Text>
      )}
      {error && (
        <View className='card'>
          <Text className='error-text' role='alert'>
            {error}
          </Text>
          <Button className='btn-plain stats__retry' onClick={() => void store.load()}>
            {t('common.retry')}
          </Button>
        </View>
      )}
      {s && (
        <>
          <Figures t={t} />
          <Township t={t} />
          <Satisfaction t={t} />
          <Months t={t} />
          <Cities t={t} />
          <Kinds t={t} />
          {s.agreements && <Agreements t={t} />}
        </>
      )}
    </View>
  )
})

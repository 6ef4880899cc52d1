/**
 * The township centre's extra cards on the workbench queue: the 粤心安 station's bookings (for centre staff of a
 * township) and the village legal advisors' overdue questions (counts, linking to the list by advisor).
 */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { stationTownship } from '../../station'
import { seesLegalOverdue, useLegalOverdue } from './centre-store'
import { Icon, iconWarningOverdue } from '../../../components/icon'

const go = (url: string) => void Taro.navigateTo({ url }).catch(() => undefined)

export const CentreCards = observer(function CentreCards() {
  const { ui, session } = useStores()
  const overdue = useLegalOverdue()
  const t = ui.t
  const me = session.me
  const legal = seesLegalOverdue(me)
  useEffect(() => void (legal && overdue.loadCounts()), [legal, overdue])

  const township = stationTownship(me)
  if (!township && !legal) return null
  const { totals } = overdue
  return (
    <View className='centre-cards'>
      {legal && (
        <View className='card centre-card centre-card--legal'>
          <Text className='centre-card__title' role='heading' aria-level={2}>
            {t('centre.overdue.card')}
          </Text>
          {overdue.counts && (
            <View className={`centre-card__count ${totals.overdue > 0 ? 'centre-card__count--overdue' : ''}`} role='status'>
              {totals.overdue > 0 && <Icon src={iconWarningOverdue} />}
              <Text>{t('centre.overdue.counts', totals)}</Text>
            </View>
          )}
          {overdue.counts && overdue.counts.length > 1 && overdue.counts.map((c) => <Text key={c.regionCode} className='centre-card__line'>{t('centre.overdue.area', { name: c.regionName, overdue: c.overdue, waiting: c.waiting })}</Text>)}
          {overdue.countsError && <Text className='error-text' role='alert'>{overdue.countsError.message}</Text>}
          <Button className='btn-plain centre-card__open centre-card__open--legal' onClick={() => go('/staff/pages/overdue/index')}>
            {t('centre.overdue.open')}
          </Button>
        </View>
      )}
      {township && (
        <View className='card centre-card centre-card--station'>
          <Text className='centre-card__title' role='heading' aria-level={2}>
            {t('centre.station.title')}
          </Text>
          <Text className='centre-card__line'>{t('centre.station.card')}</Text>
          <Button className='btn-plain centre-card__open centre-card__open--station' onClick={() => go('/counselling/pages/station-bookings/index')}>
            {t('centre.station.open')}
          </Button>
        </View>
      )}
    </View>
  )
})

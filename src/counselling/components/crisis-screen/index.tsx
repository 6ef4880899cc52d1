/**
 * Shown at once when PHQ-9 item 9 is answered above zero, whatever the total: the 12356 helpline one tap away,
 * 110 and 120 for an emergency, and a priority booking at the nearest station — the one primary button.
 */
import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { CrisisHelp } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { dial, go, locate } from '../../platform'
import { Heading } from '../controls'
import './index.scss'

export const CrisisScreen = observer(function CrisisScreen({ onResult }: { onResult?: () => void }) {
  const { ui, session } = useStores()
  const store = useCounselling()
  const t = ui.t
  const [finding, setFinding] = useState(false)

  const bookFirst = async () => {
    setFinding(true)
    const station = await store.nearestStation(await locate(), session.me)
    setFinding(false)
    go(station ? `/counselling/pages/station/index?id=${station.id}&priority=1` : '/counselling/pages/stations/index?priority=1')
  }

  return (
    <View className='crisis-screen'>
      <Heading level={2} className='crisis-screen__title'>
        {t('counselling.crisis.title')}
      </Heading>
      <Text className='cs-text crisis-screen__text' aria-live='assertive'>
        {t('counselling.crisis.text')}
      </Text>
      <CrisisHelp />
      <View className='card crisis-screen__emergency'>
        <Text className='cs-text crisis-screen__strong'>{t('counselling.crisis.emergency')}</Text>
        <View className='cs-actions'>
          <Button className='btn-plain crisis-screen__call crisis-screen__call--110' onClick={() => dial('110')}>
            {t('counselling.crisis.call110')}
          </Button>
          <Button className='btn-plain crisis-screen__call crisis-screen__call--120' onClick={() => dial('120')}>
            {t('counselling.crisis.call120')}
          </Button>
        </View>
      </View>
      <View className='card'>
        <Text className='cs-text crisis-screen__strong'>{t('counselling.crisis.bookTitle')}</Text>
        <Text className='cs-text'>{t('counselling.crisis.bookText')}</Text>
        <Button className='btn-primary crisis-screen__book' disabled={finding || undefined} onClick={() => void bookFirst()}>
          {finding ? t('common.loading') : t('counselling.crisis.book')}
        </Button>
      </View>
      {onResult && (
        <Button className='btn-plain crisis-screen__result' onClick={onResult}>
          {t('counselling.crisis.result')}
        </Button>
      )}
    </View>
  )
})

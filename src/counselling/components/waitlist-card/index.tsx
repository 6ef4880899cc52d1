/** A waitlist entry: still waiting for a day, or a freed slot held for the person until a time — take it. */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { WaitlistEntry } from '@minan/types/functions/counselling'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { errorText } from '../../errors'
import { dayText, shanghaiDate, timeText, whenText } from '../../format'
import { Alert } from '../controls'
import './index.scss'
import { Icon, iconBellWaiting } from '../../../components/icon'

export const WaitlistCard = observer(function WaitlistCard({ entry }: { entry: WaitlistEntry }) {
  const { ui } = useStores()
  const store = useCounselling()
  const t = ui.t
  const state = store.actionOf(entry.id)

  if (entry.status === 'offered' && entry.offeredStart && entry.offerExpiresAt) {
    // "until 21:30" when the offer ends today, with the date when it ends tomorrow.
    const until = shanghaiDate(entry.offerExpiresAt) === shanghaiDate(new Date()) ? timeText(entry.offerExpiresAt, ui.locale) : whenText(entry.offerExpiresAt, ui.locale, t)
    return (
      <View role='listitem' className='card waitlist-card waitlist-card--offered'>
        <View className='waitlist-card__title'>
          <Icon src={iconBellWaiting} />
          <Text>{t('counselling.offer.title')}</Text>
        </View>
        <Text className='cs-text waitlist-card__when'>{whenText(entry.offeredStart, ui.locale, t)}</Text>
        <Text className='cs-text'>{t('counselling.offer.with', { name: entry.counsellorName })}</Text>
        <Text className='cs-text waitlist-card__until'>{t('counselling.offer.until', { until })}</Text>
        <Button className='btn-primary waitlist-card__take' disabled={state.sending || undefined} onClick={() => void store.takeOffer(entry.id)}>
          {state.sending ? t('counselling.confirm.sending') : t('counselling.offer.take')}
        </Button>
        {state.error && <Alert text={errorText(state.error, ui.locale)} />}
      </View>
    )
  }
  return (
    <View role='listitem' className='card waitlist-card'>
      <Text className='waitlist-card__title'>{`◷ ${t('counselling.waitlist.waiting')}`}</Text>
      <Text className='cs-text'>{t('counselling.waitlist.entry', { day: dayText(entry.date, ui.locale, t), name: entry.counsellorName })}</Text>
      <Text className='cs-text'>{t('counselling.waitlist.how')}</Text>
    </View>
  )
})

/**
 * The station's counsellors and their free slots for two weeks, day by day: "any counsellor" or one, a tap on a
 * time chooses it; a day with nothing left offers the counsellor's waitlist instead.
 */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { dayText, languageKey, listText, modeKey, timeText, whenText } from '../../format'
import { Choices, Heading } from '../controls'
import './index.scss'

const ANY = 'any'

export const SlotList = observer(function SlotList() {
  const { ui } = useStores()
  const store = useCounselling()
  const t = ui.t
  const counsellors = store.station?.counsellors ?? []
  const days = store.days
  const any = store.counsellorId === null

  return (
    <View className='slot-list'>
      <Heading level={2}>{t('counselling.counsellors.title')}</Heading>
      <View className='card'>
        {counsellors.length === 0 && <Text className='cs-text'>{t('counselling.counsellors.none')}</Text>}
        {counsellors.map((c) => (
          <View key={c.id} className='slot-list__counsellor'>
            <Text className='slot-list__name'>{c.displayName}</Text>
            {c.qualification && <Text className='cs-text'>{t('counselling.counsellor.qualification', { text: c.qualification })}</Text>}
            <Text className='cs-text'>{t('counselling.counsellor.languages', { text: listText(c.languages, languageKey, t) })}</Text>
            <Text className='cs-text'>{t('counselling.counsellor.modes', { text: listText(c.modes, modeKey, t) })}</Text>
          </View>
        ))}
        {counsellors.length > 1 && !store.counsellorFixed && (
          <View className='slot-list__choose'>
            <Text className='cs-label'>{t('counselling.counsellors.choose')}</Text>
            <Choices
              name='counsellor'
              label={t('counselling.counsellors.choose')}
              value={store.counsellorId ?? ANY}
              onChange={(v) => store.chooseCounsellor(v === ANY ? null : v)}
              choices={[{ value: ANY, text: t('counselling.counsellors.any') }, ...counsellors.map((c) => ({ value: c.id, text: c.displayName }))]}
            />
          </View>
        )}
      </View>

      <Heading level={2}>{t('counselling.slots.title')}</Heading>
      {store.slotsLoading && days.length === 0 && <Text className='muted slot-list__state'>{t('common.loading')}</Text>}
      {!store.slotsLoading && counsellors.length > 0 && days.length === 0 && <Text className='cs-text slot-list__state'>{t('counselling.slots.none')}</Text>}
      {days.map((day) => (
        <View key={day.date} className='card slot-list__day'>
          <Heading level={3}>{dayText(day.date, ui.locale, t)}</Heading>
          <View className='slot-list__times'>
            {day.slots.map((s) => (
              <Button
                key={`${s.counsellorId}:${s.start}`}
                className='slot-list__slot'
                aria-label={t('counselling.slots.pick', { when: whenText(s.start, ui.locale, t), name: s.counsellorName })}
                onClick={() => store.pick(s)}
              >
                {any && counsellors.length > 1 ? `${timeText(s.start, ui.locale)} ${s.counsellorName}` : timeText(s.start, ui.locale)}
              </Button>
            ))}
          </View>
          {day.full.length > 0 && <Text className='cs-text slot-list__full'>{t('counselling.slots.full')}</Text>}
          {day.full.map((c) => {
            const joined = store.joined[`${c.id}:${day.date}`]
            return joined ? (
              <Text key={c.id} className='cs-text slot-list__joined' role='status'>
                {`✓ ${t('counselling.waitlist.joinedFor', { name: c.displayName })}`}
              </Text>
            ) : (
              <Button key={c.id} className='btn-plain slot-list__waitlist' disabled={store.joining !== null || undefined} onClick={() => void store.joinWaitlist(c.id, day.date)}>
                {t('counselling.waitlist.join', { name: c.displayName })}
              </Button>
            )
          })}
        </View>
      ))}
    </View>
  )
})

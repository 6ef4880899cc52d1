/**
 * The station's counsellors and their free slots for two weeks in the booking grid: a strip of the days someone
 * works, the chosen day's times as chips; "any counsellor" or one; a tap on a time chooses it (the page then asks to
 * confirm); a day with nothing left offers the counsellor's waitlist instead.
 */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { dayText, languageKey, listText, modeKey, timeText, whenText } from '../../format'
import { BookingGrid, firstOpenDay } from '../../../components/booking-grid'
import { gridDay, gridLabels } from '../../../components/booking-grid/labels'
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
  const grid = days.map((day) =>
    gridDay(
      day.date,
      dayText(day.date, ui.locale, t),
      day.slots.map((s) => ({
        key: `${s.counsellorId}:${s.start}`,
        text: any && counsellors.length > 1 ? `${timeText(s.start, ui.locale)} ${s.counsellorName}` : timeText(s.start, ui.locale),
        label: t('counselling.slots.pick', { when: whenText(s.start, ui.locale, t), name: s.counsellorName })
      })),
      ui.locale,
      t
    )
  )
  const chosen = days.find((d) => d.date === (store.day ?? firstOpenDay(grid))) ?? days.find((d) => d.date === firstOpenDay(grid)) ?? null

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
      {days.length > 0 && (
        <BookingGrid
          days={grid}
          value={chosen?.date ?? null}
          onDay={(date) => store.chooseDay(date)}
          onPick={(key) => {
            const slot = chosen?.slots.find((s) => `${s.counsellorId}:${s.start}` === key)
            if (slot) store.pick(slot)
          }}
          labels={gridLabels(t)}
          footer={chosen && chosen.full.length > 0 && (
            <View className='slot-list__waitlists'>
              <Text className='cs-text slot-list__full'>{t('counselling.slots.full')}</Text>
              {chosen.full.map((c) => {
                const joined = store.joined[`${c.id}:${chosen.date}`]
                return joined ? (
                  <Text key={c.id} className='cs-text slot-list__joined' role='status'>
                    {`✓ ${t('counselling.waitlist.joinedFor', { name: c.displayName })}`}
                  </Text>
                ) : (
                  <Button key={c.id} className='btn-plain slot-list__waitlist' disabled={store.joining !== null || undefined} onClick={() => void store.joinWaitlist(c.id, chosen.date)}>
                    {t('counselling.waitlist.join', { name: c.displayName })}
                  </Button>
                )
              })}
            </View>
          )}
        />
      )}
    </View>
  )
})

/** The counsellor's weekly hours: periods per weekday with start and end, added, changed or removed, then saved. */
import { View, Text, Button, Picker } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { errorText } from '../../../staff/format'
import { useSessionsStore } from './store'

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7]

export const HoursEditor = observer(function HoursEditor() {
  const { ui } = useStores()
  const store = useSessionsStore()
  const t = ui.t
  const problem = store.hoursProblem
  return (
    <View className='card hours-editor'>
      <Text className='muted'>{t('counselling.hours.note')}</Text>
      {WEEKDAYS.map((weekday) => {
        const day = t(`counselling.weekday.${weekday}` as MessageKey)
        const periods = store.hours.filter((h) => h.weekday === weekday)
        return (
          <View key={weekday} className='hours-editor__day'>
            <Text className='hours-editor__weekday'>{day}</Text>
            {periods.length === 0 && <Text className='muted'>{t('counselling.hours.closed')}</Text>}
            {periods.map((p, i) => (
              <View key={`${weekday}-${i}`} className='hours-editor__period'>
                <Picker mode='time' value={p.start} onChange={(e) => store.setPeriod(p, { start: String(e.detail.value) })}>
                  <Button className='hours-editor__time' aria-label={t('counselling.hours.startLabel', { day, time: p.start })}>
                    {p.start}
                  </Button>
                </Picker>
                <Text className='hours-editor__dash'>–</Text>
                <Picker mode='time' value={p.end} onChange={(e) => store.setPeriod(p, { end: String(e.detail.value) })}>
                  <Button className='hours-editor__time' aria-label={t('counselling.hours.endLabel', { day, time: p.end })}>
                    {p.end}
                  </Button>
                </Picker>
                <Button className='btn-plain hours-editor__remove' aria-label={t('counselling.hours.removeLabel', { day, start: p.start, end: p.end })} onClick={() => store.removePeriod(p)}>
                  {t('counselling.hours.remove')}
                </Button>
              </View>
            ))}
            <Button className='btn-plain hours-editor__add' aria-label={t('counselling.hours.addLabel', { day })} onClick={() => store.addPeriod(weekday)}>
              {t('counselling.hours.add')}
            </Button>
          </View>
        )
      })}
      {problem && <Text className='error-text' role='alert'>{t(problem === 'order' ? 'counselling.hours.order' : 'counselling.hours.overlap')}</Text>}
      <Button className='btn-primary hours-editor__save' disabled={store.hoursState.sending || problem !== null || undefined} onClick={() => void store.saveHours()}>
        {t('counselling.hours.save')}
      </Button>
      {store.hoursDone && <Text className='hours-editor__done' role='status'>{`✓ ${t('counselling.hours.saved')}`}</Text>}
      {store.hoursState.error && <Text className='error-text' role='alert'>{errorText(store.hoursState.error, ui.locale)}</Text>}
    </View>
  )
})

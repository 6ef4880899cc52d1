/** Adding leave: from and to (at most 90 days ahead), a reason; it cancels those days' bookings, whose people are told. */
import { View, Text, Button, Picker } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { addDays, shanghaiDate } from '@minan/types/shanghai'
import { useStores } from '../../../stores/root'
import { confirmIrreversible } from '../../../staff/confirm'
import { errorText } from '../../../staff/format'
import { Field, TextBox } from '../../../staff/components/fields'
import { LEAVE_MAX_DAYS, useSessionsStore } from './store'

export const LeaveForm = observer(function LeaveForm() {
  const { ui } = useStores()
  const store = useSessionsStore()
  const t = ui.t
  const today = shanghaiDate(new Date())
  const last = addDays(today, LEAVE_MAX_DAYS)
  const submit = async () => {
    if (await confirmIrreversible(t('counselling.leave.confirmTitle'), t('counselling.leave.confirm', { from: store.leaveFrom, to: store.leaveTo }))) void store.addLeave()
  }
  return (
    <View className='card leave-form' role='form' aria-label={t('counselling.leave.title')}>
      <Text className='muted'>{t('counselling.leave.note')}</Text>
      <Field label={t('counselling.leave.from')}>
        <Picker mode='date' value={store.leaveFrom} start={today} end={last} onChange={(e) => store.setLeave({ from: String(e.detail.value) })}>
          <Button className='leave-form__date' aria-label={t('counselling.leave.fromLabel', { date: store.leaveFrom })}>
            {store.leaveFrom}
          </Button>
        </Picker>
      </Field>
      <Field label={t('counselling.leave.to')}>
        <Picker mode='date' value={store.leaveTo} start={store.leaveFrom} end={last} onChange={(e) => store.setLeave({ to: String(e.detail.value) })}>
          <Button className='leave-form__date' aria-label={t('counselling.leave.toLabel', { date: store.leaveTo })}>
            {store.leaveTo}
          </Button>
        </Picker>
      </Field>
      <Field label={t('counselling.leave.reason')}>
        <TextBox name='leave-reason' label={t('counselling.leave.reason')} value={store.leaveReason} maxLength={200} onChange={(reason) => store.setLeave({ reason })} />
      </Field>
      <Button className='btn-primary leave-form__submit' disabled={store.leaveState.sending || undefined} onClick={() => void submit()}>
        {t('counselling.leave.submit')}
      </Button>
      {store.leaveCancelled !== null && <Text className='leave-form__done' role='status'>{`✓ ${t('counselling.leave.done', { n: store.leaveCancelled })}`}</Text>}
      {store.leaveState.error && <Text className='error-text' role='alert'>{errorText(store.leaveState.error, ui.locale)}</Text>}
    </View>
  )
})

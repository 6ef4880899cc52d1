/** The moves staff may make on the open case now (the server's `can`), each opening its form. */
import '../../texts'
import { useState, type ComponentType } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { useStaffStore, type StaffMove } from '../../store'
import {
  AcceptForm,
  AssignForm,
  CloseForm,
  CloseMediationForm,
  DeclineForm,
  EscalateForm,
  ExtendForm,
  FlagRiskForm,
  RecordSessionForm,
  TakeOverForm,
  TransferForm,
  type FormProps
} from './forms'
import './index.scss'

const FORMS: Record<StaffMove, ComponentType<FormProps>> = {
  accept: AcceptForm,
  decline: DeclineForm,
  assign: AssignForm,
  transfer: TransferForm,
  escalate: EscalateForm,
  extend: ExtendForm,
  close: CloseForm,
  recordSession: RecordSessionForm,
  flagRisk: FlagRiskForm,
  closeMediation: CloseMediationForm,
  takeOver: TakeOverForm
}

export const CaseActions = observer(function CaseActions() {
  const { ui } = useStores()
  const store = useStaffStore()
  const [open, setOpen] = useState<StaffMove | null>(null)
  const [done, setDone] = useState<StaffMove | null>(null)
  const moves = store.availableMoves
  // After a move the case changes; a form for a move no longer allowed closes by itself.
  const shown = open && moves.includes(open) ? open : null
  const Form = shown ? FORMS[shown] : null

  const start = (move: StaffMove) => {
    setDone(null)
    setOpen(move)
  }
  const cancel = (move: StaffMove) => {
    store.resetMove(move)
    setOpen(null)
  }

  return (
    <View className='card case-actions'>
      <Text className='case-actions__heading' role='heading' aria-level={2}>
        {ui.t('staff.case.actions')}
      </Text>
      {done && (
        <Text className='case-actions__done' role='status'>
          {`✓ ${ui.t('staff.case.done', { move: ui.t(`staff.action.${done}`) })}`}
        </Text>
      )}
      {Form && shown ? (
        <Form
          key={shown}
          onDone={() => {
            setDone(shown)
            setOpen(null)
          }}
          onCancel={() => cancel(shown)}
        />
      ) : (
        <View className='case-actions__buttons'>
          {moves.length === 0 && <Text className='muted'>{ui.t('staff.case.noActions')}</Text>}
          {moves.map((m) => (
            <Button key={m} className={`btn-plain case-action case-action--${m}`} onClick={() => start(m)}>
              {ui.t(`staff.action.${m}`)}
            </Button>
          ))}
        </View>
      )}
    </View>
  )
})

/** Deadline and risk markers: each an icon AND words, never colour alone. */
import '../../texts'
import { Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { CaseFlag } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { flagKey } from '../../../case/labels'
import { StatusChip, toneOf } from '../../../components/status-chip'
import './index.scss'

export const DeadlineFlag = observer(function DeadlineFlag({ flag }: { flag: CaseFlag }) {
  const { ui } = useStores()
  if (flag !== 'overdue' && flag !== 'due_soon') return null
  return (
    <StatusChip tone={toneOf('caseFlag', flag)} label={ui.t(flagKey(flag))} className={`staff-badge staff-badge--${flag}`} />
  )
})

/** Level 2 and above is what a mediator's flag sets (人民调解法 Art. 25). */
export const RiskBadge = observer(function RiskBadge({ level }: { level: number }) {
  const { ui } = useStores()
  if (level < 2) return null
  return <Text className='staff-badge staff-badge--risk'>⚑ {ui.t('staff.risk')}</Text>
})

/** 新: assigned to the viewer and not opened by them since (the server decides; opening the case clears it). */
export const NewMark = observer(function NewMark({ shown }: { shown: boolean }) {
  const { ui } = useStores()
  if (!shown) return null
  return (
    <StatusChip tone={toneOf('staffMark', 'new')} label={`● ${ui.t('staff.queue.new')}`} mark={false} className='staff-badge staff-badge--new' ariaLabel={ui.t('staff.queue.newLabel')} />
  )
})

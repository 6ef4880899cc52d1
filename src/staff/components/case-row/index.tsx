/** One case in the queue: what it is, where, how far along, and how close its deadline is. */
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CaseSummary } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { deadlineKey, kindKey, statusKey } from '../../../case/labels'
import { formatDate } from '../../format'
import { DeadlineFlag, NewMark, RiskBadge } from '../badges'
import './index.scss'

export const CASE_PAGE = '/staff/pages/case/index'

export const CaseRow = observer(function CaseRow({ item }: { item: CaseSummary }) {
  const { ui } = useStores()
  const open = () => void Taro.navigateTo({ url: `${CASE_PAGE}?id=${encodeURIComponent(item.id)}` })
  return (
    <Button className={`case-row case-row--${item.flag}`} role='listitem' onClick={open}>
      <View className='case-row__badges'>
        <NewMark shown={item.newToMe === true} />
        <DeadlineFlag flag={item.flag} />
        <RiskBadge level={item.riskLevel} />
      </View>
      <Text className='case-row__title'>{item.title}</Text>
      <Text className='case-row__meta'>
        {ui.t(kindKey(item.kind))} · {item.regionName} · {ui.t(statusKey(item.status))}
      </Text>
      {item.nextDeadline && item.nextDeadlineKind && (
        <Text className='case-row__deadline'>{ui.t('case.deadline.line', { kind: ui.t(deadlineKey(item.nextDeadlineKind, item.stage)), date: formatDate(item.nextDeadline) })}</Text>
      )}
      <Text className='case-row__no'>{item.trackingNo}</Text>
    </Button>
  )
})

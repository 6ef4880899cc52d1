/**
 * One case in the queue, drawn as the app's one list row (src/components/cell): its title, one meta line (kind ·
 * place · its next deadline · tracking number), its status as a chip and, under it, how close its deadline is (逾期 / 即将到期); a 新 or
 * risk mark only when there is one.
 */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CaseSummary } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { deadlineKey, flagKey, kindKey, statusKey } from '../../../case/labels'
import { formatDate } from '../../format'
import { toneOf } from '../../../components/status-chip'
import { Cell } from '../../../components/cell'
import { NewMark, RiskBadge } from '../badges'
import './index.scss'

export const CASE_PAGE = '/staff/pages/case/index'

export const CaseRow = observer(function CaseRow({ item }: { item: CaseSummary }) {
  const { ui } = useStores()
  const t = ui.t
  const open = () => void Taro.navigateTo({ url: `${CASE_PAGE}?id=${encodeURIComponent(item.id)}` })
  const flag = item.flag === 'overdue' || item.flag === 'due_soon' ? item.flag : null
  const marked = item.newToMe === true || item.riskLevel >= 2
  return (
    <Cell
      className={`case-row case-row--${item.flag}`}
      title={item.title}
      meta={[
        t(kindKey(item.kind)),
        item.regionName,
        item.nextDeadline && item.nextDeadlineKind ? t('case.deadline.line', { kind: t(deadlineKey(item.nextDeadlineKind, item.stage)), date: formatDate(item.nextDeadline) }) : null,
        item.trackingNo
      ]
        .filter(Boolean)
        .join(' · ')}
      chip={{ tone: toneOf('case', item.status), label: t(statusKey(item.status)), className: 'case-row__status' }}
      flag={flag && { tone: toneOf('caseFlag', flag), label: t(flagKey(flag)), className: `staff-badge staff-badge--${flag}` }}
      extra={
        marked ? (
          <View className='case-row__badges'>
            <NewMark shown={item.newToMe === true} />
            <RiskBadge level={item.riskLevel} />
          </View>
        ) : undefined
      }
      onClick={open}
    />
  )
})

/** One of my cases in a list: kind, title, status, what happens next and by when, and whether that is pressing. */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { CaseSummary } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { kindKey, stageKey, statusKey } from '../../../case/labels'
import { deadlineText, flagText, nextStepText } from '../../labels'
import { StatusChip, toneOf } from '../../../components/status-chip'
import './index.scss'

export const CaseCard = observer(function CaseCard({ c, onOpen }: { c: CaseSummary; onOpen: (c: CaseSummary) => void }) {
  const { ui } = useStores()
  const t = ui.t
  const next = nextStepText(c, t)
  const deadline = deadlineText(c, ui.locale, t)
  const flag = flagText(c.flag, t)
  return (
    <Button className='case-card' role='listitem' onClick={() => onOpen(c)}>
      <View className='case-card__top'>
        <Text className='case-card__kind'>
          {t(kindKey(c.kind))}
          {c.stage !== 'original' ? ` · ${t(stageKey(c.stage))}` : ''}
        </Text>
        <StatusChip tone={toneOf('case', c.status)} label={t(statusKey(c.status))} className={`case-card__status case-card__status--${c.status}`} />
      </View>
      <Text className='case-card__title'>{c.title}</Text>
      {next && <Text className='case-card__line'>{next}</Text>}
      {deadline && <Text className='case-card__line'>{deadline}</Text>}
      {flag && <StatusChip tone={toneOf('caseFlag', c.flag as 'overdue' | 'due_soon')} label={flag} className={`case-flag case-flag--${c.flag}`} />}
    </Button>
  )
})

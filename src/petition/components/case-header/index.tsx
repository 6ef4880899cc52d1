/** The top of a case: its title, kind, status and stage in words, tracking number (copyable), handling unit, next deadline. */
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CaseDetail } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { disputeKey, kindKey, stageKey, statusKey } from '../../../case/labels'
import { deadlineText, flagText } from '../../labels'
import { StatusChip, toneOf } from '../../../components/status-chip'
import './index.scss'

export const CaseHeader = observer(function CaseHeader({ c }: { c: CaseDetail }) {
  const { ui } = useStores()
  const t = ui.t
  const deadline = deadlineText(c, ui.locale, t)
  const flag = flagText(c.flag, t)
  const copy = () => void Taro.setClipboardData({ data: c.trackingNo }).catch(() => undefined)

  return (
    <View className='card case-header'>
      <Text className='page-title case-header__title' role='heading' aria-level={1}>
        {c.stage !== 'original' && <Text className='case-header__stage'>{t(stageKey(c.stage))}</Text>}
        {c.title}
      </Text>
      <View className='case-header__row'>
        <Text className='case-header__label'>{t('petition.detail.status')}</Text>
        <StatusChip tone={toneOf('case', c.status)} label={t(statusKey(c.status))} className={`case-header__status case-header__status--${c.status}`} />
      </View>
      {c.status === 'declined' && <Text className='muted case-header__hint'>{t('hint.declined')}</Text>}
      <View className='case-header__row'>
        <Text className='case-header__label'>{t('petition.detail.kind')}</Text>
        <Text>
          {t(kindKey(c.kind))}
          {c.disputeType ? ` · ${t(disputeKey(c.disputeType))}` : ''}
        </Text>
      </View>
      <View className='case-header__row'>
        <Text className='case-header__label'>{t('petition.detail.trackingNo')}</Text>
        <Text className='case-header__tracking'>{c.trackingNo}</Text>
        <Button className='case-header__copy' aria-label={`${t('petition.detail.copy')} ${c.trackingNo}`} onClick={copy}>
          {t('petition.detail.copy')}
        </Button>
      </View>
      <View className='case-header__row'>
        <Text className='case-header__label'>{t('petition.detail.unit')}</Text>
        <Text>{t('petition.unit', { name: c.handlingUnit })}</Text>
      </View>
      {deadline && (
        <View className='case-header__deadline'>
          <Text>{deadline}</Text>
          {flag && <StatusChip tone={toneOf('caseFlag', c.flag as 'overdue' | 'due_soon')} label={flag} className={`case-flag case-flag--${c.flag}`} />}
        </View>
      )}
    </View>
  )
})

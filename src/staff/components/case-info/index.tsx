/** Everything staff may see of a case: the matter, where, who to call, its deadline and risk. */
import '../../texts'
import type { ReactNode } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CaseDetail } from '@minan/types/functions/petition'
import { apiUrl } from '../../../api/transports'
import { openPoint, pointParams } from '../../../components/map-point'
import { PhotoStrip } from '../../../components/photo-strip'
import { useStores } from '../../../stores/root'
import { deadlineKey, disputeKey, kindKey, outcomeKey, ratingKey, stageKey, statusKey } from '../../../case/labels'
import { formatDate, formatDateTime } from '../../format'
import { DeadlineFlag, RiskBadge } from '../badges'
import './index.scss'
import { Icon, iconPhoneProgress } from '../../../components/icon'
import { StatusChip, toneOf } from '../../../components/status-chip'

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <View className='case-info__row'>
      <Text className='case-info__label'>{label}</Text>
      <Text className='case-info__value'>{children}</Text>
    </View>
  )
}

export const CaseInfo = observer(function CaseInfo({ item }: { item: CaseDetail }) {
  const { ui } = useStores()
  const call = (phoneNumber: string) => void Taro.makePhoneCall({ phoneNumber })
  // Photo links are relative to the API's base URL (signed, valid for an hour).
  const photos = item.photos.map((p) => apiUrl(p.url)).filter((src): src is string => src !== null)
  return (
    <View>
      <View className='card case-info'>
        <View className='case-info__badges'>
          <DeadlineFlag flag={item.flag} />
          <RiskBadge level={item.riskLevel} />
        </View>
        <Text className='page-title case-info__title' role='heading' aria-level={1}>
          {item.title}
        </Text>
        {item.riskLevel >= 2 && <Text className='case-info__risk'>{ui.t('staff.risk.note')}</Text>}
        <Row label={ui.t('staff.case.status')}>
          <StatusChip tone={toneOf('case', item.status)} label={ui.t(statusKey(item.status))} />
        </Row>
        <Row label={ui.t('staff.case.tracking')}>{item.trackingNo}</Row>
        <Row label={ui.t('staff.case.kind')}>
          {ui.t(kindKey(item.kind))}
          {item.disputeType ? ` · ${ui.t(disputeKey(item.disputeType))}` : ''}
        </Row>
        {item.stage !== 'original' && <Row label={ui.t('staff.case.stage')}>{ui.t(stageKey(item.stage))}</Row>}
        {item.nextDeadline && item.nextDeadlineKind && <Row label={ui.t(deadlineKey(item.nextDeadlineKind, item.stage))}>{formatDate(item.nextDeadline)}</Row>}
        <Row label={ui.t('staff.case.extension')}>{item.extendedDays > 0 ? ui.t('staff.case.extended', { days: item.extendedDays }) : ui.t('staff.case.notExtended')}</Row>
        <Row label={ui.t('staff.case.unit')}>{item.handlingUnit}</Row>
        {item.assignee && <Row label={ui.t('staff.case.assignee')}>{item.assignee}</Row>}
        {!item.assignee && item.suggestedDepartments && item.suggestedDepartments.length > 0 && (
          <Row label={ui.t('staff.case.suggested')}>{item.suggestedDepartments.map((d) => ui.t(`staff.department.${d}`)).join('、')}</Row>
        )}
        {item.outcome && <Row label={ui.t('staff.case.outcome')}>{ui.t(outcomeKey(item.outcome))}</Row>}
        {item.rating && <Row label={ui.t('staff.case.rating')}>{ui.t(ratingKey(item.rating))}</Row>}
        <Row label={ui.t('staff.case.filedAt')}>{formatDateTime(item.filedAt)}</Row>
      </View>

      <View className='card case-info'>
        <Row label={ui.t('staff.case.contact')}>{item.contactName}</Row>
        <Row label={ui.t('staff.case.phone')}>{item.contactPhone}</Row>
        <Button
          className='btn-primary case-info__call'
          aria-label={ui.t('staff.case.callLabel', { name: item.contactName, phone: item.contactPhone })}
          onClick={() => call(item.contactPhone)}
        >
          <Icon src={iconPhoneProgress} />
          <Text>{ui.t('staff.case.call')}</Text>
        </Button>
        {item.otherPartyName && <Row label={ui.t('staff.case.otherParty')}>{item.otherPartyName}</Row>}
        {item.otherPartyContact && <Row label={ui.t('staff.case.otherContact')}>{item.otherPartyContact}</Row>}
      </View>

      <View className='card case-info'>
        <Row label={ui.t('staff.case.region')}>{item.regionPath.join(' ')}</Row>
        {item.address && <Row label={ui.t('staff.case.address')}>{item.address}</Row>}
        {item.location && <Row label={ui.t('staff.case.location')}>{ui.t('petition.location.point', pointParams(item.location))}</Row>}
        {item.location && (
          <Button className='btn-plain case-info__map' onClick={() => openPoint(item.location!, item.title)}>
            {ui.t('staff.case.location.open')}
          </Button>
        )}
        <Text className='case-info__label'>{ui.t('staff.case.description')}</Text>
        <Text className='case-info__description' userSelect>
          {item.description}
        </Text>
        {photos.length > 0 && (
          <View>
            <Text className='case-info__label'>{ui.t('case.photos')}</Text>
            <PhotoStrip sources={photos} label={ui.t('case.photos')} itemLabel={(n) => ui.t('case.photo', { n })} />
          </View>
        )}
      </View>
    </View>
  )
})

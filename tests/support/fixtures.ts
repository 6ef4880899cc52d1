/** Inputs that many tests share. */
import { PRIVACY_NOTICE_VERSION } from '../../types/functions/petition'

const VILLAGE = '441302001200'

/** A valid filing by 陈秀英 for 东平村; override any field. */
export const filing = (over: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  title: '村口路灯坏了三个月',
  description: '东平村村口到小学的路灯坏了三个月，晚上孩子放学很危险。',
  regionCode: VILLAGE,
  address: '东平村村口',
  contactName: '陈秀英',
  contactPhone: '13812345678',
  consentVersion: PRIVACY_NOTICE_VERSION,
  ...over
})


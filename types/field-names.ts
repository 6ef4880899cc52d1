/**
 * The fields of every action's input in the user's words, for the messages that name a field (types/errors.ts builds
 * them on the server; the client may name a field with the same words). A message never shows an input's key: a
 * person reads "手机号码", not "contactPhone". tests/unit/error-messages.test.ts checks every key of every schema is here.
 */
import type { Locale } from './locale'

/** A field's name, and what to do when it is wrong (when there is more to say than "check it"). */
type Words = string | { name: string; hint?: string; nth?: string }

type FieldCatalogue = Record<string, Words>

const zhCN: FieldCatalogue = {
  account: '演示账号',
  action: '操作',
  actorId: '操作人',
  address: '地址',
  advisorId: '法律顾问',
  agreement: '调解协议内容',
  anonymous: '匿名',
  answers: { name: '回答', nth: '第 {n} 题的回答', hint: '每道题请在 4 个答案中选一个。' },
  attended: '是否到场',
  bookingId: '预约',
  category: '问题类型',
  cityCode: '城市',
  claimCode: { name: '认领码', hint: '请照回执上或短信里的 8 位认领码填写。' },
  code: '地区',
  comment: '评价意见',
  confirm: '确认',
  consentVersion: { name: '同意个人信息处理说明', hint: '请先阅读个人信息处理说明，并勾选同意。' },
  contactName: '联系人姓名',
  contactPhone: { name: '手机号码', hint: '请填写 11 位手机号码，例如 13812345678。' },
  counsellorId: '咨询师',
  cursor: { name: '列表', hint: '请返回重新打开列表。' },
  date: '日期',
  days: '天数',
  department: '承办部门',
  description: '详细情况',
  disputeType: '纠纷类型',
  end: '结束时间',
  file: '照片',
  fileId: '照片',
  from: '开始日期',
  hours: '接待时间',
  id: { name: '所选的记录', hint: '请返回列表重新打开。' },
  ids: '所选的消息',
  instrument: '自评问卷',
  kind: '类型',
  lat: '地图位置',
  level: '级别',
  limit: { name: '列表', hint: '请返回重新打开列表。' },
  lng: '地图位置',
  location: '地图位置',
  mediatorId: '调解员',
  mode: '咨询方式',
  near: '所在位置',
  note: '备注',
  notes: '咨询记录',
  offset: { name: '列表', hint: '请返回重新打开列表。' },
  onBehalf: '代为登记',
  open: '只看未办结',
  opinion: '处理意见',
  otherPartyContact: '对方联系方式',
  otherPartyName: '对方姓名',
  otherRoutes: '其他解决途径',
  participants: '参加人员',
  partiesConfirmed: '双方确认',
  personId: '当事人',
  photos: '照片',
  priority: '优先安排',
  pseudonym: '称呼',
  q: '搜索的名称',
  rating: '评价',
  reason: '理由',
  referral: '转介',
  regionCode: '地区',
  requestId: { name: '提交', hint: '请重新提交一次。' },
  risk: '风险提示',
  screeningId: '自评记录',
  start: '开始时间',
  stationId: '服务站',
  status: '状态',
  subjectId: '查询对象',
  subscribe: '接收通知',
  success: '调解结果',
  text: '您写的内容',
  title: '标题',
  to: '结束日期',
  townshipCode: '镇（街道）',
  trackingNo: { name: '事项编号', hint: '请照回执上的编号填写，例如 4413-20261127-7KQ4XK。' },
  villageCode: '村（社区）',
  weekday: '星期',
  within: '搜索范围'
}

const zhHK: FieldCatalogue = {
  account: '示範帳號',
  action: '操作',
  actorId: '操作人',
  address: '地址',
  advisorId: '法律顧問',
  agreement: '調解協議內容',
  anonymous: '匿名',
  answers: { name: '回答', nth: '第 {n} 題的回答', hint: '每條題目請在 4 個答案中揀一個。' },
  attended: '是否到場',
  bookingId: '預約',
  category: '問題類型',
  cityCode: '城市',
  claimCode: { name: '認領碼', hint: '請照回條上或短訊裡的 8 位認領碼填寫。' },
  code: '地區',
  comment: '評價意見',
  confirm: '確認',
  consentVersion: { name: '同意個人資料處理說明', hint: '請先閱讀個人資料處理說明，並剔選同意。' },
  contactName: '聯絡人姓名',
  contactPhone: { name: '手機號碼', hint: '請填寫 11 位手機號碼，例如 13812345678。' },
  counsellorId: '輔導員',
  cursor: { name: '列表', hint: '請返回重新打開列表。' },
  date: '日期',
  days: '天數',
  department: '承辦部門',
  description: '詳細情況',
  disputeType: '糾紛類型',
  end: '結束時間',
  file: '相片',
  fileId: '相片',
  from: '開始日期',
  hours: '接待時間',
  id: { name: '所選的紀錄', hint: '請返回列表重新打開。' },
  ids: '所選的訊息',
  instrument: '自評問卷',
  kind: '類型',
  lat: '地圖位置',
  level: '級別',
  limit: { name: '列表', hint: '請返回重新打開列表。' },
  lng: '地圖位置',
  location: '地圖位置',
  mediatorId: '調解員',
  mode: '輔導方式',
  near: '所在位置',
  note: '備註',
  notes: '輔導紀錄',
  offset: { name: '列表', hint: '請返回重新打開列表。' },
  onBehalf: '代為登記',
  open: '只看未辦結',
  opinion: '處理意見',
  otherPartyContact: '對方聯絡方式',
  otherPartyName: '對方姓名',
  otherRoutes: '其他解決途徑',
  participants: '參加人員',
  partiesConfirmed: '雙方確認',
  personId: '當事人',
  photos: '相片',
  priority: '優先安排',
  pseudonym: '稱呼',
  q: '搜尋的名稱',
  rating: '評價',
  reason: '理由',
  referral: '轉介',
  regionCode: '地區',
  requestId: { name: '提交', hint: '請重新提交一次。' },
  risk: '風險提示',
  screeningId: '自評紀錄',
  start: '開始時間',
  stationId: '服務站',
  status: '狀態',
  subjectId: '查詢對象',
  subscribe: '接收通知',
  success: '調解結果',
  text: '您寫的內容',
  title: '標題',
  to: '結束日期',
  townshipCode: '鎮（街道）',
  trackingNo: { name: '事項編號', hint: '請照回條上的編號填寫，例如 4413-20261127-7KQ4XK。' },
  villageCode: '村（社區）',
  weekday: '星期',
  within: '搜尋範圍'
}

const en: FieldCatalogue = {
  account: 'Demo account',
  action: 'Action',
  actorId: 'Person who acted',
  address: 'Address',
  advisorId: 'Legal advisor',
  agreement: 'Agreement',
  anonymous: 'Anonymous',
  answers: { name: 'Answers', nth: 'Answer to question {n}', hint: 'For each question, choose one of its 4 choices.' },
  attended: 'Attendance',
  bookingId: 'Booking',
  category: 'Kind of question',
  cityCode: 'City',
  claimCode: { name: 'Claim code', hint: 'Type the 8-character code from your receipt or text message.' },
  code: 'Place',
  comment: 'Comment',
  confirm: 'Confirmation',
  consentVersion: { name: 'Consent to the privacy notice', hint: 'Please read the privacy notice and tick the box to agree.' },
  contactName: 'Contact name',
  contactPhone: { name: 'Mobile number', hint: 'Type an 11-digit mobile number, e.g. 13812345678.' },
  counsellorId: 'Counsellor',
  cursor: { name: 'List', hint: 'Please go back and open the list again.' },
  date: 'Date',
  days: 'Number of days',
  department: 'Department',
  description: 'Details',
  disputeType: 'Kind of dispute',
  end: 'End time',
  file: 'Photo',
  fileId: 'Photo',
  from: 'Start date',
  hours: 'Opening hours',
  id: { name: 'The item chosen', hint: 'Please go back to the list and open it again.' },
  ids: 'The messages chosen',
  instrument: 'Questionnaire',
  kind: 'Kind',
  lat: 'Map location',
  level: 'Level',
  limit: { name: 'List', hint: 'Please go back and open the list again.' },
  lng: 'Map location',
  location: 'Map location',
  mediatorId: 'Mediator',
  mode: 'Kind of session',
  near: 'Your location',
  note: 'Note',
  notes: 'Session notes',
  offset: { name: 'List', hint: 'Please go back and open the list again.' },
  onBehalf: 'Filing for someone else',
  open: 'Open matters only',
  opinion: 'Decision',
  otherPartyContact: 'Other party’s contact',
  otherPartyName: 'Other party’s name',
  otherRoutes: 'Other routes',
  participants: 'Participants',
  partiesConfirmed: 'Both parties’ confirmation',
  personId: 'Person',
  photos: 'Photos',
  priority: 'Priority',
  pseudonym: 'What to call you',
  q: 'Name searched',
  rating: 'Rating',
  reason: 'Reason',
  referral: 'Referral',
  regionCode: 'Place',
  requestId: { name: 'Submission', hint: 'Please submit again.' },
  risk: 'Risk',
  screeningId: 'Screening result',
  start: 'Start time',
  stationId: 'Service station',
  status: 'Status',
  subjectId: 'Subject',
  subscribe: 'Notifications',
  success: 'Outcome',
  text: 'What you wrote',
  title: 'Title',
  to: 'End date',
  townshipCode: 'Township',
  trackingNo: { name: 'Tracking number', hint: 'Type it as on your receipt, e.g. 4413-20261127-7KQ4XK.' },
  villageCode: 'Village',
  weekday: 'Weekday',
  within: 'Search area'
}

export const FIELD_NAMES: Record<Locale, FieldCatalogue> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en }

/** What is said of a field the catalogue does not know (never its key), and the default advice. */
const GENERIC: Record<Locale, { name: string; hint: string }> = {
  'zh-CN': { name: '填写的内容', hint: '请检查后重新填写。' },
  'zh-HK': { name: '填寫的內容', hint: '請檢查後重新填寫。' },
  en: { name: 'What you entered', hint: 'Please check it and try again.' }
}

const words = (w: Words): { name: string; hint?: string; nth?: string } => (typeof w === 'string' ? { name: w } : w)

/** The field a dotted input path names: its last key ('answers.8' → answers, the 9th; 'location.lat' → lat). */
function lookUp(path: string, locale: Locale): { name: string; hint?: string; nth?: string; index: number | null } | null {
  const parts = path.split('.')
  let index: number | null = null
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]
    if (/^\d+$/.test(part)) {
      index ??= Number(part)
      continue
    }
    const found = Object.hasOwn(FIELD_NAMES[locale], part) ? FIELD_NAMES[locale][part] : undefined
    return found === undefined ? null : { ...words(found), index }
  }
  return null
}

/** A field named in the user's words: "第 9 题的回答" for answers.8, "手机号码" for contactPhone. */
export function fieldName(path: string, locale: Locale): string {
  const found = lookUp(path, locale)
  if (!found) return GENERIC[locale].name
  return found.nth && found.index !== null ? found.nth.replace('{n}', String(found.index + 1)) : found.name
}

/** What to do when a field's value is wrong. */
export function fieldHint(path: string, locale: Locale): string {
  return lookUp(path, locale)?.hint ?? GENERIC[locale].hint
}

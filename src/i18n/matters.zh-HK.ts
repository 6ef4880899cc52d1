/** Traditional Chinese (Hong Kong) texts of src/i18n/matters.ts, key for key (the compiler checks it). */
import type source from './matters'

const texts: Record<keyof typeof source, string> = {
  'matters.kind.counselling': '心理輔導預約',
  'matters.kind.legal_onsite': '法律顧問駐村預約',
  'matters.kind.legal_question': '法律諮詢',
  'matters.status.booking.booked': '已預約',
  'matters.status.booking.cancelled': '已取消',
  'matters.status.booking.attended': '已到場',
  'matters.status.booking.no_show': '未到場',
  'matters.status.question.waiting': '等待律師答覆',
  'matters.status.question.answered': '律師已答覆',
  'matters.status.question.closed': '已結束',
  'matters.status.question.converted': '已轉為調解',
  'matters.next.attend': '請準時前往：{date}',
  'matters.next.answer': '下一步：律師答覆，預計 {date} 前',
  'matters.next.reply': '下一步：律師已答覆，請查看或追問',
  'matters.next.rate': '已結束，歡迎評價',
  'matters.flag.overdue': '已超期',
  'matters.flag.due_soon': '臨近期限',
  'matters.flag.soon': '即將開始',
  'matters.tracking': '編號 {no}',
  'matters.updated': '最近更新：{date}',
  'matters.empty.lead': '這裏會列出您辦理的所有事項：訴求、心理輔導預約和法律諮詢。',
  'matters.empty.first': '還沒有事項。遇到問題，先按首頁的「我要反映」；網格員幫您登記過的，按「網格員幫我登記過的事」加入這裏。',
  'matters.more': '載入更多',
  'matters.end': '沒有更多了',
  'matters.lookup.entry': '查詢辦理進度',
  'matters.lookup.desc': '憑事項編號和登記手機號查詢，無需登入'
}

export default texts

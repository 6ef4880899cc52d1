/** Texts of 我的事项 (every kind of matter in one list) and the entry to the lookup, in the main package. */

const texts = {
  'matters.kind.counselling': '心理咨询预约',
  'matters.kind.legal_onsite': '法律顾问驻村预约',
  'matters.kind.legal_question': '法律咨询',
  'matters.status.booking.booked': '已预约',
  'matters.status.booking.cancelled': '已取消',
  'matters.status.booking.attended': '已到场',
  'matters.status.booking.no_show': '未到场',
  'matters.status.question.waiting': '等待律师答复',
  'matters.status.question.answered': '律师已答复',
  'matters.status.question.closed': '已结束',
  'matters.status.question.converted': '已转为调解',
  'matters.next.attend': '请按时前往：{date}',
  'matters.next.answer': '下一步：律师答复，预计 {date} 前',
  'matters.next.reply': '下一步：律师已答复，请查看或追问',
  'matters.next.rate': '已结束，欢迎评价',
  'matters.flag.overdue': '已超期',
  'matters.flag.due_soon': '临近期限',
  'matters.flag.soon': '即将开始',
  'matters.tracking': '编号 {no}',
  'matters.updated': '最近更新：{date}',
  'matters.empty.lead': '这里会列出您办理的所有事项：诉求、心理咨询预约和法律咨询。',
  'matters.empty.first': '还没有事项。遇到问题，先点首页的“我要反映”；网格员帮您登记过的，点“网格员帮我登记过的事”加入这里。',
  'matters.more': '加载更多',
  'matters.end': '没有更多了',
  'matters.lookup.entry': '查询办理进度',
  'matters.lookup.desc': '凭事项编号和登记手机号查询，无需登录'
}

export default texts

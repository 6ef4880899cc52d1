/** Texts of the shared shapes: home's grid and primary action, the back bar, the one-line crisis help. */

const texts = {
  'staff.title': '工作台',
  'public.entry': '办事统计',
  'public.entry.desc': '全省诉求办理情况，无需登录',
  'home.stats': '办事统计',
  'crisis.line': '心里难受？拨打 12356',
  'crisis.line.label': '心里难受？点这里拨打 12356 心理援助热线，免费、可匿名',
  'nav.back': '返回',
  'hint.review': '复查：由上一级机关重新看一遍处理意见，一般 30 日内答复。',
  'hint.rereview': '复核：再上一级机关最后看一次，复核意见是最终意见。',
  'hint.declined': '不予受理：这件事依法不归这里办，下面写了原因和可以去哪里办。',
  'nav.home': '回首页'
}

export default texts

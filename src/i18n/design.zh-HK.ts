/** Traditional Chinese (Hong Kong) texts of src/i18n/design.ts, key for key (the compiler checks it). */
import type source from './design'

const texts: Record<keyof typeof source, string> = {
  'staff.title': '工作台',
  'public.entry': '辦事統計',
  'public.entry.desc': '全省訴求辦理情況，無需登入',
  'home.stats': '辦事統計',
  'crisis.line': '心裏難受？撥打 12356',
  'crisis.line.label': '心裏難受？點這裏撥打 12356 心理援助熱線，免費、可匿名',
  'nav.back': '返回',
  'hint.review': '覆查：由上一級機關重新看一遍處理意見，一般 30 日內答覆。',
  'hint.rereview': '覆核：再上一級機關最後看一次，覆核意見是最終意見。',
  'hint.declined': '不予受理：這件事依法不歸這裏辦，下面寫了原因和可以去哪裏辦。',
  'nav.home': '回首頁'
}

export default texts

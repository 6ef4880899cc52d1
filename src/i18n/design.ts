/** Texts of the shared shapes: home's grid and primary action, the back bar, the one-line crisis help. */
import { defineMessages } from './module'

export default defineMessages(
  {
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
  },
  {
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
  },
  {
    'staff.title': 'Workbench',
    'public.entry': 'Public figures',
    'public.entry.desc': 'How matters are handled across the province; no sign-in needed',
    'home.stats': 'Figures',
    'crisis.line': 'Feeling low? Call 12356',
    'crisis.line.label': 'Feeling low? Tap to call the 12356 helpline — free and anonymous',
    'nav.back': 'Back',
    'hint.review': 'A review: the authority one level up looks at the decision again, usually answering within 30 days.',
    'hint.rereview': 'A re-review: the level above that looks one last time; its opinion is final.',
    'hint.declined': 'Not accepted: by law this is not handled here; the reason and where to go instead are below.',
    'nav.home': 'Home'
  }
)

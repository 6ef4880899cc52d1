/**
 * The success page after filing (petition subpackage): loaded with it (src/petition/texts.ts), not in the main package.
 */
import { defineMessages } from './module'

const zhCN = {
  'petition.done.title': '已收到您反映的事情',
  'petition.done.trackingNo': '查询编号',
  'petition.done.copy': '复制编号',
  'petition.done.copied': '编号已复制',
  'petition.done.next': '接下来',
  'petition.done.next.acceptance': '{unit}会在 {date} 前决定是否受理，并告诉您结果。',
  'petition.done.next.handling': '{unit}会在 {date} 前办理完毕并答复您。',
  'petition.done.next.none': '{unit}会尽快处理，并告诉您进展。',
  'petition.done.track': '随时可以在“我的事项”里看办理进度，也可以凭查询编号和手机号码查询。',
  'petition.done.inApp': '有进展时会在“消息”里告诉您。',
  'petition.done.subscribed': '✓ 有进展时会通过微信通知您，也会在“消息”里告诉您。',
  'petition.done.view': '看办理进度',
  'petition.done.home': '回首页',
  'petition.done.subscribe': '接收办理进度提醒',
  'petition.done.subscribe.hint': '点一下，微信会问您是否接收提醒。同意后，有进展时微信会通知您。',
  'petition.done.subscribe.off': '没有开启微信提醒。有进展时仍会在“消息”里告诉您。',
  'petition.done.web': '网页上收不到微信提醒：有进展时会在“消息”里告诉您，请记下上面的查询编号。'
}

const zhHK: Record<keyof typeof zhCN, string> = {
  'petition.done.title': '已收到您反映的事情',
  'petition.done.trackingNo': '查詢編號',
  'petition.done.copy': '複製編號',
  'petition.done.copied': '編號已複製',
  'petition.done.next': '接下來',
  'petition.done.next.acceptance': '{unit}會在 {date} 前決定是否受理，並告訴您結果。',
  'petition.done.next.handling': '{unit}會在 {date} 前辦理完畢並答覆您。',
  'petition.done.next.none': '{unit}會盡快處理，並告訴您進展。',
  'petition.done.track': '隨時可以在「我的事項」裏看辦理進度，也可以憑查詢編號和手機號碼查詢。',
  'petition.done.inApp': '有進展時會在「訊息」裏告訴您。',
  'petition.done.subscribed': '✓ 有進展時會通過微信通知您，也會在「訊息」裏告訴您。',
  'petition.done.view': '看辦理進度',
  'petition.done.home': '回首頁',
  'petition.done.subscribe': '接收辦理進度提醒',
  'petition.done.subscribe.hint': '點一下，微信會問您是否接收提醒。同意後，有進展時微信會通知您。',
  'petition.done.subscribe.off': '沒有開啟微信提醒。有進展時仍會在「訊息」裏告訴您。',
  'petition.done.web': '網頁上收不到微信提醒：有進展時會在「訊息」裏告訴您，請記下上面的查詢編號。'
}

const en: Record<keyof typeof zhCN, string> = {
  'petition.done.title': 'We have received your matter',
  'petition.done.trackingNo': 'Tracking number',
  'petition.done.copy': 'Copy number',
  'petition.done.copied': 'Number copied',
  'petition.done.next': 'What happens next',
  'petition.done.next.acceptance': '{unit} will decide by {date} whether to take it on, and tell you.',
  'petition.done.next.handling': '{unit} will finish handling it and reply by {date}.',
  'petition.done.next.none': '{unit} will deal with it soon and keep you informed.',
  'petition.done.track': 'See its progress any time in “My matters”, or look it up with the tracking number and your phone number.',
  'petition.done.inApp': 'News will reach you in “Messages”.',
  'petition.done.subscribed': '✓ News will reach you on WeChat and in “Messages”.',
  'petition.done.view': 'See progress',
  'petition.done.home': 'Back to home',
  'petition.done.subscribe': 'Get progress reminders',
  'petition.done.subscribe.hint': 'Tap, and WeChat will ask whether you want reminders. If you agree, WeChat tells you when there is progress.',
  'petition.done.subscribe.off': 'WeChat reminders are off. News will still reach you in “Messages”.',
  'petition.done.web': 'The web page cannot send WeChat reminders: news will reach you in “Messages”. Please note the tracking number above.'
}
export default defineMessages(zhCN, zhHK, en)

/** Texts of the lookup without signing in (tracking number + phone). Loaded with the petition subpackage's lookup page. */
import { defineMessages } from './module'

export default defineMessages(
  {
    'lookup.title': '查询办理进度',
    'lookup.intro': '输入事项编号和登记时留的手机号码，就能查看办理进度，不用登录。编号在登记后的短信或回执上。',
    'lookup.trackingNo': '事项编号（如 4413-20261127-7KQ4XK）',
    'lookup.phone': '登记时留的手机号码',
    'lookup.submit': '查询',
    'lookup.again': '查询其他事项',
    'lookup.privacy': '为保护隐私，这里不显示诉求内容和对方信息；登录并领取后可查看全部。',
    'lookup.unit': '办理单位：{unit}',
    'lookup.filed': '登记时间：{date}',
    'lookup.contact': '联系人：{name} {phone}',
    'lookup.claim': '加入我的事项',
    'lookup.claimHint': '登录后可把这件事项加入“我的事项”，收到每一次进展的消息。',
    'lookup.signIn': '登录后领取',
    'lookup.open': '在我的事项中查看',
    'lookup.taken': '这件事项已由本人领取。',
    'lookup.code': '领取码（回执上或短信里）',
    'lookup.codeHint': '领取码由为您代办的网格员交给您，或以短信发送到登记的手机号；只能用一次。'
  },
  {
    'lookup.title': '查詢辦理進度',
    'lookup.intro': '輸入事項編號和登記時留的手機號碼，就能查看辦理進度，不用登入。編號在登記後的短訊或回執上。',
    'lookup.trackingNo': '事項編號（如 4413-20261127-7KQ4XK）',
    'lookup.phone': '登記時留的手機號碼',
    'lookup.submit': '查詢',
    'lookup.again': '查詢其他事項',
    'lookup.privacy': '為保護私隱，這裏不顯示訴求內容和對方資料；登入並領取後可查看全部。',
    'lookup.unit': '辦理單位：{unit}',
    'lookup.filed': '登記時間：{date}',
    'lookup.contact': '聯絡人：{name} {phone}',
    'lookup.claim': '加入我的事項',
    'lookup.claimHint': '登入後可把這件事項加入「我的事項」，收到每一次進展的訊息。',
    'lookup.signIn': '登入後領取',
    'lookup.open': '在我的事項中查看',
    'lookup.taken': '這件事項已由本人領取。',
    'lookup.code': '領取碼（回執上或短訊裏）',
    'lookup.codeHint': '領取碼由為您代辦的網格員交給您，或以短訊發送到登記的手機號；只能用一次。'
  },
  {
    'lookup.title': 'Check progress',
    'lookup.intro': 'Enter the tracking number and the phone number given when the matter was filed to see how it stands — no sign-in needed. The number is on the text message or receipt you got.',
    'lookup.trackingNo': 'Tracking number (e.g. 4413-20261127-7KQ4XK)',
    'lookup.phone': 'Phone number given when it was filed',
    'lookup.submit': 'Check',
    'lookup.again': 'Check another matter',
    'lookup.privacy': 'To protect privacy, what the matter says and who else is involved are not shown here; sign in and claim it to see everything.',
    'lookup.unit': 'Handled by: {unit}',
    'lookup.filed': 'Filed: {date}',
    'lookup.contact': 'Contact: {name} {phone}',
    'lookup.claim': 'Add to My matters',
    'lookup.claimHint': 'Sign in to add this matter to “My matters” and get a message at every step.',
    'lookup.signIn': 'Sign in to claim it',
    'lookup.open': 'Open in My matters',
    'lookup.taken': 'This matter has already been claimed by the person who raised it.',
    'lookup.code': 'Claim code (on your receipt or in the text message)',
    'lookup.codeHint': 'The grid worker who filed for you hands you the claim code, or it comes by text message to the phone given; it works once.'
  }
)

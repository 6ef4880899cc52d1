/** Stable error codes of the API, and their messages in every supported language. */
import type { Locale } from './locale'

export const ERROR_CODES = [
  'UNKNOWN_FUNCTION',
  'UNKNOWN_ACTION',
  'MALFORMED_JSON',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'METHOD_NOT_ALLOWED',
  'NOT_FOUND',
  'UNKNOWN_FIELD',
  'MISSING_FIELD',
  'WRONG_TYPE',
  'INVALID_VALUE',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'FORBIDDEN',
  'DEMO_DISABLED',
  'REGION_NOT_FOUND',
  'ACCOUNT_NOT_FOUND',
  'RATE_LIMITED',
  'CONFLICT',
  'CASE_NOT_FOUND',
  'ILLEGAL_MOVE',
  'TRANSFER_WINDOW_CLOSED',
  'EXTENSION_USED',
  'AGREEMENT_REQUIRED',
  'ROUTES_REQUIRED',
  'ALREADY_RATED',
  'MATTER_FINAL',
  'REVIEW_ALREADY_REQUESTED',
  'REVIEW_WINDOW_CLOSED',
  'NOT_A_MEDIATOR',
  'ON_BEHALF_NOT_ALLOWED',
  'DISPUTE_NEEDS_PARTY',
  'CONTENT_REJECTED',
  'FILE_NOT_FOUND',
  'FILE_TOO_LARGE',
  'FILE_TYPE',
  'NETWORK',
  'INTERNAL'
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
  /** Dotted path of the offending input field, for validation errors. */
  field?: string
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiError }

type Catalogue = Record<ErrorCode, string>

const zhCN: Catalogue = {
  CASE_NOT_FOUND: '没有找到该事项，或您无权查看。',
  ILLEGAL_MOVE: '事项当前的状态不允许这一步操作。',
  TRANSFER_WINDOW_CLOSED: '已超过 5 个工作日的异议期限，不能再退回改派。',
  EXTENSION_USED: '该事项已延期过一次，依规只能延期一次。',
  AGREEMENT_REQUIRED: '调解成功须填写调解协议内容，并确认双方当事人均已确认。',
  ROUTES_REQUIRED: '调解不成须告知当事人其他解决途径。',
  ALREADY_RATED: '您已评价过该事项。',
  MATTER_FINAL: '该事项已经复核，依《信访工作条例》第三十六条，同一事项不再受理。',
  REVIEW_ALREADY_REQUESTED: '该事项已申请过复查或复核。',
  REVIEW_WINDOW_CLOSED: '已超过收到答复之日起 30 日的申请期限。',
  NOT_A_MEDIATOR: '所选人员不是该辖区的调解员。',
  ON_BEHALF_NOT_ALLOWED: '只有本辖区网格员可以代为登记。',
  DISPUTE_NEEDS_PARTY: '矛盾纠纷调解请填写纠纷类型和对方当事人姓名。',
  CONTENT_REJECTED: '内容含有不宜发布的信息，请修改后再提交。',
  FILE_NOT_FOUND: '照片不存在或已失效，请重新上传。',
  FILE_TOO_LARGE: '照片不能超过 10 MB。',
  FILE_TYPE: '只能上传 JPG、PNG 或 WebP 图片。',
  UNKNOWN_FUNCTION: '没有这项服务。',
  UNKNOWN_ACTION: '这项服务不支持该操作。',
  MALFORMED_JSON: '请求内容格式不正确。',
  BODY_TOO_LARGE: '提交的内容过大（上限 1 MB）。',
  UNSUPPORTED_MEDIA_TYPE: '请求内容类型须为 JSON。',
  METHOD_NOT_ALLOWED: '不支持该请求方式。',
  NOT_FOUND: '没有找到该内容。',
  UNKNOWN_FIELD: '请求中有不认识的字段“{field}”。',
  MISSING_FIELD: '请填写“{field}”。',
  WRONG_TYPE: '“{field}”的类型不正确。',
  INVALID_VALUE: '“{field}”的内容不符合要求。',
  UNAUTHENTICATED: '请先登录。',
  SESSION_EXPIRED: '登录已过期，请重新登录。',
  FORBIDDEN: '您没有权限进行此操作。',
  DEMO_DISABLED: '正式环境不提供演示账号登录。',
  REGION_NOT_FOUND: '没有找到该地区。',
  ACCOUNT_NOT_FOUND: '没有找到该账号。',
  RATE_LIMITED: '操作太频繁，请稍后再试。',
  CONFLICT: '内容已被其他人修改，请刷新后重试。',
  NETWORK: '网络不通，请检查网络后重试。',
  INTERNAL: '系统繁忙，请稍后再试。'
}

const zhHK: Catalogue = {
  CASE_NOT_FOUND: '找不到該事項，或您無權查看。',
  ILLEGAL_MOVE: '事項目前的狀態不允許這一步操作。',
  TRANSFER_WINDOW_CLOSED: '已超過 5 個工作日的異議期限，不能再退回改派。',
  EXTENSION_USED: '該事項已延期過一次，依規只能延期一次。',
  AGREEMENT_REQUIRED: '調解成功須填寫調解協議內容，並確認雙方當事人均已確認。',
  ROUTES_REQUIRED: '調解不成須告知當事人其他解決途徑。',
  ALREADY_RATED: '您已評價過該事項。',
  MATTER_FINAL: '該事項已經覆核，依《信訪工作條例》第三十六條，同一事項不再受理。',
  REVIEW_ALREADY_REQUESTED: '該事項已申請過覆查或覆核。',
  REVIEW_WINDOW_CLOSED: '已超過收到答覆之日起 30 日的申請期限。',
  NOT_A_MEDIATOR: '所選人員不是該轄區的調解員。',
  ON_BEHALF_NOT_ALLOWED: '只有本轄區網格員可以代為登記。',
  DISPUTE_NEEDS_PARTY: '矛盾糾紛調解請填寫糾紛類型和對方當事人姓名。',
  CONTENT_REJECTED: '內容含有不宜發佈的資訊，請修改後再提交。',
  FILE_NOT_FOUND: '相片不存在或已失效，請重新上載。',
  FILE_TOO_LARGE: '相片不能超過 10 MB。',
  FILE_TYPE: '只能上載 JPG、PNG 或 WebP 圖片。',
  UNKNOWN_FUNCTION: '沒有這項服務。',
  UNKNOWN_ACTION: '這項服務不支援該操作。',
  MALFORMED_JSON: '請求內容格式不正確。',
  BODY_TOO_LARGE: '提交的內容過大（上限 1 MB）。',
  UNSUPPORTED_MEDIA_TYPE: '請求內容類型須為 JSON。',
  METHOD_NOT_ALLOWED: '不支援該請求方式。',
  NOT_FOUND: '找不到該內容。',
  UNKNOWN_FIELD: '請求中有不認識的欄位「{field}」。',
  MISSING_FIELD: '請填寫「{field}」。',
  WRONG_TYPE: '「{field}」的類型不正確。',
  INVALID_VALUE: '「{field}」的內容不符合要求。',
  UNAUTHENTICATED: '請先登入。',
  SESSION_EXPIRED: '登入已過期，請重新登入。',
  FORBIDDEN: '您沒有權限進行此操作。',
  DEMO_DISABLED: '正式環境不提供示範帳號登入。',
  REGION_NOT_FOUND: '找不到該地區。',
  ACCOUNT_NOT_FOUND: '找不到該帳號。',
  RATE_LIMITED: '操作太頻繁，請稍後再試。',
  CONFLICT: '內容已被其他人修改，請重新整理後再試。',
  NETWORK: '網絡不通，請檢查網絡後再試。',
  INTERNAL: '系統繁忙，請稍後再試。'
}

const en: Catalogue = {
  CASE_NOT_FOUND: 'That matter was not found, or you may not see it.',
  ILLEGAL_MOVE: 'This step is not possible in the matter’s current state.',
  TRANSFER_WINDOW_CLOSED: 'The 5-working-day window to return a wrongly routed matter has passed.',
  EXTENSION_USED: 'This matter has already been extended once; only one extension is allowed.',
  AGREEMENT_REQUIRED: 'A successful mediation needs the agreement text and both parties’ confirmation.',
  ROUTES_REQUIRED: 'A failed mediation must tell the parties their other routes.',
  ALREADY_RATED: 'You have already rated this matter.',
  MATTER_FINAL: 'This matter has been re-reviewed; under Art. 36 of the Petition Regulations the same matter is not accepted again.',
  REVIEW_ALREADY_REQUESTED: 'A review has already been requested for this matter.',
  REVIEW_WINDOW_CLOSED: 'The 30-day window after the reply has passed.',
  NOT_A_MEDIATOR: 'The person chosen is not a mediator for this area.',
  ON_BEHALF_NOT_ALLOWED: 'Only a grid worker of this area may file for someone else.',
  DISPUTE_NEEDS_PARTY: 'A dispute needs its type and the other party’s name.',
  CONTENT_REJECTED: 'The text contains content that cannot be accepted. Please change it and try again.',
  FILE_NOT_FOUND: 'The photo was not found. Please upload it again.',
  FILE_TOO_LARGE: 'A photo may be at most 10 MB.',
  FILE_TYPE: 'Only JPG, PNG or WebP images can be uploaded.',
  UNKNOWN_FUNCTION: 'There is no such service.',
  UNKNOWN_ACTION: 'This service does not support that action.',
  MALFORMED_JSON: 'The request is not valid JSON.',
  BODY_TOO_LARGE: 'The request is too large (the limit is 1 MB).',
  UNSUPPORTED_MEDIA_TYPE: 'The request must be JSON.',
  METHOD_NOT_ALLOWED: 'That request method is not supported.',
  NOT_FOUND: 'Not found.',
  UNKNOWN_FIELD: 'The request has an unknown field "{field}".',
  MISSING_FIELD: 'Please fill in "{field}".',
  WRONG_TYPE: '"{field}" has the wrong type.',
  INVALID_VALUE: '"{field}" is not valid.',
  UNAUTHENTICATED: 'Please sign in first.',
  SESSION_EXPIRED: 'Your session has expired. Please sign in again.',
  FORBIDDEN: 'You are not allowed to do this.',
  DEMO_DISABLED: 'Demo sign-in is not available in production.',
  REGION_NOT_FOUND: 'That region was not found.',
  ACCOUNT_NOT_FOUND: 'That account was not found.',
  RATE_LIMITED: 'Too many attempts. Please try again later.',
  CONFLICT: 'Someone else changed this. Please refresh and try again.',
  NETWORK: 'No network connection. Please check it and try again.',
  INTERNAL: 'The system is busy. Please try again later.'
}

export const ERROR_MESSAGES: Record<Locale, Catalogue> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en }

export function errorMessage(code: ErrorCode, locale: Locale, params: Record<string, string> = {}): string {
  const template = ERROR_MESSAGES[locale][code]
  return template.replace(/\{(\w+)\}/g, (_, key: string) => params[key] ?? '')
}

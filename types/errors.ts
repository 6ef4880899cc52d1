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

/** Turning case data into words: dates in China time, and the catalogue key of each code the API sends. */
import { errorMessage, type ApiError } from '@minan/types/api'
import type { Locale } from '@minan/types/locale'
import { shanghaiDate, shanghaiDateTime } from '@minan/types/shanghai'
import type { MessageKey } from '../i18n'

/** Deadlines and event times are instants; staff read them as Shanghai dates, whatever the phone's time zone. */
export const formatDate = (iso: string): string => shanghaiDate(iso)
export const formatDateTime = (iso: string): string => shanghaiDateTime(iso)
/** Today in Shanghai, as YYYY-MM-DD (a mediation session's default date). */
export const today = (now: Date = new Date()): string => shanghaiDate(now)

export const statusKey = (status: string) => `staff.status.${status}` as MessageKey
export const kindKey = (kind: string) => `staff.kind.${kind}` as MessageKey
export const eventKey = (type: string) => `staff.event.${type}` as MessageKey
export const roleKey = (role: string) => `role.${role}` as MessageKey
export const deadlineKey = (kind: string) => `staff.deadline.${kind}` as MessageKey

/** The labels of event data the timeline shows; keys not listed here (region codes, internal flags) are left out. */
export const EVENT_FIELDS = [
  'kind',
  'stage',
  'parentTrackingNo',
  'note',
  'reason',
  'otherRoutes',
  'department',
  'level',
  'days',
  'handlingDue',
  'opinion',
  'date',
  'participants',
  'notes',
  'success',
  'agreement',
  'partiesConfirmed',
  'text',
  'photos',
  'rating',
  'comment',
  'takenBy'
] as const

/** A value of event data in words: dates formatted, known codes translated, booleans as yes/no. */
export function eventValue(field: string, value: string | number | boolean, t: (key: MessageKey) => string): string {
  if (typeof value === 'boolean') return t(value ? 'staff.yes' : 'staff.no')
  if (field === 'handlingDue' && typeof value === 'string') return formatDate(value)
  if (field === 'kind') return t(kindKey(String(value)))
  if (field === 'level' || field === 'takenBy') return t(`staff.level.${value}` as MessageKey)
  if (field === 'stage') return t(`staff.stage.${value}` as MessageKey)
  if (field === 'rating') return t(`staff.rating.${value}` as MessageKey)
  return String(value)
}

/**
 * The message to show for an API error. The server answers in the person's language; a network failure is
 * described by the transport in technical words, so it gets the catalogue's message instead.
 */
export function errorText(error: ApiError, locale: Locale): string {
  if (error.code === 'NETWORK') return errorMessage('NETWORK', locale)
  return error.message
}

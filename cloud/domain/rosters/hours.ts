/**
 * Opening days as offices write them — 周一至周五 9:00–12:00，14:30–17:30 · 每周二、周四 14:30-17:30 · 工作日 ·
 * 周一至周六（节假日休息） — read into weekly hours, so an imported station's hours bound its counsellors' slots
 * exactly as the generated stations' do.
 */
import type { WeeklyHours } from '../booking/slots'

const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 }
const TIME_SPAN = /(\d{1,2})[:：](\d{2})\s*[-–—~～至到]\s*(\d{1,2})[:：](\d{2})/g
const hhmm = (h: string, m: string): string | null => (Number(h) <= 24 && Number(m) < 60 ? `${h.padStart(2, '0')}:${m}` : null)

/** The weekdays (1 = Monday … 7 = Sunday) a text names, sorted; empty when it names none. */
export function readWeekdays(text: string): number[] {
  let rest = text
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/星期|礼拜/g, '周')
    .replace(/法定节假日[^，,；;]*|节假日[^，,；;]*/g, '')
  const days = new Set<number>()
  const add = (from: number, to: number) => {
    for (let d = from; d <= to; d++) days.add(d)
  }
  if (/每天|每日|全天|全周|周一至周日|天天/.test(rest)) add(1, 7)
  if (/工作日/.test(rest)) add(1, 5)
  if (/周末|双休日/.test(rest)) add(6, 7)
  rest = rest.replace(/每天|每日|全天|全周|工作日|周末|双休日|天天/g, '')
  rest = rest.replace(/周?([一二三四五六日天1-7])\s*[至到\-–—~～]\s*周?([一二三四五六日天1-7])/g, (_, a: string, b: string) => {
    const from = WEEKDAY[a]
    const to = WEEKDAY[b]
    if (from <= to) add(from, to)
    else {
      add(from, 7)
      add(1, to)
    }
    return ''
  })
  // What is left: single days, 周二、周四 or 周二、四 (a bare digit only after 周 or a list mark, never in a time).
  for (const m of rest.matchAll(/(?:周|[、，,/和及])\s*([一二三四五六日天1-7])(?![\d:：])/g)) days.add(WEEKDAY[m[1]])
  return [...days].sort((a, b) => a - b)
}

/** The time spans a text names, in order; null when one of them is not a time of day or ends before it starts. */
export function readSpans(text: string): { start: string; end: string }[] | null {
  const spans: { start: string; end: string }[] = []
  for (const m of text.matchAll(TIME_SPAN)) {
    const start = hhmm(m[1], m[2])
    const end = hhmm(m[3], m[4])
    if (!start || !end || end <= start) return null
    spans.push({ start, end })
  }
  return spans
}

/**
 * Weekly hours from opening days and times (either may carry both: 周一至周五 9:00-12:00), or null when no weekday
 * or no time span can be read — the validation report then names the cell.
 */
export function readOpening(days: string, times = ''): WeeklyHours[] | null {
  const text = `${days} ${times}`
  const firstTime = text.search(/\d{1,2}[:：]\d{2}/)
  const weekdays = readWeekdays(firstTime >= 0 ? text.slice(0, firstTime) : text)
  const spans = readSpans(text)
  if (!weekdays.length || !spans || !spans.length) return null
  return weekdays.flatMap((weekday) => spans.map((s) => ({ weekday, ...s })))
}

/**
 * The mediation case a consultation becomes (one stop: 咨询 → 矛盾纠纷调解): title and description prefilled from the
 * thread, the dispute type from the question's category. Case records are written in Simplified Chinese, as filed.
 */
import type { LegalCategory } from '../../../types/functions/legal'
import type { DisputeType } from '../../../types/functions/petition'

export const DISPUTE_TYPE_OF: Record<LegalCategory, DisputeType> = {
  land_contract: 'land',
  labour: 'labour',
  marriage_family: 'family',
  // 继承 is filed with 婚姻家庭继承纠纷, as mediation committees count them.
  inheritance: 'family',
  neighbours: 'neighbours',
  consumer: 'consumer',
  other: 'other'
}

const CATEGORY_TITLE: Record<LegalCategory, string> = {
  land_contract: '土地承包',
  labour: '劳动与工资',
  marriage_family: '婚姻家庭',
  inheritance: '继承',
  neighbours: '邻里',
  consumer: '消费',
  other: '法律'
}

const TITLE_MAX = 50
const DESCRIPTION_MAX = 4000

/** At most `max` user-perceived characters, never cutting one in half. */
export function clip(text: string, max: number, ellipsis = '…'): string {
  const graphemes = [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(text)].map((s) => s.segment)
  return graphemes.length <= max ? text : graphemes.slice(0, max - [...ellipsis].length).join('') + ellipsis
}

export interface DraftInput {
  category: LegalCategory
  question: string
  /** The advisor's answers, in order. */
  answers: string[]
  villageName: string
}

export function caseDraft({ category, question, answers, villageName }: DraftInput): { title: string; description: string; disputeType: DisputeType } {
  const firstLine = question.split(/\r?\n/).find((l) => l.trim())?.trim() ?? ''
  const title = clip(`${CATEGORY_TITLE[category]}纠纷：${firstLine}`, TITLE_MAX)
  const trailer = `\n\n（由${villageName}法律顾问咨询转为矛盾纠纷调解）`
  const advice = answers.length ? `\n\n法律顾问意见：${answers[answers.length - 1]}` : ''
  const room = DESCRIPTION_MAX - [...new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(trailer)].length
  return { title, description: clip(`${question}${advice}`, room) + trailer, disputeType: DISPUTE_TYPE_OF[category] }
}

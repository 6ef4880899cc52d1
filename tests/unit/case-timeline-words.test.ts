/** The resident's timeline in words: a take-over by a higher level (提级办理) says who took it and why, in each language. */
import { describeEvent } from '../../src/case/labels'
import { translate, type MessageKey } from '../../src/i18n'
import type { Locale } from '../../types/locale'
import type { CaseEvent } from '../../types/functions/petition'

const takeOver = (takenBy: string): CaseEvent => ({ seq: 3, type: 'takeOver', at: '2026-11-30T02:00:00.000Z', actorRole: 'centre_staff', data: { from: '441302001', to: '441302', takenBy, reason: '涉及多个街道' } })
const words = (locale: Locale, e: CaseEvent) => describeEvent(e, locale, (key: MessageKey, params?: Record<string, string | number>) => translate(locale, key, params))

test('a take-over names the level that took the matter and its reason, in every language', () => {
  expect(words('zh-CN', takeOver('county'))).toEqual({ what: '上级综治中心提级办理', details: ['改由区（县）综治中心直接办理', '理由：涉及多个街道'] })
  expect(words('zh-CN', takeOver('city')).details[0]).toBe('改由市综治中心直接办理')
  expect(words('zh-HK', takeOver('county')).what).toBe('上級綜治中心提級辦理')
  expect(words('en', takeOver('city'))).toEqual({ what: 'A higher-level centre took the matter over', details: ['Now handled directly by the city centre', 'Reason: 涉及多个街道'] })
})

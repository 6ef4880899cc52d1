import { isCrisisAnswer, score } from '../../types/screening'

describe('PHQ-9 and GAD-7', () => {
  test.each([
    [0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'moderately_severe'], [19, 'moderately_severe'], [20, 'severe'], [27, 'severe']
  ])('PHQ-9 total %i is %s', (total, band) => {
    // Spread the total over items 1–8 only, so item 9 stays 0.
    const answers = Array.from({ length: 9 }, (_, i) => (i < 8 ? Math.min(3, Math.max(0, total - i * 3)) : 0))
    const extra = total - answers.reduce((a, b) => a + b, 0)
    if (extra > 0) answers[8] = extra
    const r = score('phq9', answers)
    expect(typeof r === 'object' && [r.total, r.band]).toEqual([total, band])
  })

  test.each([[0, 'minimal'], [4, 'minimal'], [5, 'mild'], [9, 'mild'], [10, 'moderate'], [14, 'moderate'], [15, 'severe'], [21, 'severe']])('GAD-7 total %i is %s', (total, band) => {
    const answers = Array.from({ length: 7 }, (_, i) => Math.min(3, Math.max(0, total - i * 3)))
    const r = score('gad7', answers)
    expect(typeof r === 'object' && [r.total, r.band]).toEqual([total, band])
  })

  test('any non-zero answer on PHQ-9 item 9 is a crisis, whatever the total', () => {
    const r = score('phq9', [0, 0, 0, 0, 0, 0, 0, 0, 1])
    expect(typeof r === 'object' && [r.total, r.band, r.crisis, r.suggestCounselling]).toEqual([1, 'minimal', true, true])
    const high = score('phq9', [3, 3, 3, 3, 3, 3, 3, 3, 0])
    expect(typeof high === 'object' && high.crisis).toBe(false)
  })

  test('the crisis rule the device asks answer by answer is the one score() applies: PHQ-9 item 9 above zero, nothing else', () => {
    for (const value of [1, 2, 3]) expect(isCrisisAnswer('phq9', 8, value)).toBe(true)
    expect(isCrisisAnswer('phq9', 8, 0)).toBe(false)
    for (let item = 0; item < 8; item++) expect(isCrisisAnswer('phq9', item, 3)).toBe(false)
    for (let item = 0; item < 7; item++) expect(isCrisisAnswer('gad7', item, 3)).toBe(false)
    for (const value of [0, 1, 2, 3]) {
      const answers = [3, 3, 3, 3, 3, 3, 3, 3, value]
      const r = score('phq9', answers)
      expect(typeof r === 'object' && r.crisis).toBe(answers.some((a, item) => isCrisisAnswer('phq9', item, a)))
    }
  })

  test('GAD-7 never triggers the item-9 rule; 10 suggests counselling', () => {
    const r = score('gad7', [3, 3, 3, 1, 0, 0, 0])
    expect(typeof r === 'object' && [r.crisis, r.suggestCounselling]).toEqual([false, true])
  })

  test('a wrong number of answers or an answer outside 0–3 is refused', () => {
    expect(score('phq9', [0, 0, 0])).toBe('WRONG_ANSWER_COUNT')
    expect(score('gad7', [0, 0, 0, 0, 0, 0, 4])).toBe('ANSWER_OUT_OF_RANGE')
    expect(score('gad7', [0, 0, 0, 0, 0, 0, -1])).toBe('ANSWER_OUT_OF_RANGE')
    expect(score('gad7', [0, 0, 0, 0, 0, 0, 1.5])).toBe('ANSWER_OUT_OF_RANGE')
  })
})

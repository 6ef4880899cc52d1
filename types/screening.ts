/**
 * Shared by the device (which scores without storing, when the person has not consented) and the backend.
 * PHQ-9 and GAD-7 self-screening: scores, standard bands, and the crisis rule. Any non-zero answer on PHQ-9 item 9
 * (thoughts of self-harm) triggers the crisis path at once, whatever the total: a trigger for a human, not a diagnosis.
 */
export type Instrument = 'phq9' | 'gad7'

export const ITEM_COUNT: Record<Instrument, number> = { phq9: 9, gad7: 7 }

export type Band = 'minimal' | 'mild' | 'moderate' | 'moderately_severe' | 'severe'

const BANDS: Record<Instrument, [number, Band][]> = {
  // Upper bounds, inclusive.
  phq9: [
    [4, 'minimal'],
    [9, 'mild'],
    [14, 'moderate'],
    [19, 'moderately_severe'],
    [27, 'severe']
  ],
  gad7: [
    [4, 'minimal'],
    [9, 'mild'],
    [14, 'moderate'],
    [21, 'severe']
  ]
}

export interface ScreeningResult {
  instrument: Instrument
  total: number
  band: Band
  /** PHQ-9 item 9 answered above zero: show the crisis screen now. */
  crisis: boolean
  /** GAD-7 ≥ 10 or PHQ-9 ≥ 10: the usual cut-off for suggesting a conversation with a counsellor. */
  suggestCounselling: boolean
}

export type ScreeningError = 'WRONG_ANSWER_COUNT' | 'ANSWER_OUT_OF_RANGE'

/** PHQ-9 item 9 (thoughts of self-harm) is the ninth answer, counted from 0. */
const CRISIS_ITEM = 8

/**
 * The crisis rule, the one copy the device and the backend share: an answer above zero to PHQ-9 item 9. The device
 * asks it as each answer is given (the crisis screen shows at once); score() asks it of the whole set.
 */
export function isCrisisAnswer(instrument: Instrument, item: number, value: number): boolean {
  return instrument === 'phq9' && item === CRISIS_ITEM && value > 0
}

export function score(instrument: Instrument, answers: number[]): ScreeningResult | ScreeningError {
  if (answers.length !== ITEM_COUNT[instrument]) return 'WRONG_ANSWER_COUNT'
  if (answers.some((a) => !Number.isInteger(a) || a < 0 || a > 3)) return 'ANSWER_OUT_OF_RANGE'
  const total = answers.reduce((sum, a) => sum + a, 0)
  const band = BANDS[instrument].find(([upper]) => total <= upper)![1]
  const crisis = answers.some((a, item) => isCrisisAnswer(instrument, item, a))
  return { instrument, total, band, crisis, suggestCounselling: crisis || total >= 10 }
}

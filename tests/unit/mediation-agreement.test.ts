/** The mediation agreement's rules: Art. 29 contents, effect on the last signature, oral agreements, the Art. 33 window, follow-ups. */
import {
  basicCourt,
  canonicalContent,
  checkContent,
  confirmationWindow,
  documentSections,
  effectiveAt,
  followUpsOf,
  isPerformed,
  missingSigners,
  oralEffectiveAt,
  reminderDates,
  routesAfterNonPerformance,
  windowState,
  type AgreementContent
} from '../../cloud/domain/mediation/agreement'
import { atShanghai } from '../../types/shanghai'

const content = (over: Partial<AgreementContent> = {}): AgreementContent => ({
  applicant: { name: '张三', details: '男，1980年5月生，住惠城区桥东街道' },
  respondent: { name: '李四', details: '女，1975年3月生，住惠城区桥东街道' },
  facts: '双方因相邻通道堆放杂物发生纠纷。',
  disputedMatters: '通道是否应当清理、损失由谁承担。',
  responsibilities: '被申请人堆放杂物阻碍通行，负主要责任。',
  terms: '被申请人清理通道杂物，并赔偿申请人损失人民币500元。',
  performance: [
    { obligor: 'respondent', what: '清理通道杂物', how: '自行清理', dueDate: '2026-12-20' },
    { obligor: 'respondent', what: '支付赔偿500元', how: '微信转账', dueDate: '2026-12-10' }
  ],
  ...over
})

describe('contents (Art. 29)', () => {
  const today = '2026-12-07'
  it('a complete written agreement has no problem', () => {
    expect(checkContent(content(), 'written', today)).toEqual([])
  })
  it('names every missing part of a written agreement', () => {
    const problems = checkContent(content({ facts: ' ', disputedMatters: '', responsibilities: '', performance: [] }), 'written', today)
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'facts', problem: 'missing' },
        { field: 'disputedMatters', problem: 'missing' },
        { field: 'responsibilities', problem: 'missing' },
        { field: 'performance', problem: 'none' }
      ])
    )
  })
  it('refuses a deadline that is not a date or already past, and over-long text counted in characters', () => {
    const problems = checkContent(
      content({
        terms: '调'.repeat(2001),
        performance: [
          { obligor: 'applicant', what: '道歉', how: '当面', dueDate: '2026-02-30' },
          { obligor: 'applicant', what: '道歉', how: '当面', dueDate: '2026-12-06' }
        ]
      }),
      'written',
      today
    )
    expect(problems).toEqual([
      { field: 'terms', problem: 'too_long' },
      { field: 'performance.0.dueDate', problem: 'bad_date' },
      { field: 'performance.1.dueDate', problem: 'date_past' }
    ])
    expect(checkContent(content({ terms: '调'.repeat(2000) }), 'written', today)).toEqual([])
  })
  it('an oral agreement needs only the parties and what was agreed', () => {
    const oral = content({ facts: '', disputedMatters: '', responsibilities: '', performance: [] })
    expect(checkContent(oral, 'oral', today)).toEqual([])
    expect(checkContent({ ...oral, terms: '' }, 'oral', today)).toEqual([{ field: 'terms', problem: 'missing' }])
  })
})

describe('effect (Arts. 29–30)', () => {
  const t = (h: number) => new Date(Date.UTC(2026, 11, 7, h))
  it('is not in effect while anyone has not signed, whoever signed first', () => {
    expect(effectiveAt({ applicant: t(1), respondent: t(2), mediator: t(3) })).toBeNull()
    expect(missingSigners({ applicant: t(1), respondent: t(2), mediator: t(3) })).toEqual(['seal'])
    expect(missingSigners({})).toEqual(['applicant', 'respondent', 'mediator', 'seal'])
  })
  it('takes effect on the last of the four, in any order', () => {
    expect(effectiveAt({ applicant: t(1), respondent: t(2), mediator: t(3), seal: t(4) })).toEqual(t(4))
    expect(effectiveAt({ seal: t(1), mediator: t(2), applicant: t(5), respondent: t(3) })).toEqual(t(5))
  })
  it('an oral agreement takes effect when agreed, not when recorded; never after its record', () => {
    expect(oralEffectiveAt(t(2), t(5))).toEqual(t(2))
    expect(oralEffectiveAt(t(6), t(5))).toBeNull()
  })
  it('binds to its exact content: any change gives another canonical text', () => {
    expect(canonicalContent('written', content())).toBe(canonicalContent('written', content()))
    expect(canonicalContent('written', content({ terms: '被申请人清理通道杂物，并赔偿申请人损失人民币600元。' }))).not.toBe(canonicalContent('written', content()))
    expect(canonicalContent('oral', content())).not.toBe(canonicalContent('written', content()))
  })
})

describe('judicial confirmation window (Art. 33)', () => {
  it('ends 30 days after the Shanghai date of effect', () => {
    const w = confirmationWindow(atShanghai('2026-12-07', '10:00'))
    expect(w).toMatchObject({ effectiveDate: '2026-12-07', lastDay: '2027-01-06' })
    expect(w.closesAt.toISOString()).toBe('2027-01-06T15:59:59.999Z')
  })
  it('counts across month ends and leap years as the calendar has them', () => {
    expect(confirmationWindow(atShanghai('2026-01-31', '09:00')).lastDay).toBe('2026-03-02')
    expect(confirmationWindow(atShanghai('2028-01-31', '09:00')).lastDay).toBe('2028-03-01')
    expect(confirmationWindow(atShanghai('2026-02-28', '09:00')).lastDay).toBe('2026-03-30')
    expect(confirmationWindow(atShanghai('2026-04-30', '09:00')).lastDay).toBe('2026-05-30')
  })
  it('takes the Shanghai day, not the UTC one: signed at 01:00 Shanghai is the day before in UTC', () => {
    const w = confirmationWindow(new Date('2026-03-31T17:00:00Z'))
    expect(w.effectiveDate).toBe('2026-04-01')
    expect(w.lastDay).toBe('2026-05-01')
  })
  it('is open through its last day and closed after; reminders fall 7 days and 1 day before', () => {
    const w = confirmationWindow(atShanghai('2026-12-07', '10:00'))
    expect(windowState(w, atShanghai('2026-12-08', '09:00'))).toEqual({ open: true, daysLeft: 29 })
    expect(windowState(w, atShanghai('2027-01-06', '23:59'))).toEqual({ open: true, daysLeft: 0 })
    expect(windowState(w, atShanghai('2027-01-07', '00:00')).open).toBe(false)
    expect(reminderDates(w)).toEqual(['2026-12-30', '2027-01-05'])
  })
  it('goes to the basic people\'s court of the county-level region', () => {
    expect(basicCourt({ countyCode: '441302', countyName: '惠城区', cityName: '惠州市' })).toEqual({ code: '441302', name: '惠州市惠城区人民法院' })
    expect(basicCourt({ countyCode: '441322', countyName: '博罗县', cityName: '惠州市' }).name).toBe('博罗县人民法院')
  })
})

describe('follow-up (Arts. 31–33)', () => {
  it('each performance deadline creates one follow-up on its day, earliest first', () => {
    expect(followUpsOf(content().performance)).toEqual([
      { item: 1, dueDate: '2026-12-10' },
      { item: 0, dueDate: '2026-12-20' }
    ])
  })
  it('is performed only when every follow-up found it performed', () => {
    expect(isPerformed(['performed', 'performed'])).toBe(true)
    expect(isPerformed(['performed', null])).toBe(false)
    expect(isPerformed(['performed', 'partly'])).toBe(false)
    expect(isPerformed([])).toBe(false)
  })
  it('offers renewed mediation and a lawsuit, and enforcement only with judicial confirmation', () => {
    expect(routesAfterNonPerformance(false)).toEqual(['renewed_mediation', 'lawsuit'])
    expect(routesAfterNonPerformance(true)).toContain('enforcement')
  })
})

describe('the document text', () => {
  it('states the parties, every Art. 29 part and each performance item with its deadline', () => {
    const text = documentSections('written', content())
      .map((s) => `${s.heading}\n${s.body}`)
      .join('\n')
    expect(text).toContain('申请人：张三，男，1980年5月生')
    expect(text).toContain('纠纷主要事实')
    expect(text).toContain('被申请人李四于2026年12月10日前支付赔偿500元（履行方式：微信转账）')
  })
})

/** A category may suggest a department: by the kind of dispute, else by words in the matter. */
import { suggestDepartments, type DepartmentFacts } from '../../cloud/domain/petition/departments'
import { DEPARTMENTS, DISPUTE_TYPES } from '../../types/functions/petition'

const matter = (over: Partial<DepartmentFacts>): DepartmentFacts => ({ kind: 'complaint', disputeType: null, title: '反映情况', description: '请帮忙处理。', ...over })

describe('suggestDepartments', () => {
  test.each([
    ['labour', ['labour']],
    ['land', ['natural_resources']],
    ['property', ['housing']],
    ['tenancy', ['housing', 'mediation_committee']],
    ['consumer', ['market']],
    ['family', ['womens_federation', 'justice']],
    ['neighbours', ['mediation_committee']],
    ['other', ['mediation_committee']]
  ] as const)('a %s dispute goes to %p', (disputeType, expected) => {
    expect(suggestDepartments(matter({ kind: 'dispute', disputeType }))).toEqual(expected)
  })

  test('every kind of dispute suggests at least one known department', () => {
    for (const disputeType of DISPUTE_TYPES) {
      const suggested = suggestDepartments(matter({ kind: 'dispute', disputeType }))
      expect(suggested.length).toBeGreaterThan(0)
      for (const d of suggested) expect(DEPARTMENTS).toContain(d)
    }
  })

  test('the kind of dispute decides, whatever the words say', () => {
    expect(suggestDepartments(matter({ kind: 'dispute', disputeType: 'consumer', title: '老板拖欠工资' }))).toEqual(['market'])
  })

  test('a 信访 matter is suggested by its words, in simplified or traditional characters', () => {
    expect(suggestDepartments(matter({ kind: 'request', title: '工地老板拖欠工资三个月' }))).toEqual(['labour'])
    expect(suggestDepartments(matter({ kind: 'complaint', title: '物業管理差', description: '電梯經常壞' }))).toEqual(['housing'])
    expect(suggestDepartments(matter({ kind: 'complaint', description: '夜市摆摊噪音扰民到凌晨' }))).toEqual(['urban_management'])
    expect(suggestDepartments(matter({ kind: 'enquiry', title: '宅基地确权怎么办理' }))).toEqual(['natural_resources'])
    expect(suggestDepartments(matter({ kind: 'complaint', title: '超市卖假货不给退款' }))).toEqual(['market'])
  })

  test('words pointing at two departments suggest both, in a fixed order', () => {
    expect(suggestDepartments(matter({ kind: 'request', title: '离婚后对方不付抚养费' }))).toEqual(['womens_federation', 'justice'])
  })

  test('nothing to go on suggests nothing', () => {
    expect(suggestDepartments(matter({ kind: 'suggestion', title: '建议增加公交班次', description: '早上等车太久。' }))).toEqual([])
  })
})

/**
 * Which department a matter usually goes to (a category may suggest a department): by the kind of dispute, and for
 * 信访 matters, which have no category of their own, by words in the title and description. A suggestion only: the
 * centre staff choose. Pure: no I/O.
 */
import type { Department, DisputeType, PetitionKind } from '../../../types/functions/petition'

/** The kind of dispute decides: the departments that handle it, the likeliest first. */
const BY_DISPUTE: Record<DisputeType, Department[]> = {
  labour: ['labour'],
  land: ['natural_resources'],
  property: ['housing'],
  tenancy: ['housing', 'mediation_committee'],
  consumer: ['market'],
  family: ['womens_federation', 'justice'],
  neighbours: ['mediation_committee'],
  other: ['mediation_committee']
}

/**
 * Words that point at a department, in simplified and traditional characters (people in Guangdong write both). Checked
 * in this order; a matter can point at more than one.
 */
const BY_WORDS: [Department, RegExp][] = [
  ['labour', /工资|工資|欠薪|讨薪|討薪|拖欠|劳动|勞動|社保|工伤|工傷|加班|辞退|辭退|劳务|勞務/],
  ['natural_resources', /宅基地|土地|征地|徵地|耕地|林地|山林|确权|確權|地界/],
  ['housing', /物业|物業|业主|業主|电梯|電梯|漏水|房屋|租房|房东|房東|租客|小区|小區|维修基金|維修基金/],
  ['urban_management', /违建|違建|违章|違章|占道|佔道|噪音|噪声|噪聲|摆摊|擺攤|垃圾|乱搭|亂搭/],
  ['market', /消费|消費|商家|假货|假貨|食品|退款|价格|價格|欺诈|欺詐|预付卡|預付卡|商品/],
  ['womens_federation', /家暴|家庭暴力|妇女|婦女|儿童|兒童|抚养|撫養/],
  ['justice', /婚姻|离婚|離婚|赡养|贍養|遗产|遺產|继承|繼承/],
  ['mediation_committee', /邻居|鄰居|邻里|鄰里/]
]

export interface DepartmentFacts {
  kind: PetitionKind
  disputeType: DisputeType | null
  title: string
  description: string
}

/** The departments to suggest for a matter, the likeliest first; empty when nothing points anywhere. */
export function suggestDepartments(c: DepartmentFacts): Department[] {
  if (c.kind === 'dispute' && c.disputeType) return [...BY_DISPUTE[c.disputeType]]
  const text = `${c.title}\n${c.description}`
  return BY_WORDS.filter(([, words]) => words.test(text)).map(([department]) => department)
}

/** Where 工作台 opens for each role: a page that role can use, never one that can only say "no permission". */
import type { Me } from '../../types/api'
import { QUEUE_PAGE, WORKBENCH_PAGE, seesCaseQueue, staffHome } from '../../src/staff/entry'

const withRoles = (...roles: [Me['roles'][number]['role'], string | null][]): Me => ({
  userId: 'u',
  displayName: '某人',
  roles: roles.map(([role, regionCode]) => ({ role, regionCode, regionName: null })),
  homeRegion: null
})

test('a grid worker opens the workbench overview (their filed cases), not the case queue the server refuses them', () => {
  const tang = withRoles(['resident', null], ['grid_worker', '441302001200'])
  expect(seesCaseQueue(tang)).toBe(false)
  expect(staffHome(tang)).toBe(WORKBENCH_PAGE)
})

test('centre staff, admins with an area and mediators open the case queue; counsellors and advisors their own pages', () => {
  expect(staffHome(withRoles(['centre_staff', '441302001']))).toBe(QUEUE_PAGE)
  expect(staffHome(withRoles(['admin', '4413']))).toBe(QUEUE_PAGE)
  expect(staffHome(withRoles(['mediator', '441302001']))).toBe(QUEUE_PAGE)
  expect(staffHome(withRoles(['grid_worker', '441302001200'], ['mediator', '441302001']))).toBe(QUEUE_PAGE)
  expect(staffHome(withRoles(['counsellor', '441302']))).toBe('/counselling/pages/sessions/index')
  expect(staffHome(withRoles(['legal_advisor', '441302001200']))).toBe('/legal/pages/workbench/index')
})

test('a resident has no workbench', () => {
  expect(staffHome(withRoles(['resident', null]))).toBeNull()
  expect(staffHome(null)).toBeNull()
})

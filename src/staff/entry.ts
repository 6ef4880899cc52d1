/**
 * Where a person's 工作台 opens: the page their roles can use. The main package (the me page) imports this, so it
 * holds the rule only; the case queue's rule is the server's (petition.queue: centre staff or admins with an area,
 * and mediators), so nobody is sent to a page that can only answer "no permission".
 */
import type { Me } from '@minan/types/api'

export const WORKBENCH_PAGE = '/staff/pages/workbench/index'
export const QUEUE_PAGE = '/staff/pages/queue/index'

/** Whether the case queue has cases for this person to handle. */
export function seesCaseQueue(me: Me | null): boolean {
  return me?.roles.some((r) => ((r.role === 'centre_staff' || r.role === 'admin') && !!r.regionCode) || r.role === 'mediator') ?? false
}

/** The page 工作台 opens for this person; null for a resident, who has none. */
export function staffHome(me: Me | null): string | null {
  const roles = new Set(me?.roles.map((r) => r.role) ?? [])
  if (roles.has('counsellor')) return '/counselling/pages/sessions/index'
  if (roles.has('legal_advisor')) return '/legal/pages/workbench/index'
  if (seesCaseQueue(me)) return QUEUE_PAGE
  // A grid worker (or any other staff role): the overview, whose "我代办的事项" lists the cases they filed for residents.
  return [...roles].some((r) => r !== 'resident') ? WORKBENCH_PAGE : null
}

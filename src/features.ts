/** The services home offers. Only modules that are built are listed: no placeholder pages. */
import type { MessageKey } from './i18n'

export interface Service {
  key: 'petition' | 'counselling' | 'legal' | 'tracking'
  title: MessageKey
  description: MessageKey
  url: string
  /** The service needs a signed-in person. */
  signIn: boolean
  /** The url is a tab page, which only switchTab can open. */
  tab?: boolean
  /** Where a signed-out person goes instead of the sign-in page (progress: the lookup by tracking number). */
  signedOutUrl?: string
}

export const SERVICES: Service[] = [
  { key: 'petition', title: 'home.service.petition', description: 'home.service.petition.desc', url: '/petition/pages/file/index', signIn: true },
  // Finding a station and self-screening are open to everyone; booking asks to sign in on the way.
  { key: 'counselling', title: 'home.service.counselling', description: 'home.service.counselling.desc', url: '/counselling/pages/stations/index', signIn: false },
  // Finding one's advisor is open to everyone; asking and booking ask to sign in on the way.
  { key: 'legal', title: 'home.service.legal', description: 'home.service.legal.desc', url: '/legal/pages/find/index', signIn: false },
  // 办理进度: one tile for both ways in — signed in, 我的事项; signed out, the lookup by tracking number and phone.
  { key: 'tracking', title: 'home.service.tracking', description: 'home.service.tracking.desc', url: '/pages/matters/index', signIn: true, tab: true, signedOutUrl: '/petition/pages/lookup/index' }
]

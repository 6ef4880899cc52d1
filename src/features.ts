/** The services home offers. Only modules that are built are listed: no placeholder pages. */
import type { MessageKey } from './i18n'

export interface Service {
  key: 'petition' | 'counselling' | 'legal' | 'tracking'
  title: MessageKey
  description: MessageKey
  url: string
  /** The service needs a signed-in person. */
  signIn: boolean
}

export const SERVICES: Service[] = []

/** Rules that law or practice may change, as settings with their defaults (see ../shared/reference/domain.md). */
import { DEFAULT_DEADLINES, type DeadlineSettings } from './domain/petition/deadlines'

export interface Settings {
  deadlines: DeadlineSettings
}

export const DEFAULT_SETTINGS: Settings = {
  deadlines: DEFAULT_DEADLINES
}

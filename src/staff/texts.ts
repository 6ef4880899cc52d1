/**
 * The staff screens' texts, added to the catalogue when the staff subpackage's code first loads: every page of the
 * subpackage imports this first, so its texts weigh on the subpackage, not on the main package every resident
 * downloads (src/i18n/index.ts registerMessages).
 */
import { registerMessages } from '../i18n'
import staff from '../i18n/staff'

registerMessages(staff)

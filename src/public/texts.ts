/**
 * The public statistics' texts, added to the catalogue when a page that shows them first loads (the statistics page,
 * and the staff dashboard's public figures), not in the main package.
 */
import { registerMessages } from '../i18n'
import publicStats from '../i18n/public'

registerMessages(publicStats)

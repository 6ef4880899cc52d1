/**
 * The success page's texts (after filing), added to the catalogue when the petition subpackage's page that shows it
 * first loads, not in the main package.
 */
import { registerMessages } from '../i18n'
import filed from '../i18n/filed'

registerMessages(filed)

/** Texts of the petition (信访诉求 / 矛盾纠纷) screens. */
import { defineMessages } from './module'

export default defineMessages(
  {
    'petition.title': '反映诉求'
  },
  {
    'petition.title': '反映訴求'
  },
  {
    'petition.title': 'Raise a matter'
  }
)

/** Texts of the staff workbench screens. */
import { defineMessages } from './module'

export default defineMessages(
  {
    'staff.title': '工作台'
  },
  {
    'staff.title': '工作台'
  },
  {
    'staff.title': 'Workbench'
  }
)

/** English texts of src/i18n/design.ts, key for key (the compiler checks it). */
import type source from './design'

const texts: Record<keyof typeof source, string> = {
  'staff.title': 'Workbench',
  'public.entry': 'Public figures',
  'public.entry.desc': 'How matters are handled across the province; no sign-in needed',
  'home.stats': 'Figures',
  'crisis.line': 'Feeling low? Call 12356',
  'crisis.line.label': 'Feeling low? Tap to call the 12356 helpline — free and anonymous',
  'nav.back': 'Back',
  'hint.review': 'A review: the authority one level up looks at the decision again, usually answering within 30 days.',
  'hint.rereview': 'A re-review: the level above that looks one last time; its opinion is final.',
  'hint.declined': 'Not accepted: by law this is not handled here; the reason and where to go instead are below.',
  'nav.home': 'Home'
}

export default texts

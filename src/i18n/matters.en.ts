/** English texts of src/i18n/matters.ts, key for key (the compiler checks it). */
import type source from './matters'

const texts: Record<keyof typeof source, string> = {
  'matters.kind.counselling': 'Counselling booking',
  'matters.kind.legal_onsite': 'Legal advisor visit',
  'matters.kind.legal_question': 'Legal question',
  'matters.status.booking.booked': 'Booked',
  'matters.status.booking.cancelled': 'Cancelled',
  'matters.status.booking.attended': 'Attended',
  'matters.status.booking.no_show': 'Missed',
  'matters.status.question.waiting': 'Waiting for the advisor',
  'matters.status.question.answered': 'Answered',
  'matters.status.question.closed': 'Closed',
  'matters.status.question.converted': 'Now a mediation case',
  'matters.next.attend': 'Please be there on time: {date}',
  'matters.next.answer': 'Next: the advisor answers by {date}',
  'matters.next.reply': 'Next: the advisor has answered — read it or ask more',
  'matters.next.rate': 'Finished — please rate it',
  'matters.flag.overdue': 'Overdue',
  'matters.flag.due_soon': 'Due soon',
  'matters.flag.soon': 'Coming up',
  'matters.tracking': 'No. {no}',
  'matters.updated': 'Last update: {date}',
  'matters.empty.lead': 'Everything you start is listed here: matters raised, counselling bookings and legal questions.',
  'matters.empty.first': 'Nothing yet. If something troubles you, start with “Raise a matter”; if a grid worker filed one for you, “A matter a grid worker filed for me” brings it here.',
  'matters.more': 'Load more',
  'matters.end': 'No more',
  'matters.lookup.entry': 'Check progress',
  'matters.lookup.desc': 'With the tracking number and the phone it was filed with — no sign-in needed'
}

export default texts

/** parties: the other party of a dispute joins, consents, gives their account; sessions both parties confirm (issue #17). */
import { partiesInput } from '../../types/functions/parties'
import { action } from '../core/context'
import { answer, cancelSession, giveAccount, invite, join, partyStep, recordAttendance, reschedule, schedule, setPrivatePhotos, view } from '../application/cases/mediation'

export const parties = {
  view: action({ input: partiesInput.view, access: 'user', run: ({ id }, ctx) => view(ctx, id) }),
  invite: action({ input: partiesInput.invite, access: 'user', run: ({ id }, ctx) => invite(ctx, id) }),
  join: action({ input: partiesInput.join, access: 'user', run: ({ invitationCode }, ctx) => join(ctx, invitationCode) }),
  consent: action({
    input: partiesInput.consent,
    access: 'user',
    run: ({ id, answer: given, reason }, ctx) => partyStep(ctx, id, given === 'accept' ? { move: 'accept' } : { move: 'decline', reason }, 'consent')
  }),
  anotherMediator: action({ input: partiesInput.anotherMediator, access: 'user', run: ({ id, reason }, ctx) => partyStep(ctx, id, { move: 'anotherMediator', reason }, 'anotherMediator') }),
  endMediation: action({ input: partiesInput.endMediation, access: 'user', run: ({ id, reason }, ctx) => partyStep(ctx, id, { move: 'endMediation', reason }, 'endMediation') }),
  // The party's account of the dispute (up to its text limit in Chinese) with its photo ids.
  account: action({ input: partiesInput.account, access: 'user', maxBody: 32 * 1024, run: ({ id, text, photos }, ctx) => giveAccount(ctx, id, text, photos ?? []) }),
  privatePhotos: action({ input: partiesInput.privatePhotos, access: 'user', run: ({ id, photos }, ctx) => setPrivatePhotos(ctx, id, photos) }),
  schedule: action({ input: partiesInput.schedule, access: 'user', run: ({ id, mode, startsAt, place }, ctx) => schedule(ctx, id, { mode, startsAt, place }) }),
  reschedule: action({
    input: partiesInput.reschedule,
    access: 'user',
    run: ({ id, sessionId, mode, startsAt, place }, ctx) => reschedule(ctx, id, sessionId, { mode, startsAt, place })
  }),
  cancelSession: action({ input: partiesInput.cancelSession, access: 'user', run: ({ id, sessionId, reason }, ctx) => cancelSession(ctx, id, sessionId, reason) }),
  answer: action({ input: partiesInput.answer, access: 'user', run: ({ id, sessionId, answer: given, note }, ctx) => answer(ctx, id, sessionId, given, note) }),
  attendance: action({
    input: partiesInput.attendance,
    access: 'user',
    run: ({ id, sessionId, applicant, respondent }, ctx) => recordAttendance(ctx, id, sessionId, { applicant, respondent })
  })
}

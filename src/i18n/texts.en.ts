/** Every text of the main package in English: one piece, so that H5 downloads it only when it is chosen. */
import type { MainTexts } from '.'
import core from './en'
import caseWords from './case.en'
import petition from './petition.en'
import messages from './messages.en'
import matters from './matters.en'
import design from './design.en'

const texts: MainTexts = { ...core, ...caseWords, ...petition, ...messages, ...matters, ...design }

export default texts

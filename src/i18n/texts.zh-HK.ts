/** Every text of the main package in Traditional Chinese (Hong Kong): one piece, so that H5 downloads it only when it is chosen. */
import type { MainTexts } from '.'
import core from './zh-HK'
import caseWords from './case.zh-HK'
import petition from './petition.zh-HK'
import messages from './messages.zh-HK'
import matters from './matters.zh-HK'
import design from './design.zh-HK'

const texts: MainTexts = { ...core, ...caseWords, ...petition, ...messages, ...matters, ...design }

export default texts

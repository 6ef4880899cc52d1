/** The pages' way to the AgreementStore. */
import { useStore } from '../stores/root'
import { agreementOf, type AgreementStore } from './store'

export const useAgreement = (): AgreementStore => useStore(agreementOf)

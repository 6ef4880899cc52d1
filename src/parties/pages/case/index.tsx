/** A party's mediation page: their side, the dispute, consent, their account, sessions to confirm, and the timeline. */
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { formatInstant } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { CaseTimeline } from '../../../components/timeline'
import { useMediation } from '../../store'
import { PartyMediation } from '../../components/party-mediation'

export default withPageShell(observer(function MediationPage() {
  const { ui, session } = useStores()
  const store = useMediation()
  const t = ui.t
  const id = useRouter().params.id ?? ''
  usePageTitle('parties.case.title')
  useDidShow(() => void (session.canSignIn && id && store.load(id)))
  const gate = useSignInGuard({ next: `/parties/pages/case/index?id=${id}`, skeleton: 'detail' })
  if (gate) return gate
  const view = store.view?.caseId === id ? store.view : null
  if (!view) {
    return <View className='card'>{store.error ? <Text className='error-text' role='alert'>✗ {store.error.message}</Text> : <Text className='muted'>{t('common.loading')}</Text>}</View>
  }
  const detail = store.detail?.id === id ? store.detail : null
  return (
    <View>
      <PartyMediation
        view={view}
        detail={detail}
        t={t}
        dateTime={(iso) => formatInstant(iso, ui.locale, t('case.format.datetime'))}
        sending={store.sending}
        error={store.error?.message ?? null}
        done={store.done}
        onConsent={(answer, reason) => void store.consent(answer, reason)}
        onAnotherMediator={(reason) => void store.anotherMediator(reason)}
        onEnd={() => void store.endMediation()}
        onAccount={(text) => void store.account(text)}
        onAnswer={(sessionId, answer, note) => void store.answer(sessionId, answer, note)}
      />
      {/* The agreement, once the mediator hands it over: to read, sign, download, and follow up (issue #17). */}
      <Button className='btn-plain' style={{ margin: '16px 0' }} onClick={() => void Taro.navigateTo({ url: `/agreement/pages/view/index?caseId=${id}` }).catch(() => undefined)}>
        {t('case.agreement.open')}
      </Button>
      {detail && <CaseTimeline events={detail.events} />}
    </View>
  )
}))

/**
 * 我的自评结果: the results the person chose to keep, each shareable with the counsellor of one of their bookings,
 * and withdrawing the consent, which deletes them all (asked first).
 */
import { View, Text, Button } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { CrisisHelp } from '../../../components/crisis-help'
import { useCounselling } from '../../store'
import { isSignedOut } from '../../../api/errors'
import { errorText } from '../../errors'
import { confirm, go } from '../../platform'
import { Alert, Heading } from '../../components/controls'
import { ResultCard } from '../../components/result-card'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import './index.scss'

export default withPageShell(observer(function ResultsPage() {
  const { ui, session } = useStores()
  const store = useCounselling()
  const s = store.screening
  const t = ui.t
  usePageTitle('counselling.results.title')
  useDidShow(() => {
    if (!session.canSignIn) return
    void s.loadResults()
    void store.loadMine()
  })
  const withdraw = async () => {
    if (await confirm(t('counselling.results.withdrawTitle'), t('counselling.results.withdrawConfirm'))) void s.withdraw()
  }

  const gate = useSignInGuard({ next: '/counselling/pages/results/index', signedOut: isSignedOut(s.resultsError), needsProfile: false })
  if (gate) {
    return (
      <View className='counselling'>
        <CrisisHelp />
        {gate}
      </View>
    )
  }
  return (
    <View className='counselling results-page'>
      <CrisisHelp />
      <Heading level={1}>{t('counselling.results.title')}</Heading>
      <Text className='cs-text results-page__note'>{t('counselling.keep.who')}</Text>
      {s.resultsError && <Alert text={errorText(s.resultsError, ui.locale)} />}
      {s.deleted !== null && <Text className='card cs-text results-page__deleted' role='status'>{`✓ ${t('counselling.results.deleted', { n: s.deleted })}`}</Text>}
      {!s.resultsLoaded && s.resultsLoading && <Text className='muted results-page__note'>{t('common.loading')}</Text>}
      {s.resultsLoaded && s.results.length === 0 && (
        <View className='card'>
          <Text className='cs-text'>{t('counselling.results.none')}</Text>
          <Button className='btn-plain results-page__button' onClick={() => go('/counselling/pages/screening/index')}>
            {t('counselling.menu.screening')}
          </Button>
        </View>
      )}
      {s.results.length > 0 && (
        <View role='list' aria-label={t('counselling.results.title')}>
          {s.results.map((r) => (
            <ResultCard key={r.id} result={r} />
          ))}
        </View>
      )}
      {s.results.length > 0 && (
        <View className='card'>
          <Text className='cs-text'>{t('counselling.keep.withdraw')}</Text>
          <Button className='btn-plain results-page__button results-page__withdraw' disabled={s.withdrawing || undefined} onClick={() => void withdraw()}>
            {t('counselling.results.withdraw')}
          </Button>
        </View>
      )}
    </View>
  )
}))

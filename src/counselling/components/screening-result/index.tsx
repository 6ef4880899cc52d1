/**
 * The self-screening result in plain words: the score and its band, what it means, that it is not a diagnosis —
 * and keeping it, only with a separate consent that says what is kept, why, who sees it and how to withdraw it.
 */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { errorText } from '../../errors'
import { bandKey, instrumentKey } from '../../format'
import { go, signInThen } from '../../platform'
import { Alert, CheckBox, Heading } from '../controls'
import { CrisisScreen } from '../crisis-screen'
import { Icon, iconDoneDone, iconInfoProgress, iconWarningOverdue } from '../../../components/icon'
import './index.scss'

const MAX = { phq9: 27, gad7: 21 } as const

export const ScreeningResult = observer(function ScreeningResult() {
  const { ui, session } = useStores()
  const s = useCounselling().screening
  const t = ui.t
  const r = s.result
  if (!r) return null

  // Item 9 above zero: the help comes first — the helplines and the priority booking as the one primary button.
  const save = r.crisis ? 'btn-plain' : 'btn-primary'
  return (
    <View className='screening-result'>
      {r.crisis && <CrisisScreen />}
      <Heading level={2}>{t('counselling.result.title')}</Heading>
      <View className='card'>
        <Text className='screening-result__score'>{t('counselling.result.score', { instrument: t(instrumentKey(r.instrument)), total: r.total, max: MAX[r.instrument] })}</Text>
        <Text className='screening-result__band'>{t('counselling.result.band', { band: t(bandKey(r.band)) })}</Text>
        <Text className='cs-text'>{t(`counselling.result.explain.${r.band}` as MessageKey)}</Text>
        <View className='cs-text screening-result__notice'>
          <Icon src={iconInfoProgress} />
          <Text>{t('counselling.result.notDiagnosis')}</Text>
        </View>
        {r.crisis && (
          <View className='cs-text screening-result__crisis'>
            <Icon src={iconWarningOverdue} />
            <Text>{t('counselling.result.crisis')}</Text>
          </View>
        )}
        {r.suggestCounselling && <Text className='cs-text'>{t('counselling.result.suggest')}</Text>}
        <Button className='btn-plain screening-result__book' onClick={() => go('/counselling/pages/stations/index')}>
          {t('counselling.result.book')}
        </Button>
      </View>

      <View className='card screening-result__keep'>
        <Heading level={3}>{t('counselling.keep.title')}</Heading>
        <Text className='cs-text'>{t('counselling.keep.what')}</Text>
        <Text className='cs-text'>{t('counselling.keep.why')}</Text>
        <Text className='cs-text'>{t('counselling.keep.who')}</Text>
        <Text className='cs-text'>{t('counselling.keep.withdraw')}</Text>
        <Text className='cs-text'>{t('counselling.keep.optional')}</Text>
        {s.saved ? (
          <View className='cs-text screening-result__saved' role='status'>
            <Icon src={iconDoneDone} />
            <Text>{t('counselling.keep.saved')}</Text>
          </View>
        ) : (
          <View>
            <CheckBox name='keep' label={t('counselling.keep.agree')} checked={s.consent} onChange={(on) => s.setConsent(on)} />
            {session.signedIn ? (
              <Button className={`${save} screening-result__save`} disabled={!s.consent || s.saving || undefined} onClick={() => void s.save()}>
                {s.saving ? t('counselling.confirm.sending') : t('counselling.keep.save')}
              </Button>
            ) : (
              <Button className={`${save} screening-result__save`} disabled={!s.consent || undefined} onClick={() => signInThen('/counselling/pages/screening/index')}>
                {t('counselling.keep.signIn')}
              </Button>
            )}
          </View>
        )}
        {s.saveError && <Alert text={errorText(s.saveError, ui.locale)} />}
      </View>

      <View className='cs-actions screening-result__actions'>
        <Button className='btn-plain' onClick={() => s.restart()}>
          {t('counselling.result.again')}
        </Button>
        <Button className='btn-plain' onClick={() => go('/counselling/pages/results/index')}>
          {t('counselling.results.title')}
        </Button>
      </View>
    </View>
  )
})

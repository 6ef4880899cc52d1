/**
 * The self-screening, one question a screen: choose PHQ-9 or GAD-7, answer with the four standard options (a tap
 * moves on by itself), back to change an answer, with the progress in words; the crisis screen and the result take the question's place.
 */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { useCounselling } from '../../store'
import { ANSWER_VALUES } from '../../screening-store'
import { instrumentKey } from '../../format'
import { go } from '../../platform'
import { Choices, Heading } from '../controls'
import { CrisisScreen } from '../crisis-screen'
import { ScreeningResult } from '../screening-result'
import './index.scss'

export const ScreeningFlow = observer(function ScreeningFlow() {
  const { ui } = useStores()
  const s = useCounselling().screening
  const t = ui.t

  if (s.step === 'crisis') return <CrisisScreen onResult={() => s.showResult()} />
  if (s.step === 'result') return <ScreeningResult />
  if (s.step === 'intro' || !s.instrument) {
    return (
      <View className='screening'>
        <Heading level={1}>{t('counselling.screening.title')}</Heading>
        <View className='card'>
          <Text className='cs-text'>{t('counselling.screening.intro')}</Text>
          <Text className='cs-text'>{t('counselling.screening.private')}</Text>
          <Button className='btn-primary screening__start screening__start--phq9' onClick={() => s.start('phq9')}>
            {t('counselling.screening.startPhq9')}
          </Button>
          <Button className='btn-primary screening__start screening__start--gad7' onClick={() => s.start('gad7')}>
            {t('counselling.screening.startGad7')}
          </Button>
          <Button className='btn-plain screening__start' onClick={() => go('/counselling/pages/results/index')}>
            {t('counselling.results.title')}
          </Button>
        </View>
      </View>
    )
  }

  const n = s.index + 1
  const last = n === s.total
  const answered = s.current !== null
  return (
    <View className='screening'>
      <Heading level={1}>{t(instrumentKey(s.instrument))}</Heading>
      <View className='card screening__question'>
        <Text className='screening__progress'>{t('counselling.screening.progress', { n, total: s.total })}</Text>
        <View className='screening__bar' role='progressbar' aria-label={t('counselling.screening.progressLabel')} aria-valuemin={1} aria-valuemax={s.total} aria-valuenow={n}>
          <View className='screening__bar-done' style={{ width: `${(n / s.total) * 100}%` }} />
        </View>
        <Text className='cs-text screening__prompt'>{t('counselling.screening.prompt')}</Text>
        <Heading level={2} className='screening__item'>
          {t(`counselling.${s.instrument}.q${n}` as MessageKey)}
        </Heading>
        <Choices
          name='answer'
          label={t('counselling.screening.answerLabel')}
          value={s.current === null ? null : String(s.current)}
          onChange={(v) => s.choose(Number(v))}
          choices={ANSWER_VALUES.map((v) => ({ value: String(v), text: t(`counselling.answer.${v}` as MessageKey) }))}
          stacked
        />
        {n === 1 && <Text className='muted screening__private'>{t('counselling.screening.private')}</Text>}
        {/* A tap on an answer moves on by itself; back to change one, and on again without changing it. */}
        <View className='cs-actions'>
          <Button className='btn-plain screening__back' onClick={() => s.back()}>
            {t('counselling.screening.back')}
          </Button>
          {answered && (
            <Button className='btn-plain screening__next' onClick={() => s.next()}>
              {t(last ? 'counselling.screening.finish' : 'counselling.screening.next')}
            </Button>
          )}
        </View>
      </View>
    </View>
  )
})

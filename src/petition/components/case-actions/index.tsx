/** What the resident may do with the case now (CaseDetail.can): add information, withdraw, rate, ask for a review. */
import { useState } from 'react'
import { View, Text, Button, Textarea, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { RATINGS, type CaseDetail, type Rating } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { ratingKey } from '../../../case/labels'
import { formatDate } from '../../labels'
import { ChoiceGroup, Field } from '../form-parts'
import { askToSubscribe } from '../../../platform/subscribe'
import './index.scss'

type Panel = 'addInfo' | 'rate' | 'requestReview' | null

export const CaseActions = observer(function CaseActions({ c }: { c: CaseDetail }) {
  const { caseView, ui, messages } = useStores()
  const t = ui.t
  const [panel, setPanel] = useState<Panel>(null)
  const [text, setText] = useState('')
  const [rating, setRating] = useState<Rating | null>(null)
  // 提交 with no rating chosen says so at the choice, instead of doing nothing.
  const [ratingMissing, setRatingMissing] = useState(false)
  const can = (move: string) => c.can.includes(move)
  const reviewLabel = t(c.stage === 'original' ? 'petition.action.review' : 'petition.action.rereview')
  const busy = caseView.acting !== null

  const open = (next: Panel) => {
    setPanel(next)
    setText('')
    setRating(null)
    setRatingMissing(false)
  }
  const done = (ok: boolean) => {
    if (!ok) return
    setPanel(null)
    void Taro.showToast({ title: t('petition.action.done'), icon: 'success' }).catch(() => undefined)
  }
  const send = async () => {
    if (busy) return
    // A new step the person waits on (an answer to added information, a review): within the tap, WeChat may let the
    // next progress message through; each acceptance allows one, so it is asked again at each such step.
    if ((panel === 'addInfo' || panel === 'requestReview') && text.trim()) void askToSubscribe('progress', (accepted) => void messages.subscribed(accepted))
    if (panel === 'addInfo' && text.trim()) done(await caseView.addInfo(text))
    if (panel === 'rate' && !rating) setRatingMissing(true)
    if (panel === 'rate' && rating) done(await caseView.rate(rating, text))
    if (panel === 'requestReview' && text.trim()) done(await caseView.requestReview(text))
  }
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({ title: t('petition.action.withdraw.title'), content: t('petition.action.withdraw.body'), confirmText: t('petition.action.withdraw.confirm'), confirmColor: '#a11a12' })
    if (confirm) done(await caseView.withdraw())
  }

  const final = c.stage === 'rereview' && c.status === 'closed'
  const reviewDeadline = c.nextDeadlineKind === 'review_request' && c.nextDeadline ? formatDate(c.nextDeadline, ui.locale, t) : null
  const moves = ['addInfo', 'rate', 'requestReview', 'withdraw'].filter(can)
  if (!moves.length && !final && !c.rating) return null

  return (
    <View className='card case-actions'>
      {c.rating && <Text className='case-actions__line'>{t('petition.detail.rating', { rating: t(ratingKey(c.rating)) })}</Text>}
      {final && <Text className='case-actions__line case-actions__final'>ⓘ {t('petition.detail.final')}</Text>}
      {panel === null && (
        <View className='case-actions__buttons'>
          {can('addInfo') && (
            <Button className='btn-plain case-actions__button' onClick={() => open('addInfo')}>
              {t('petition.action.addInfo')}
            </Button>
          )}
          {can('rate') && (
            <Button className='btn-plain case-actions__button' onClick={() => open('rate')}>
              {t('petition.action.rate')}
            </Button>
          )}
          {can('requestReview') && (
            <Button className='btn-plain case-actions__button' onClick={() => open('requestReview')}>
              {reviewLabel}
            </Button>
          )}
          {/* The legal term stays on the button; one line says what it means. */}
          {can('requestReview') && <Text className='muted case-actions__hint'>{t(c.stage === 'original' ? 'hint.review' : 'hint.rereview')}</Text>}
          {can('withdraw') && (
            <Button className='btn-plain case-actions__button case-actions__withdraw' onClick={() => void withdraw()}>
              {t('petition.action.withdraw')}
            </Button>
          )}
        </View>
      )}
      {panel === 'rate' && (
        <Field name='rating' label={t('petition.action.rate')} error={ratingMissing && !rating ? { key: 'petition.action.rate.missing' } : undefined}>
          <ChoiceGroup name='rating' label={t('petition.action.rate')} value={rating} onChange={setRating} choices={RATINGS.map((r) => ({ value: r, text: t(ratingKey(r)) }))} />
          <Input className='field__input' type='text' value={text} maxlength={1000} aria-label={t('petition.action.rate.comment')} nativeProps={{ 'aria-label': t('petition.action.rate.comment') }} placeholder={t('petition.action.rate.comment')} onInput={(e) => setText(e.detail.value)} />
        </Field>
      )}
      {(panel === 'addInfo' || panel === 'requestReview') && (
        <Field
          name={panel}
          label={t(panel === 'addInfo' ? 'petition.action.addInfo.label' : 'petition.action.review.reason')}
          hint={panel === 'requestReview' && reviewDeadline ? t('petition.action.review.deadline', { date: reviewDeadline }) : undefined}
        >
          <Textarea
            className='field__textarea'
            value={text}
            maxlength={4000}
            autoHeight
            aria-label={t(panel === 'addInfo' ? 'petition.action.addInfo.label' : 'petition.action.review.reason')}
            nativeProps={{ 'aria-label': t(panel === 'addInfo' ? 'petition.action.addInfo.label' : 'petition.action.review.reason') }}
            onInput={(e) => setText(e.detail.value)}
          />
        </Field>
      )}
      {panel !== null && (
        <View className='case-actions__buttons'>
          <Button className='btn-primary case-actions__button' disabled={busy || undefined} aria-disabled={busy} onClick={() => void send()}>
            {panel === 'requestReview' ? reviewLabel : t('petition.action.send')}
          </Button>
          <Button className='btn-plain case-actions__button' onClick={() => open(null)}>
            {t('petition.action.cancel')}
          </Button>
        </View>
      )}
      {caseView.actionError && (
        <Text className='field__error' role='alert'>
          ✗ {caseView.actionError}
        </Text>
      )}
    </View>
  )
})

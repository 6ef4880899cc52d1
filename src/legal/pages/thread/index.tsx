/**
 * One consultation's thread, for the person and for the advisor: the question and every post, the answer's due date
 * and overdue flag in words, reply, close and rate — and 转为调解申请, which shows the prefilled case and asks only
 * for what is missing. Once converted it links to the case, now tracked in 我的事项.
 */
import { useState } from 'react'
import { View, Text, Button, Textarea, Input } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { RATINGS } from '@minan/types/functions/petition'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { useLegal } from '../../use'
import { categoryKey, dateText, ratingKey, statusKey, whenText } from '../../format'
import { Alert, CheckBox, Heading, NoticeAlert } from '../../ui'
import type { T } from '../../format'
import { apiUrl } from '../../../api/transports'
import { PhotoStrip } from '../../../components/photo-strip'
import { disputeKey } from '../../../case/labels'

/** A post's photos (the server sends them to the person and the advisor only): tap one to see it full size. */
function PostPhotos({ photos, t }: { photos: { id: string; url: string }[]; t: T }) {
  const shown = photos.map((p) => apiUrl(p.url)).filter((src): src is string => src !== null)
  return <PhotoStrip sources={shown} label={t('legal.thread.photos')} itemLabel={(n) => t('legal.photos.item', { n })} />
}
import { withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'
import { StatusChip, toneOf } from '../../../components/status-chip'

export default withPageShell(observer(function ThreadPage() {
  const { ui } = useStores()
  const store = useLegal()
  const t = ui.t
  const { id = '' } = useRouter().params
  const [converting, setConverting] = useState(false)
  useDidShow(() => void store.openConsultation(id))

  const c = store.consultation?.id === id ? store.consultation : null
  if (store.consultationError) return <View className='legal'><Alert text={store.consultationError.message} /></View>
  if (!c) return <View className='legal'><Skeleton variant='detail' /></View>
  const startConvert = () => {
    setConverting(true)
    void store.loadDraft()
  }
  const draft = store.draft
  return (
    <View className='legal'>
      <Heading level={1}>{`${t('legal.thread.title')} · ${t(categoryKey(c.category))}`}</Heading>
      <View className='card'>
        <View className='lg-thread__status'>
          <StatusChip tone={toneOf('consultation', c.overdue ? 'overdue' : c.status)} label={t(statusKey(c.status))} ariaLabel={t('legal.thread.status', { text: t(statusKey(c.status)) })} />
        </View>
        {c.dueAt && <Text className='lg-text'>{t('legal.due', { date: dateText(c.dueAt, ui.locale, t) })}</Text>}
        {c.overdue && <Text className='lg-flag'>{t('legal.overdue')}</Text>}
        <Text className='lg-text'>{`${c.villageName} · ${t('legal.advisor.name', { name: c.advisorName.replace(/律师$/, '') })}`}</Text>
        <Text className='lg-text'>{t('legal.thread.asker', { name: c.askerName })}</Text>
        {c.anonymous && <Text className='lg-text muted'>{t('legal.thread.anonymous')}</Text>}
        {c.contactPhone && <Text className='lg-text'>{t('legal.thread.phone', { phone: c.contactPhone })}</Text>}
      </View>

      <View className='card' role='list'>
        <View role='listitem' className='lg-post lg-post--person'>
          <Text className='lg-text muted'>{t('legal.thread.post', { who: t('legal.thread.from.person'), when: whenText(c.askedAt, ui.locale, t) })}</Text>
          <Text className='lg-text lg-post__text'>{c.question}</Text>
          <PostPhotos photos={c.photos} t={t} />
        </View>
        {c.thread.map((p) => (
          <View key={p.seq} role='listitem' className={`lg-post lg-post--${p.from}`}>
            <Text className='lg-text muted'>{t('legal.thread.post', { who: t(`legal.thread.from.${p.from}` as MessageKey), when: whenText(p.at, ui.locale, t) })}</Text>
            <Text className='lg-text lg-post__text'>{p.text}</Text>
            <PostPhotos photos={p.photos} t={t} />
          </View>
        ))}
      </View>

      {c.caseId && (
        <View className='card'>
          <Text className='lg-text lg-thread__case'>{t('legal.case.done', { no: c.caseTrackingNo ?? '' })}</Text>
          <Button className='btn-primary lg-button lg-thread__open-case' onClick={() => void Taro.navigateTo({ url: `/petition/pages/detail/index?id=${c.caseId}` }).catch(() => undefined)}>
            {t('legal.case.open')}
          </Button>
        </View>
      )}

      <View className='card'>
        <NoticeAlert notice={store.notice} t={t} locale={ui.locale} />
        {c.can.includes('reply') && (
          <View>
            <Text className='lg-label'>{t('legal.thread.replyLabel')}</Text>
            <Textarea className='lg-textarea lg-thread__reply' value={store.replyText} maxlength={-1} aria-label={t('legal.thread.replyLabel')} nativeProps={{ 'aria-label': t('legal.thread.replyLabel') }} onInput={(e) => store.setReplyText(e.detail.value)} />
            <Button className='btn-primary lg-button lg-thread__send' onClick={() => void store.reply()}>
              {t('legal.thread.send')}
            </Button>
          </View>
        )}
        {c.can.includes('toCase') && !converting && (
          <Button className='btn-primary lg-button lg-thread__convert' onClick={startConvert}>
            {t('legal.case.convert')}
          </Button>
        )}
        {c.can.includes('close') && (
          <Button className='btn-plain lg-button lg-thread__close' onClick={() => void store.close()}>
            {t('legal.thread.close')}
          </Button>
        )}
        {c.can.includes('rate') && (
          <View role='group' aria-label={t('legal.thread.rate')}>
            <Text className='lg-label'>{t('legal.thread.rate')}</Text>
            {RATINGS.map((r) => (
              <Button key={r} className='btn-plain lg-button' onClick={() => void store.rate(r)}>
                {t(ratingKey(r))}
              </Button>
            ))}
          </View>
        )}
        {c.rating && <Text className='lg-text'>{t('legal.thread.rated', { text: t(ratingKey(c.rating)) })}</Text>}
      </View>

      {converting && c.can.includes('toCase') && (
        <View className='card lg-case'>
          <Heading level={2}>{t('legal.case.convert')}</Heading>
          <Text className='lg-text'>{t('legal.case.intro')}</Text>
          {draft && (
            <View>
              <Text className='lg-text'>{t('legal.case.titleLine', { text: draft.title })}</Text>
              <Text className='lg-text'>{t('legal.case.typeLine', { text: t(disputeKey(draft.disputeType)) })}</Text>
              <Text className='lg-text'>{t('legal.case.contactLine', { text: draft.contactName })}</Text>
              <Text className='lg-text'>{t('legal.case.descriptionLine', { text: draft.description })}</Text>
              {draft.needs.length > 0 && <Text className='lg-flag'>{t('legal.case.missing', { text: draft.needs.map((n) => t(`legal.case.need.${n}` as MessageKey)).join(t('legal.list.separator')) })}</Text>}
              {draft.needs.includes('otherPartyName') && (
                <View>
                  <Text className='lg-label'>{t('legal.case.otherParty')}</Text>
                  <Input className='lg-input lg-case__other' type='text' value={store.caseOtherParty} aria-label={t('legal.case.otherParty')} nativeProps={{ 'aria-label': t('legal.case.otherParty') }} onInput={(e) => store.setCaseOtherParty(e.detail.value)} />
                </View>
              )}
              {draft.needs.includes('contactPhone') && (
                <View>
                  <Text className='lg-label'>{t('legal.case.phone')}</Text>
                  <Input className='lg-input lg-case__phone' type='number' value={store.casePhone} aria-label={t('legal.case.phone')} nativeProps={{ 'aria-label': t('legal.case.phone') }} onInput={(e) => store.setCasePhone(e.detail.value)} />
                </View>
              )}
              {draft.needs.includes('consentVersion') && <CheckBox name='consent' label={t('legal.case.consent')} checked={store.caseConsent} onChange={(on) => store.setCaseConsent(on)} />}
            </View>
          )}
          <NoticeAlert notice={store.caseNotice} t={t} locale={ui.locale} />
          {draft && (
            <Button className='btn-primary lg-button lg-case__submit' onClick={() => void store.toCase()}>
              {t('legal.case.submit')}
            </Button>
          )}
        </View>
      )}
    </View>
  )
}))

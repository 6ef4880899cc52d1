/**
 * The success page after filing (WeUI's msg page): a big tick, one sentence, the tracking number with copy, what
 * happens next and by when (from the deadline the server returned), how news will reach the person — on weapp a
 * button 接收办理进度提醒 (WeChat's subscribe dialog needs the person's tap, so it is asked here, at the moment they
 * want to hear back), elsewhere a line saying the news comes in 消息 — one primary and one secondary button.
 */
import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CaseDetail } from '@minan/types/functions/petition'
import type { Locale } from '@minan/types/locale'
import type { T } from '../../../case/labels'
import { formatDate } from '../../labels'
import { Icon, iconCheckDone } from '../../../components/icon'
import '../../texts'
import './index.scss'

export interface FiledResultProps {
  c: CaseDetail
  /**
   * On weapp with the progress template: asks WeChat's subscribe dialog from the tap and records an acceptance,
   * answering whether reminders are on. Absent where WeChat reminders cannot be had (H5).
   */
  onSubscribe?: () => Promise<boolean>
  t: T
  locale: Locale
  onView: () => void
  onHome: () => void
}

export function nextText(c: Pick<CaseDetail, 'handlingUnit' | 'nextDeadline' | 'nextDeadlineKind'>, t: T, locale: Locale): string {
  const unit = t('petition.unit', { name: c.handlingUnit })
  if (!c.nextDeadline) return t('petition.done.next.none', { unit })
  const date = formatDate(c.nextDeadline, locale, t)
  return t(c.nextDeadlineKind === 'acceptance' ? 'petition.done.next.acceptance' : 'petition.done.next.handling', { unit, date })
}

type Reminders = 'ask' | 'asking' | 'on' | 'off'

export function FiledResult({ c, onSubscribe, t, locale, onView, onHome }: FiledResultProps) {
  const [copied, setCopied] = useState(false)
  const [reminders, setReminders] = useState<Reminders>('ask')
  const subscribe = () => {
    if (!onSubscribe || reminders === 'asking') return
    setReminders('asking')
    void onSubscribe().then((on) => setReminders(on ? 'on' : 'off'))
  }
  const copy = () =>
    void Taro.setClipboardData({ data: c.trackingNo })
      .then(() => setCopied(true))
      .catch(() => undefined)
  return (
    <View className='filed-result' role='status'>
      <View className='filed-result__icon' aria-hidden='true'>
        <Icon src={iconCheckDone} size='large' />
      </View>
      <Text className='filed-result__title' role='heading' aria-level={1}>
        {t('petition.done.title')}
      </Text>
      <Text className='filed-result__subject'>{c.title}</Text>
      <View className='card filed-result__facts'>
        <Text className='filed-result__label'>{t('petition.done.trackingNo')}</Text>
        <View className='filed-result__number'>
          <Text className='filed-result__tracking'>{c.trackingNo}</Text>
          <Button className='btn-plain filed-result__copy' aria-label={`${t('petition.done.copy')} ${c.trackingNo}`} onClick={copy}>
            {t(copied ? 'petition.done.copied' : 'petition.done.copy')}
          </Button>
        </View>
        <Text className='filed-result__label'>{t('petition.done.next')}</Text>
        <Text className='filed-result__text filed-result__next'>{nextText(c, t, locale)}</Text>
        <Text className='filed-result__text'>{t('petition.done.track')}</Text>
      </View>
      <View className='card filed-result__reminders'>
        {!onSubscribe ? (
          <Text className='filed-result__text'>{t(process.env.TARO_ENV === 'weapp' ? 'petition.done.inApp' : 'petition.done.web')}</Text>
        ) : reminders === 'on' ? (
          <Text className='filed-result__text filed-result__subscribed' role='status'>
            {t('petition.done.subscribed')}
          </Text>
        ) : reminders === 'off' ? (
          <Text className='filed-result__text' role='status'>
            {t('petition.done.subscribe.off')}
          </Text>
        ) : (
          <>
            <Button className='btn-secondary filed-result__subscribe' loading={reminders === 'asking'} onClick={subscribe}>
              {t('petition.done.subscribe')}
            </Button>
            <Text className='field__hint'>{t('petition.done.subscribe.hint')}</Text>
          </>
        )}
      </View>
      <Button className='btn-primary filed-result__view' onClick={onView}>
        {t('petition.done.view')}
      </Button>
      <Button className='btn-plain filed-result__home' onClick={onHome}>
        {t('petition.done.home')}
      </Button>
    </View>
  )
}

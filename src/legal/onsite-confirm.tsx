/**
 * Booking an on-site time with the village legal advisor in two steps: a sheet that says who, where and when and
 * asks 确认预约 (the sheet's title, 核对预约信息, names the step, not the button), then what was booked. One tap on a time only opens the sheet; nothing is booked without the second.
 */
import { View, Text, Button } from '@tarojs/components'
import type { OnsiteSlot } from '@minan/types/functions/legal'
import type { Locale } from '@minan/types/locale'
import { whenText, type T } from './format'
import { Heading } from './ui'

interface SheetProps {
  slot: OnsiteSlot
  sending: boolean
  onConfirm: () => void
  onBack: () => void
  t: T
  locale: Locale
}

export function OnsiteConfirm({ slot, sending, onConfirm, onBack, t, locale }: SheetProps) {
  return (
    <View className='card lg-onsite-confirm' role='group' aria-label={t('legal.confirm.title')}>
      <OnsiteSummary slot={slot} t={t} locale={locale} />
      <Button className='btn-primary lg-button lg-onsite-confirm__book' disabled={sending || undefined} onClick={onConfirm}>
        {sending ? t('legal.confirm.sending') : t('legal.confirm.book')}
      </Button>
      <Button className='btn-plain lg-button lg-onsite-confirm__back' disabled={sending || undefined} onClick={onBack}>
        {t('legal.confirm.back')}
      </Button>
    </View>
  )
}

export function OnsiteBooked({ slot, onMine, t, locale }: { slot: OnsiteSlot; onMine: () => void; t: T; locale: Locale }) {
  return (
    <View className='card lg-onsite-done' role='status'>
      <Heading level={2}>{`✓ ${t('legal.done.title')}`}</Heading>
      <OnsiteSummary slot={slot} t={t} locale={locale} />
      <Text className='lg-text'>{t('legal.done.note')}</Text>
      <Button className='btn-primary lg-button lg-onsite-done__mine' onClick={onMine}>
        {t('legal.menu.mine')}
      </Button>
    </View>
  )
}

function OnsiteSummary({ slot, t, locale }: { slot: OnsiteSlot; t: T; locale: Locale }) {
  return (
    <View>
      <Text className='lg-text'>{t('legal.confirm.who', { name: slot.advisorName })}</Text>
      <Text className='lg-text'>{t('legal.confirm.where', { village: slot.villageName, place: slot.place })}</Text>
      <Text className='lg-text'>{t('legal.confirm.when', { when: whenText(slot.start, locale, t) })}</Text>
    </View>
  )
}

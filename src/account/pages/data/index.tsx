/**
 * 我的个人信息: what 民安 keeps about the signed-in person — counts and lists of their matters, bookings,
 * consultations and kept self-check results, every consent with its version and date — the export as a file,
 * withdrawing each separate consent, a plain statement of what the law keeps and for how long, and deleting the
 * account (asked twice). Everything it shows comes from account.summary; nothing here is cached on the phone.
 */
import type { ReactNode } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { ConsentRecord } from '@minan/types/functions/account'
import { errorMessage } from '@minan/types/api'
import type { MessageKey } from '../../../i18n'
import { formatInstant } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { useAccount } from '../../use-account'
import { canShareFile, shareFile } from '../../platform'
import './index.scss'

const PAGE = '/account/pages/data/index'

function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  return (
    <View className={`card${className ? ` ${className}` : ''}`}>
      <Text className='account__heading' role='heading' aria-level={2}>
        {title}
      </Text>
      {children}
    </View>
  )
}

export default withPageShell(observer(function MyDataPage() {
  const { ui, session } = useStores()
  const store = useAccount()
  const t = ui.t
  const date = (iso: string) => formatInstant(iso, ui.locale, t('account.date'))
  const dateTime = (iso: string) => formatInstant(iso, ui.locale, t('account.dateTime'))
  usePageTitle('account.title')
  useDidShow(() => void (session.canSignIn && store.load()))
  const gate = useSignInGuard({ next: PAGE, needsProfile: false })

  const s = store.summary
  const error = store.error && <Text className='error-text' role='alert'>{store.error.code === 'NETWORK' ? errorMessage('NETWORK', ui.locale) : store.error.message}</Text>

  if (gate) {
    return (
      <View className='account'>
        {store.deleted && (
          <View className='card'>
            <Text className='account__status' role='status'>{`✓ ${t('account.delete.done')}`}</Text>
          </View>
        )}
        {gate}
      </View>
    )
  }

  const consentLabel = (c: ConsentRecord) => t(`account.consent.${c.kind}` as MessageKey, { subject: c.subject, count: c.count })
  const counts: [MessageKey, number][] = s
    ? [
        ['account.count.cases', s.counts.cases],
        ['account.count.bookings', s.counts.bookings],
        ['account.count.consultations', s.counts.consultations],
        ['account.count.screenings', s.counts.screenings],
        ['account.count.messages', s.counts.messages],
        ['account.count.files', s.counts.files]
      ]
    : []

  return (
    <View className='account'>
      <Text className='page-title account__title' role='heading' aria-level={1}>
        {t('account.title')}
      </Text>
      <Text className='account__intro muted'>{t('account.intro')}</Text>
      {error && <View className='card'>{error}</View>}
      {store.deleted && !s && (
        <View className='card'>
          <Text className='account__status' role='status'>{`✓ ${t('account.delete.done')}`}</Text>
        </View>
      )}
      {!s && store.loading && <Text className='muted account__intro'>{t('common.loading')}</Text>}

      {s && (
        <>
          <Section title={t('account.stored')}>
            <View role='list'>
              {counts.map(([key, n]) => (
                <Text key={key} role='listitem' className='account__line account__count'>
                  {t('account.count.value', { label: t(key), n })}
                </Text>
              ))}
            </View>
          </Section>

          <Section title={t('account.count.cases')}>
            {s.cases.length === 0 && <Text className='muted'>{t('account.none')}</Text>}
            <View role='list'>
              {s.cases.map((c) => (
                <View key={c.id} role='listitem' className='account__item account__case'>
                  <Text className='account__line'>{`${c.title} · ${t(`case.status.${c.status}` as MessageKey)}`}</Text>
                  <Text className='account__meta'>{`${c.trackingNo} · ${date(c.filedAt)}`}</Text>
                  {c.keptUntil && <Text className='account__meta'>{t('account.keptUntil', { date: date(c.keptUntil) })}</Text>}
                </View>
              ))}
            </View>
          </Section>

          <Section title={t('account.count.bookings')}>
            {s.bookings.length === 0 && <Text className='muted'>{t('account.none')}</Text>}
            <View role='list'>
              {s.bookings.map((b) => (
                <View key={b.id} role='listitem' className='account__item'>
                  <Text className='account__line'>{`${t(`account.service.${b.service}` as MessageKey)} · ${b.placeName}`}</Text>
                  <Text className='account__meta'>{`${dateTime(b.start)} · ${t(`account.booking.${b.status}` as MessageKey)}`}</Text>
                </View>
              ))}
            </View>
          </Section>

          <Section title={t('account.count.consultations')}>
            {s.consultations.length === 0 && <Text className='muted'>{t('account.none')}</Text>}
            <View role='list'>
              {s.consultations.map((c) => (
                <View key={c.id} role='listitem' className='account__item'>
                  <Text className='account__line'>{`${t(`account.category.${c.category}` as MessageKey)} · ${t(`account.consultation.${c.status}` as MessageKey)}`}</Text>
                  <Text className='account__meta'>{date(c.askedAt)}</Text>
                </View>
              ))}
            </View>
          </Section>

          <Section title={t('account.count.screenings')}>
            {s.screenings.length === 0 && <Text className='muted'>{t('account.none')}</Text>}
            <View role='list'>
              {s.screenings.map((r) => (
                <View key={r.id} role='listitem' className='account__item'>
                  <Text className='account__line'>{t(`account.instrument.${r.instrument}` as MessageKey)}</Text>
                  <Text className='account__meta'>{dateTime(r.createdAt)}</Text>
                </View>
              ))}
            </View>
          </Section>

          <Section title={t('account.consents')} className='account__consents'>
            {store.withdrawn && <Text className='account__status' role='status'>{`✓ ${t('account.consent.withdrawn', { n: store.withdrawn.n })}`}</Text>}
            {s.consents.length === 0 && <Text className='muted'>{t('account.consent.none')}</Text>}
            <View role='list'>
              {s.consents.map((c) => (
                <View key={`${c.kind}:${c.version}:${c.subject}`} role='listitem' className='account__item account__consent'>
                  <Text className='account__line'>{consentLabel(c)}</Text>
                  <Text className='account__meta'>{t('account.consent.meta', { version: c.version, date: date(c.givenAt) })}</Text>
                  {!c.withdrawable && <Text className='account__meta'>{t('account.consent.kept')}</Text>}
                  {c.withdrawable && c.kind !== 'petitionPrivacy' && store.confirmingWithdrawal !== c.kind && (
                    <Button className='btn-plain account__button' onClick={() => store.askWithdraw(c.kind as 'screening' | 'consultationContact')}>
                      {t('account.consent.withdraw')}
                    </Button>
                  )}
                  {c.kind !== 'petitionPrivacy' && store.confirmingWithdrawal === c.kind && (
                    <View className='account__confirm' role='group' aria-label={t('account.consent.withdraw')}>
                      <Text className='account__text'>{t(`account.consent.confirm.${c.kind}` as MessageKey)}</Text>
                      <Button className='btn-primary account__button' disabled={store.withdrawing || undefined} onClick={() => void store.withdraw()}>
                        {t('account.consent.confirm')}
                      </Button>
                      <Button className='btn-plain account__button' onClick={() => store.askWithdraw(null)}>
                        {t('common.cancel')}
                      </Button>
                    </View>
                  )}
                </View>
              ))}
            </View>
          </Section>

          <Section title={t('account.export.title')}>
            <Text className='account__text'>{t('account.export.text')}</Text>
            <Button className='btn-primary account__button account__export' disabled={store.exporting || undefined} onClick={() => void store.exportAll()}>
              {store.exporting ? t('account.export.working') : t('account.export.button')}
            </Button>
            {store.exported && <Text className='account__status account__text' role='status'>{`✓ ${t('account.export.done', { name: store.exported.name })}`}</Text>}
            {store.exported?.path && canShareFile() && (
              <Button className='btn-plain account__button' onClick={() => shareFile(store.exported!)}>
                {t('account.export.share')}
              </Button>
            )}
          </Section>

          <Section title={t('account.law.title')}>
            <Text className='account__text'>{t('account.law.text', { years: s.retention.caseRecordYears })}</Text>
          </Section>

          <Section title={t('account.delete.title')} className='account__danger'>
            <Text className='account__text'>{t('account.delete.text')}</Text>
            {s.openCases > 0 && <Text className='account__text'>{t('account.delete.open', { n: s.openCases })}</Text>}
            {!s.canDelete && <Text className='account__text'>{t('account.delete.staff')}</Text>}
            {s.canDelete && !store.confirmingDeletion && (
              <Button className='btn-plain account__button account__delete' onClick={() => store.askDelete(true)}>
                {t('account.delete.button')}
              </Button>
            )}
            {s.canDelete && store.confirmingDeletion && (
              <View className='account__confirm' role='group' aria-label={t('account.delete.title')}>
                <Text className='account__text'>{t('account.delete.confirmText')}</Text>
                <Button className='btn-primary account__button' disabled={store.deleting || undefined} onClick={() => void store.deleteAccount()}>
                  {t('account.delete.confirm')}
                </Button>
                <Button className='btn-plain account__button' onClick={() => store.askDelete(false)}>
                  {t('common.cancel')}
                </Button>
              </View>
            )}
          </Section>
        </>
      )}
    </View>
  )
}))

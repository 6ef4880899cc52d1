/**
 * 查询办理进度: anyone, without signing in, sees where a case stands by its tracking number and the phone it was filed
 * with; a signed-in person can then take it into 我的事项.
 */
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { usePageTitle, withPageShell } from '../../../components/page-shell'
import { CaseTimeline } from '../../../components/timeline'
import { kindKey, statusKey } from '../../../case/labels'
import { deadlineText, flagText, formatDate } from '../../labels'
import { useLookup } from './store'
import { StatusChip, toneOf } from '../../../components/status-chip'

const SELF = '/petition/pages/lookup/index'
const block = { display: 'block', marginTop: '12px' }

export default withPageShell(observer(function LookupPage() {
  const { session, ui } = useStores()
  const store = useLookup()
  const t = ui.t
  usePageTitle('lookup.title')
  const r = store.result
  const error = store.error && (store.error.code === 'NETWORK' ? t('offline.title') : store.error.message)
  const alert = error && (
    <Text className='error-text' role='alert' style={block}>
      ✗ {error}
    </Text>
  )

  if (!r) {
    return (
      <View className='card'>
        <Text className='page-title' role='heading' aria-level={1} style={{ margin: 0 }}>
          {t('lookup.title')}
        </Text>
        <Text className='muted' style={{ display: 'block', margin: '16px 0' }}>
          {t('lookup.intro')}
        </Text>
        <Text style={{ display: 'block' }}>{t('lookup.trackingNo')}</Text>
        <Input className='claim__input lookup__no' type='text' value={store.trackingNo} maxlength={40} nativeProps={{ 'aria-label': t('lookup.trackingNo') }} onInput={(e) => store.setTrackingNo(e.detail.value)} />
        <Text style={{ display: 'block', marginTop: '16px' }}>{t('lookup.phone')}</Text>
        <Input className='claim__input lookup__phone' type='number' value={store.phone} maxlength={16} nativeProps={{ 'aria-label': t('lookup.phone') }} onInput={(e) => store.setPhone(e.detail.value)} />
        {alert}
        <Button className='btn-primary' style={{ marginTop: '24px' }} disabled={!store.ready || undefined} aria-disabled={!store.ready} onClick={() => void store.lookup()}>
          {store.busy ? t('common.loading') : t('lookup.submit')}
        </Button>
      </View>
    )
  }

  const deadline = deadlineText(r, ui.locale, t)
  const flag = flagText(r.flag, t)
  const claim = async () => {
    if (await store.claim()) void Taro.switchTab({ url: '/pages/matters/index' })
  }
  return (
    <View className='lookup'>
      <View className='card'>
        <Text className='muted' style={{ display: 'block' }}>{`${t(kindKey(r.kind))} · ${r.trackingNo}`}</Text>
        <Text className='page-title' role='heading' aria-level={1} style={{ display: 'block', margin: '8px 0 0' }}>
          {r.title}
        </Text>
        <View style={block}>
          <StatusChip tone={toneOf('case', r.status)} label={t(statusKey(r.status))} className='lookup__status' />
        </View>
        <Text style={block}>{t('lookup.unit', { unit: r.handlingUnit })}</Text>
        <Text style={block}>{t('lookup.filed', { date: formatDate(r.filedAt, ui.locale, t) })}</Text>
        {deadline && <Text style={block}>{deadline}</Text>}
        {flag && <Text className={`case-flag case-flag--${r.flag}`} style={block}>{flag}</Text>}
        <Text className='muted' style={block}>{t('lookup.contact', { name: r.contactName, phone: r.contactPhone })}</Text>
        <Text className='muted' style={block}>{t('lookup.privacy')}</Text>
      </View>
      <CaseTimeline events={r.events} />
      <View className='card'>
        {store.claimedId ? (
          <Button className='btn-primary' onClick={() => void Taro.navigateTo({ url: `/petition/pages/detail/index?id=${encodeURIComponent(store.claimedId!)}` })}>
            {t('lookup.open')}
          </Button>
        ) : !r.claimable ? (
          <Text>{t('lookup.taken')}</Text>
        ) : session.signedIn ? (
          <View>
            <Text style={{ display: 'block' }}>{t('lookup.code')}</Text>
            <Input className='claim__input lookup__code' type='text' value={store.claimCode} maxlength={20} nativeProps={{ 'aria-label': t('lookup.code'), autoCapitalize: 'characters' }} onInput={(e) => store.setClaimCode(e.detail.value)} />
            <Text className='muted' style={{ display: 'block', margin: '8px 0 16px' }}>
              {t('lookup.codeHint')}
            </Text>
            <Button className='btn-primary' disabled={!store.canClaim || undefined} aria-disabled={!store.canClaim} onClick={() => void claim()}>
              {store.busy ? t('common.loading') : t('lookup.claim')}
            </Button>
          </View>
        ) : (
          <View>
            <Text className='muted'>{t('lookup.claimHint')}</Text>
            {/* In place of this page, which the sign-in page brings back (with the answer: the store keeps it). */}
            <Button className='btn-primary' style={{ marginTop: '16px' }} onClick={() => void Taro.redirectTo({ url: `/pages/signin/index?next=${encodeURIComponent(SELF)}` })}>
              {t('lookup.signIn')}
            </Button>
          </View>
        )}
        {alert}
        <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => store.again()}>
          {t('lookup.again')}
        </Button>
      </View>
    </View>
  )
}))

/** Claim a matter a grid worker filed for me: its tracking number, the phone it was filed with and the claim code on my receipt. */
import { useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'

export default withPageShell(observer(function ClaimPage() {
  const { caseView, ui } = useStores()
  const t = ui.t
  const [trackingNo, setTrackingNo] = useState('')
  const [phone, setPhone] = useState('')
  const [code, setCode] = useState('')
  usePageTitle('petition.claim.title')
  const gate = useSignInGuard({ next: '/petition/pages/claim/index', skeleton: 'detail' })
  if (gate) return gate

  const submit = async () => {
    const id = await caseView.claim(trackingNo, phone, code)
    if (id) void Taro.redirectTo({ url: `/petition/pages/detail/index?id=${id}` })
  }
  const ready = trackingNo.trim() !== '' && phone.trim() !== '' && code.trim() !== '' && !caseView.claiming

  return (
    <View className='card'>
      <Text className='page-title' role='heading' aria-level={1} style={{ margin: 0 }}>
        {t('petition.claim.title')}
      </Text>
      <Text className='muted' style={{ display: 'block', margin: '16px 0' }}>
        {t('petition.claim.intro')}
      </Text>
      <Text style={{ display: 'block' }}>{t('petition.claim.trackingNo')}</Text>
      <Input className='claim__input' type='text' value={trackingNo} maxlength={40} nativeProps={{ 'aria-label': t('petition.claim.trackingNo') }} onInput={(e) => setTrackingNo(e.detail.value)} />
      <Text style={{ display: 'block', marginTop: '16px' }}>{t('petition.claim.phone')}</Text>
      <Input className='claim__input' type='number' value={phone} maxlength={16} nativeProps={{ 'aria-label': t('petition.claim.phone') }} onInput={(e) => setPhone(e.detail.value)} />
      <Text style={{ display: 'block', marginTop: '16px' }}>{t('petition.claim.code')}</Text>
      <Input className='claim__input claim__code' type='text' value={code} maxlength={20} nativeProps={{ 'aria-label': t('petition.claim.code'), autoCapitalize: 'characters' }} onInput={(e) => setCode(e.detail.value)} />
      <Text className='muted' style={{ display: 'block', marginTop: '8px' }}>
        {t('petition.claim.codeHint')}
      </Text>
      {caseView.claimError && (
        <Text className='error-text' role='alert' style={{ display: 'block', marginTop: '16px' }}>
          ✗ {caseView.claimError}
        </Text>
      )}
      <Button className='btn-primary' style={{ marginTop: '24px' }} disabled={!ready || undefined} aria-disabled={!ready} onClick={() => ready && void submit()}>
        {caseView.claiming ? t('common.loading') : t('petition.claim.submit')}
      </Button>
    </View>
  )
}))

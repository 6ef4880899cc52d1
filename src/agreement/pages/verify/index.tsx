/** 核验调解协议 (centre staff): a printed agreement's number and check code against the committee's record. */
import { Button, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useState } from 'react'
import { useStores } from '../../../stores/root'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'
import { formatInstant } from '../../../i18n/dates'
import { useAgreement } from '../../use'
import '../../agreement.scss'

export default withPageShell(observer(function VerifyPage() {
  const { ui } = useStores()
  const store = useAgreement()
  const t = ui.t
  const [docNo, setDocNo] = useState('')
  const [code, setCode] = useState('')
  const gate = useSignInGuard({ next: '/agreement/pages/verify/index' })
  if (gate) return gate
  const r = store.verification
  return (
    <View className='agreement'>
      <Text role='heading' aria-level={1} className='ag-text'>
        {t('agreement.verify.title')}
      </Text>
      <View className='card'>
        <Input className='ag-input' aria-label={t('agreement.verify.docNo')} placeholder={t('agreement.verify.docNo')} value={docNo} maxlength={60} onInput={(e) => setDocNo(e.detail.value)} />
        <Input className='ag-input' aria-label={t('agreement.verify.code')} placeholder={t('agreement.verify.code')} value={code} maxlength={40} onInput={(e) => setCode(e.detail.value)} />
        <Button className='btn-primary ag-button' disabled={store.busy || !docNo.trim() || !code.trim() || undefined} onClick={() => void store.verify(docNo.trim(), code.trim())}>
          {t('agreement.verify.submit')}
        </Button>
      </View>
      {store.error && (
        <Text className='error-text' role='alert'>
          {store.error.message}
        </Text>
      )}
      {r && (
        <View className='card' role='status'>
          <Text className='ag-text'>{r.genuine ? t('agreement.verify.genuine') : t('agreement.verify.fake')}</Text>
          {r.record && <Text className='ag-text'>{t('agreement.verify.parties', { names: r.record.parties.join('、') })}</Text>}
          {r.record?.effectiveAt && <Text className='ag-text'>{t('agreement.verify.effective', { date: formatInstant(r.record.effectiveAt, ui.locale, t('case.format.date')) })}</Text>}
        </View>
      )}
    </View>
  )
}))

/**
 * 签署调解协议: the whole agreement first; the confirmation that it was read in full stands after its last line, so it is
 * reached only by reading down to the end. Then a handwritten signature and, for a party, the one-time code that
 * arrives in their own messages. The signature is bound to the version read: a revision in between is refused.
 */
import { Button, Checkbox, Input, Label, Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useRef, useState } from 'react'
import { useStores } from '../../../stores/root'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'
import { AgreementDocument } from '../../document'
import { NoAgreement, settledFor } from '../../none'
import { SignaturePad, type SignaturePadHandle } from '../../signature-pad'
import { useAgreement } from '../../use'
import '../../agreement.scss'

export default withPageShell(observer(function SignPage() {
  const { ui, session } = useStores()
  const store = useAgreement()
  const t = ui.t
  const { caseId = '' } = useRouter().params
  const pad = useRef<SignaturePadHandle>(null)
  const [read, setRead] = useState(false)
  const [drawn, setDrawn] = useState(false)
  const [code, setCode] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  useDidShow(() => void (session.signedIn && caseId && store.load(caseId)))
  // Opened before the sign-in is known (a fresh start from a link): load once it is, or the page waits for ever.
  useEffect(() => void (session.signedIn && caseId && store.caseId !== caseId && store.load(caseId)), [session.signedIn, caseId, store])
  const gate = useSignInGuard({ next: `/agreement/pages/sign/index?caseId=${caseId}` })
  if (gate) return gate
  const v = settledFor(store, caseId) ? store.view : null
  const party = v?.you === 'applicant' || v?.you === 'respondent'

  const submit = async () => {
    setProblem(null)
    const image = await pad.current?.toDataUrl()
    if (!image) return setProblem(t('agreement.sign.empty'))
    if (party && !/^\d{6}$/.test(code)) return setProblem(t('agreement.sign.codeMissing'))
    if (await store.sign(image, party ? code : undefined)) void Taro.navigateBack().catch(() => undefined)
  }

  return (
    <View className='agreement'>
      <Text role='heading' aria-level={1} className='ag-text'>
        {t('agreement.sign.title')}
      </Text>
      {!v && <NoAgreement store={store} caseId={caseId} />}
      {v && !v.can.sign && v.status === 'draft' && <Text className='card ag-text'>{t('agreement.sign.notYet')}</Text>}
      {v && !v.can.sign && v.status !== 'draft' && <Text className='card ag-text'>{t('agreement.sign.done')}</Text>}
      {v && v.can.sign && (
        <View>
          <Text className='ag-text muted'>{t('agreement.sign.readFirst')}</Text>
          <AgreementDocument view={v} />
          <View className='card'>
            <Label className='ag-row'>
              <Checkbox value='read' checked={read} aria-label={t('agreement.sign.read')} onClick={() => setRead(!read)} />
              <Text className='ag-text'>{t('agreement.sign.read')}</Text>
            </Label>
            {read && (
              <View>
                <Text className='ag-text'>{t('agreement.sign.pad')}</Text>
                <SignaturePad ref={pad} label={t('agreement.sign.pad')} onDraw={() => setDrawn(true)} />
                <Button
                  className='btn-plain ag-button'
                  onClick={() => {
                    pad.current?.clear()
                    setDrawn(false)
                  }}
                >
                  {t('agreement.sign.clear')}
                </Button>
                {party && (
                  <View className='ag-row'>
                    <Button className='btn-plain ag-button' disabled={store.busy || undefined} onClick={() => void store.requestCode()}>
                      {t('agreement.sign.getCode')}
                    </Button>
                    {store.codeExpiresAt && <Text className='ag-text muted'>{t(store.codeBySms ? 'agreement.sign.codeSentSms' : 'agreement.sign.codeSent', { minutes: 10 })}</Text>}
                    <Input className='ag-input' type='number' maxlength={6} placeholder={t('agreement.sign.code')} aria-label={t('agreement.sign.code')} value={code} onInput={(e) => setCode(e.detail.value)} />
                  </View>
                )}
                <Button className='btn-primary ag-button' disabled={store.busy || !drawn || undefined} onClick={() => void submit()}>
                  {t('agreement.sign.submit')}
                </Button>
              </View>
            )}
            {(problem || store.error) && (
              <Text className='error-text' role='alert'>
                {problem ?? store.error?.message}
              </Text>
            )}
          </View>
        </View>
      )}
    </View>
  )
}))

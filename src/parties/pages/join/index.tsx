/**
 * The invitation: the other party of a dispute enters the code the centre gave them, or opens the link (code=…) or the
 * mini-program code (scene i=…) with it filled in, and becomes a party of that case once signed in.
 */
import { useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { useMediation } from '../../store'

/** The code a link or a mini-program code brought: `code=…`, or the scene `i=…` (URL-encoded by WeChat). */
export function codeFrom(params: Record<string, string | undefined>): string {
  if (params.code) return decodeURIComponent(params.code)
  const scene = params.scene ? decodeURIComponent(params.scene) : ''
  return scene.startsWith('i=') ? scene.slice(2) : ''
}

export default withPageShell(observer(function JoinPage() {
  const { ui } = useStores()
  const store = useMediation()
  const t = ui.t
  const params = useRouter().params
  const [code, setCode] = useState(() => codeFrom(params))
  usePageTitle('parties.join.title')
  const next = `/parties/pages/join/index${code ? `?code=${encodeURIComponent(code)}` : ''}`
  const gate = useSignInGuard({ next, skeleton: 'detail' })
  if (gate) return gate

  const submit = async () => {
    const id = await store.join(code)
    if (id) void Taro.redirectTo({ url: `/parties/pages/case/index?id=${id}` })
  }
  const ready = code.trim() !== '' && !store.sending
  return (
    <View className='card'>
      <Text className='section-title' role='heading' aria-level={1} style={{ margin: 0 }}>
        {t('parties.join.title')}
      </Text>
      <Text className='muted' style={{ display: 'block', margin: '16px 0' }}>
        {t('parties.join.intro')}
      </Text>
      <Text style={{ display: 'block' }}>{t('parties.join.code')}</Text>
      <Input className='claim__input' type='text' value={code} maxlength={20} nativeProps={{ 'aria-label': t('parties.join.code'), autoCapitalize: 'characters' }} onInput={(e) => setCode(e.detail.value)} />
      <Text className='muted' style={{ display: 'block', marginTop: '8px' }}>
        {t('parties.join.codeHint')}
      </Text>
      {store.error && (
        <Text className='error-text' role='alert' style={{ display: 'block', marginTop: '16px' }}>
          ✗ {store.error.message}
        </Text>
      )}
      <Button className='btn-primary' style={{ marginTop: '24px' }} disabled={!ready || undefined} aria-disabled={!ready} onClick={() => ready && void submit()}>
        {store.sending ? t('common.loading') : t('parties.join.submit')}
      </Button>
    </View>
  )
}))

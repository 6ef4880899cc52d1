import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { MessageKey } from '../../i18n'
import { useStores } from '../../stores/root'
import { withPageShell } from '../../components/page-shell'
import './index.scss'

const TAB_PAGES = ['/pages/home/index', '/pages/matters/index', '/pages/me/index']

export default withPageShell(observer(function SignInPage() {
  const { session, ui } = useStores()
  const { params } = useRouter()
  useEffect(() => void session.loadDemoAccounts(), [session])

  const signIn = async (account: string) => {
    if (!(await session.signInDemo(account))) return
    const next = params.next ? decodeURIComponent(params.next) : '/pages/home/index'
    if (TAB_PAGES.includes(next)) void Taro.switchTab({ url: next })
    else void Taro.redirectTo({ url: next })
  }

  return (
    <View className='signin'>
      <Text className='page-title' role='heading' aria-level={1}>
        {ui.t('signin.demo.title')}
      </Text>
      <Text className='muted signin__note'>{ui.t('signin.demo.note')}</Text>
      {session.error && <Text className='error-text signin__note'>{session.error}</Text>}
      {session.demoAccounts.map((a) => (
        <Button key={a.account} className='signin__account' aria-label={`${ui.t('signin.as')}: ${a.displayName}`} onClick={() => void signIn(a.account)}>
          <Text className='signin__name'>{a.displayName}</Text>
          <Text className='signin__role'>
            {ui.t(`role.${a.role}` as MessageKey)}
            {a.regionName ? ` · ${a.regionName}` : ''}
          </Text>
        </Button>
      ))}
      {!session.loading && session.demoAccounts.length === 0 && !session.error && <Text className='muted signin__note'>{ui.t('signin.demo.none')}</Text>}
      {/* Someone with a tracking number can follow the case without an account. */}
      <Button className='btn-plain signin__lookup' onClick={() => void Taro.navigateTo({ url: '/petition/pages/lookup/index' })}>
        {ui.t('matters.lookup.entry')}
      </Button>
    </View>
  )
}))

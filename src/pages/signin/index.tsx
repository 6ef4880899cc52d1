import { useEffect, useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { MessageKey } from '../../i18n'
import { useStores } from '../../stores/root'
import { withPageShell } from '../../components/page-shell'
import './index.scss'

const TAB_PAGES = ['/pages/home/index', '/pages/matters/index', '/pages/me/index']

/** wx.login's one-time code (the mini-program only). */
const wechatLoginCode = async (): Promise<string> => (await Taro.login()).code

/** Seconds until `iso`, counted down once a second while it is ahead. */
function useSecondsUntil(iso: string | null | undefined): number {
  const [now, setNow] = useState(() => Date.now())
  const until = iso ? new Date(iso).getTime() : 0
  useEffect(() => {
    if (until <= Date.now()) return undefined
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [until])
  return Math.max(0, Math.ceil((until - now) / 1000))
}

export default withPageShell(observer(function SignInPage() {
  const { session, ui } = useStores()
  const { params } = useRouter()
  const [phone, setPhone] = useState('')
  const [smsCode, setSmsCode] = useState('')
  useEffect(() => {
    void session.loadMethods().then(() => (session.methods?.demo ? session.loadDemoAccounts() : undefined))
  }, [session])
  const resendIn = useSecondsUntil(session.smsSent?.resendAt)
  const methods = session.methods
  const offersWechat = process.env.TARO_ENV === 'weapp' && methods?.wechat === true

  const done = (signedIn: boolean) => {
    if (!signedIn) return
    const next = params.next ? decodeURIComponent(params.next) : '/pages/home/index'
    if (TAB_PAGES.includes(next)) void Taro.switchTab({ url: next })
    else void Taro.redirectTo({ url: next })
  }

  return (
    <View className='signin'>
      <Text className='page-title' role='heading' aria-level={1}>
        {ui.t('signin.title')}
      </Text>
      {session.error && <Text className='error-text signin__note' role='alert'>{session.error}</Text>}
      {offersWechat && (
        <View className='signin__method'>
          <Button className='btn-primary signin__wechat' onClick={async () => done(await session.signInWechat(wechatLoginCode))}>
            {ui.t('signin.wechat.button')}
          </Button>
          <Text className='muted signin__note'>{ui.t('signin.wechat.note')}</Text>
        </View>
      )}
      {methods?.sms && (
        <View className='signin__method signin__phone'>
          <Text className='signin__label'>{ui.t('signin.phone.number')}</Text>
          <Input className='claim__input signin__input' type='number' value={phone} maxlength={16} nativeProps={{ 'aria-label': ui.t('signin.phone.number'), autoComplete: 'tel' }} onInput={(e) => setPhone(e.detail.value)} />
          <Button className='btn-plain signin__send' disabled={resendIn > 0 || phone.trim() === '' || session.loading} onClick={() => void session.requestSmsCode(phone)}>
            {resendIn > 0 ? ui.t('signin.phone.resend', { seconds: resendIn }) : ui.t('signin.phone.send')}
          </Button>
          {session.smsSent && (
            <Text className='muted signin__note' role='status'>
              {session.smsSent.shownCode ? ui.t('signin.phone.shown', { code: session.smsSent.shownCode }) : ui.t('signin.phone.sent')}
            </Text>
          )}
          <Text className='signin__label'>{ui.t('signin.phone.code')}</Text>
          <Input className='claim__input signin__input' type='number' value={smsCode} maxlength={6} nativeProps={{ 'aria-label': ui.t('signin.phone.code'), autoComplete: 'one-time-code' }} onInput={(e) => setSmsCode(e.detail.value)} />
          {/* Never greyed out (a disabled primary button fails contrast): a code that is not 6 digits gets the server's words. */}
          <Button className='btn-primary signin__submit' onClick={async () => !session.loading && done(await session.signInSms(phone, smsCode))}>
            {ui.t('signin.phone.submit')}
          </Button>
        </View>
      )}
      {methods?.demo && (
        <View className='signin__method'>
          <Text className='section-title' role='heading' aria-level={2}>
            {ui.t('signin.demo.title')}
          </Text>
          <Text className='muted signin__note'>{ui.t('signin.demo.note')}</Text>
          {session.demoAccounts.map((a) => (
            <Button key={a.account} className='signin__account' aria-label={`${ui.t('signin.as')}: ${a.displayName}`} onClick={async () => done(await session.signInDemo(a.account))}>
              <Text className='signin__name'>{a.displayName}</Text>
              <Text className='signin__role'>
                {ui.t(`role.${a.role}` as MessageKey)}
                {a.regionName ? ` · ${a.regionName}` : ''}
              </Text>
            </Button>
          ))}
          {!session.loading && session.demoAccounts.length === 0 && !session.error && <Text className='muted signin__note'>{ui.t('signin.demo.none')}</Text>}
        </View>
      )}
      {methods && !offersWechat && !methods.sms && !methods.demo && <Text className='muted signin__note'>{ui.t('signin.none')}</Text>}
      {/* Someone with a tracking number can follow the case without an account. */}
      <Button className='btn-plain signin__lookup' onClick={() => void Taro.navigateTo({ url: '/petition/pages/lookup/index' })}>
        {ui.t('matters.lookup.entry')}
      </Button>
    </View>
  )
}))

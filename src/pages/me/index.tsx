import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { LOCALES } from '@minan/types/locale'
import type { RegionWithPath } from '@minan/types/api'
import type { MessageKey } from '../../i18n'
import { useStores } from '../../stores/root'
import { RegionPicker } from '../../components/region-picker'
import { useSignInGuard, withPageShell } from '../../components/page-shell'
import { staffHome, WORKBENCH_PAGE } from '../../staff/entry'
import './index.scss'

export default withPageShell(observer(function MePage() {
  const { session, ui } = useStores()
  const [picking, setPicking] = useState(false)
  const me = session.me
  const home = staffHome(me)
  const gate = useSignInGuard({ next: '/pages/me/index', skeleton: 'detail' })

  const pick = async (region: RegionWithPath) => {
    if (await session.setHomeRegion(region.code)) setPicking(false)
  }

  return (
    <View className='me'>
      {me ? (
        <View className='card'>
          <Text className='me__name' role='heading' aria-level={1}>
            {me.displayName}
          </Text>
          <Text className='me__label'>{ui.t('me.roles')}</Text>
          {me.roles.map((r) => (
            <Text key={`${r.role}:${r.regionCode ?? ''}`} className='me__role'>
              {ui.t(`role.${r.role}` as MessageKey)}
              {r.regionName ? ` · ${r.regionName}` : ''}
            </Text>
          ))}
          {home && (
            <Button className='btn-primary me__action me__workbench' onClick={() => void Taro.navigateTo({ url: home })}>
              {ui.t('staff.title')}
            </Button>
          )}
          {home && home !== WORKBENCH_PAGE && (
            <Button className='btn-plain me__action me__overview' onClick={() => void Taro.navigateTo({ url: '/staff/pages/workbench/index' })}>
              {ui.t('me.overview')}
            </Button>
          )}
        </View>
      ) : (
        gate
      )}

      {me && (
        <View className='card'>
          <Text className='me__label'>{ui.t('me.village')}</Text>
          <Text className='me__village'>{me.homeRegion ? me.homeRegion.pathNames.join(' ') : ui.t('me.village.none')}</Text>
          {picking ? (
            <View className='me__picker'>
              <RegionPicker onPick={(r) => void pick(r)} />
              <Button className='btn-plain' onClick={() => setPicking(false)}>
                {ui.t('common.cancel')}
              </Button>
            </View>
          ) : (
            <Button className='btn-plain me__action' onClick={() => setPicking(true)}>
              {ui.t('me.village.change')}
            </Button>
          )}
          {session.error && <Text className='error-text'>{session.error}</Text>}
        </View>
      )}

      <View className='card'>
        <Text className='me__label'>{ui.t('me.language')}</Text>
        <View className='me__languages' role='radiogroup' aria-label={ui.t('me.language')}>
          {LOCALES.map((l) => (
            <Button key={l} className={`me__language ${ui.locale === l ? 'me__language--on' : ''}`} role='radio' aria-checked={ui.locale === l} onClick={() => ui.setLocale(l)}>
              {/* One text node: Taro's H5 button appends a text node React inserts later, which put the tick after the words. */}
              {`${ui.locale === l ? '✓ ' : ''}${ui.t(`lang.${l}` as MessageKey)}`}
            </Button>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='me__label'>{ui.t('me.elder')}</Text>
        <Text className='muted'>{ui.t('me.elder.note')}</Text>
        <Button className={`me__language me__elder ${ui.elder ? 'me__language--on' : ''}`} role='switch' aria-checked={ui.elder} aria-label={ui.t('me.elder')} onClick={() => ui.setElder(!ui.elder)}>
          {ui.elder ? `✓ ${ui.t('me.elder.on')}` : ui.t('me.elder.off')}
        </Button>
      </View>

      {me && (
        <View className='card'>
          <Button className='btn-plain me__action me__join' onClick={() => void Taro.navigateTo({ url: '/parties/pages/join/index' })}>
            {ui.t('case.joinMediation')}
          </Button>
        </View>
      )}

      {me && (
        <View className='card'>
          <Text className='me__label'>{ui.t('me.mydata')}</Text>
          <Text className='muted'>{ui.t('me.mydata.note')}</Text>
          <Button className='btn-plain me__action me__mydata' onClick={() => void Taro.navigateTo({ url: '/account/pages/data/index' })}>
            {ui.t('me.mydata')}
          </Button>
        </View>
      )}

      {me && !session.platformIdentity && (
        <Button className='btn-plain me__signout' onClick={() => session.signOut()}>
          {ui.t('me.signout')}
        </Button>
      )}
    </View>
  )
}))

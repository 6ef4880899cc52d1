/**
 * 找我的法律顾问: opens straight on the advisor of the person's village (home village, or the one chosen on this
 * device); otherwise, or to look at another, the nearest villages once the person allows their location (the same
 * privacy step as counselling's nearest station), the region picker or a search by village name. Looking changes
 * nothing: only "设为我的村（社区）", confirmed, makes a village the person's own (their profile, which filings use).
 */
import { useEffect, useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { RegionPicker } from '../../../components/region-picker'
import { useLegal } from '../../use'
import { onsiteText } from '../../format'
import { Alert, Heading } from '../../ui'
import { locate } from '../../../platform/location'
import { withPageShell } from '../../../components/page-shell'

const go = (url: string) => void Taro.navigateTo({ url }).catch(() => undefined)

export default withPageShell(observer(function FindPage() {
  const { ui, session } = useStores()
  const store = useLegal()
  const t = ui.t
  const [picking, setPicking] = useState(false)
  const [confirming, setConfirming] = useState(false)
  useEffect(() => void store.openMine(session.me), [session.me, store])

  // Looking at a village never changes the person's own: only "设为我的村（社区）", confirmed, does.
  const view = async (code: string) => {
    setPicking(false)
    setConfirming(false)
    await store.viewVillage(code)
  }
  const makeMine = async (code: string) => {
    setConfirming(false)
    await store.chooseVillage(code, (c) => (session.signedIn ? session.setHomeRegion(c) : null))
  }
  const findNear = async () => {
    store.setNearState('asking')
    await store.findNear(await locate())
  }
  const nearNotes = { idle: null, asking: 'legal.near.asking', denied: 'legal.near.denied', outside: 'legal.near.outside' } as const
  const nearNote = nearNotes[store.nearState]
  const distanceText = (m: number) => (m >= 1000 ? t('legal.near.km', { km: (m / 1000).toFixed(1) }) : t('legal.near.m', { m: Math.round(m) }))
  const v = store.village
  return (
    <View className='legal'>
      <Heading level={1}>{t('legal.find.title')}</Heading>
      <View className='card'>
        <Text className='lg-text'>{t('legal.find.intro')}</Text>
        {v ? (
          <View className='lg-mine'>
            {store.viewingOther ? (
              <View className='lg-viewing'>
                <Text className='lg-text lg-viewing__name'>{t('legal.find.viewing', { name: v.name })}</Text>
                <Text className='lg-text lg-viewing__note'>{t(store.mineCode ? 'legal.find.notMine' : 'legal.find.noMineYet')}</Text>
              </View>
            ) : (
              <Text className='lg-text'>{t('legal.find.mine', { name: v.name })}</Text>
            )}
            {v.advisor ? (
              <View>
                <Text className='lg-text lg-mine__advisor'>{t('legal.advisor.name', { name: v.advisor.name })}</Text>
                {v.onsite && <Text className='lg-text'>{onsiteText(t, v.onsite)}</Text>}
                <Button className='btn-primary lg-button lg-mine__open' onClick={() => go(`/legal/pages/advisor/index?id=${v.advisor!.id}&village=${v.code}`)}>
                  {t('legal.find.open')}
                </Button>
              </View>
            ) : (
              <Text className='lg-text'>{t('legal.find.noAdvisor')}</Text>
            )}
            {store.viewingOther &&
              (confirming ? (
                <View className='lg-confirm' role='alertdialog' aria-label={t('legal.find.makeMine')}>
                  <Text className='lg-text'>{t('legal.find.confirmMine', { name: v.name })}</Text>
                  <Button className='btn-primary lg-button lg-confirm__yes' onClick={() => void makeMine(v.code)}>
                    {t('legal.find.confirmYes')}
                  </Button>
                  <Button className='btn-plain lg-button lg-confirm__no' onClick={() => setConfirming(false)}>
                    {t('legal.find.confirmNo')}
                  </Button>
                </View>
              ) : (
                <View>
                  <Button className='btn-plain lg-button lg-mine__make' onClick={() => setConfirming(true)}>
                    {t('legal.find.makeMine')}
                  </Button>
                  {store.mineCode && (
                    <Button className='btn-plain lg-button lg-mine__back' onClick={() => void view(store.mineCode!)}>
                      {t('legal.find.backMine')}
                    </Button>
                  )}
                </View>
              ))}
          </View>
        ) : (
          !store.villageLoading && <Text className='lg-text'>{t('legal.find.none')}</Text>
        )}
        {store.villageError && <Alert text={store.villageError.message} />}
      </View>

      <View className='card lg-near'>
        <Text className='lg-label'>{t('legal.near.title')}</Text>
        <Text className='lg-text'>{t('legal.near.why')}</Text>
        {nearNote && <Alert tone={store.nearState === 'asking' ? 'info' : 'error'} text={t(nearNote)} />}
        <Button className='btn-plain lg-button lg-near__find' onClick={() => void findNear()}>
          {t('legal.near.find')}
        </Button>
        {store.near && store.near.length === 0 && <Text className='lg-text'>{t('legal.near.none')}</Text>}
        {store.near && store.near.length > 0 && (
          <View role='list' aria-label={t('legal.near.title')}>
            {store.near.map((r) => (
              <Button key={r.code} className='btn-plain lg-button lg-near__result' role='listitem' onClick={() => void view(r.code)}>
                {`${[...r.path.slice(1), r.name].join(' ')}${r.advisor ? ` · ${t('legal.advisor.name', { name: r.advisor.name })}` : ''}${r.distance !== null ? ` · ${distanceText(r.distance)}` : ''}`}
              </Button>
            ))}
          </View>
        )}
      </View>

      <View className='card'>
        <Text className='lg-label'>{t('legal.find.nameLabel')}</Text>
        <Input
          className='lg-input lg-find__query'
          type='text'
          value={store.query}
          placeholder={t('legal.find.placeholder')}
          aria-label={t('legal.find.nameLabel')}
          nativeProps={{ 'aria-label': t('legal.find.nameLabel') }}
          confirmType='search'
          onInput={(e) => store.setQuery(e.detail.value)}
          onConfirm={() => void store.search()}
        />
        <Button className='btn-plain lg-button lg-find__search' onClick={() => void store.search()}>
          {t('legal.find.search')}
        </Button>
        {store.results && store.results.length === 0 && <Text className='lg-text'>{t('legal.find.noResults')}</Text>}
        {store.results && store.results.length > 0 && (
          <View role='list'>
            {store.results.map((r) => (
              <Button key={r.code} className='btn-plain lg-button lg-find__result' role='listitem' onClick={() => void view(r.code)}>
                {`${[...r.path.slice(1), r.name].join(' ')}${r.advisor ? ` · ${t('legal.advisor.name', { name: r.advisor.name })}` : ''}`}
              </Button>
            ))}
          </View>
        )}
        {picking ? (
          <RegionPicker onPick={(r) => void view(r.code)} />
        ) : (
          <Button className='btn-plain lg-button lg-find__pick' onClick={() => setPicking(true)}>
            {v ? t('legal.find.change') : t('legal.find.pick')}
          </Button>
        )}
      </View>

      {session.signedIn && (
        <Button className='btn-plain lg-button lg-find__mine' onClick={() => go('/legal/pages/mine/index')}>
          {t('legal.menu.mine')}
        </Button>
      )}
    </View>
  )
}))

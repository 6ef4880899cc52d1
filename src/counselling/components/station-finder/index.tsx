/**
 * Finding a station three ways: by region (the home village's township to start with, or one picked with the
 * RegionPicker), by name, or nearest first once the person allows their location.
 */
import { useEffect, useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { RegionPicker } from '../../../components/region-picker'
import { useCounselling, type SearchBy } from '../../store'
import { errorText } from '../../errors'
import { locate } from '../../platform'
import { Alert, Choices, Heading } from '../controls'
import { StationCard } from '../station-card'
import './index.scss'

export const StationFinder = observer(function StationFinder({ priority = false }: { priority?: boolean }) {
  const { ui, session } = useStores()
  const store = useCounselling()
  const t = ui.t
  const [picking, setPicking] = useState(false)
  useEffect(() => void store.showHomeArea(session.me), [session.me, store])

  const findNear = async () => {
    store.setLocationState('asking')
    await store.findNear(await locate())
  }
  const choose = (by: SearchBy) => {
    void store.setSearchBy(by)
    if (by === 'near') void findNear()
  }
  const locationNote = { idle: null, asking: 'counselling.near.asking', denied: 'counselling.near.denied', outside: 'counselling.near.outside' } as const
  const note = locationNote[store.locationState]

  return (
    <View className='station-finder'>
      <Heading level={2}>{t('counselling.find.title')}</Heading>
      <View className='card'>
        <Choices
          name='search-by'
          label={t('counselling.find.by')}
          value={store.searchBy}
          onChange={choose}
          choices={[
            { value: 'region', text: t('counselling.find.byRegion') },
            { value: 'name', text: t('counselling.find.byName') },
            { value: 'near', text: t('counselling.find.near') }
          ]}
        />
        {store.searchBy === 'region' && (
          <View>
            <Text className='cs-text station-finder__area'>{store.area ? t('counselling.find.area', { name: store.area.name }) : t('counselling.find.noArea')}</Text>
            {picking ? (
              <View>
                <RegionPicker pickLevel='township' onPick={(r) => {
                    setPicking(false)
                    void store.chooseArea(r.code, r.name)
                  }} />
                <Button className='btn-plain station-finder__button' onClick={() => setPicking(false)}>
                  {t('common.cancel')}
                </Button>
              </View>
            ) : (
              <Button className='btn-plain station-finder__button' onClick={() => setPicking(true)}>
                {t('counselling.find.pickArea')}
              </Button>
            )}
          </View>
        )}
        {store.searchBy === 'name' && (
          <View className='station-finder__search'>
            <Input
              className='cs-input'
              type='text'
              value={store.query}
              maxlength={30}
              placeholder={t('counselling.find.placeholder')}
              aria-label={t('counselling.find.nameLabel')}
              nativeProps={{ 'aria-label': t('counselling.find.nameLabel') }}
              confirmType='search'
              onInput={(e) => store.setQuery(e.detail.value)}
              onConfirm={() => void store.searchByName()}
            />
            <Button className='btn-primary station-finder__button' onClick={() => void store.searchByName()}>
              {t('counselling.find.search')}
            </Button>
          </View>
        )}
        {store.searchBy === 'near' && (
          <View>
            <Text className='cs-text'>{t('counselling.near.why')}</Text>
            {note && <Alert tone={store.locationState === 'asking' ? 'info' : 'error'} text={t(note)} />}
            <Button className='btn-plain station-finder__button' onClick={() => void findNear()}>
              {t('counselling.near.again')}
            </Button>
          </View>
        )}
      </View>
      {store.stationsError && <Alert text={errorText(store.stationsError, ui.locale)} />}
      {store.stationsLoading && <Text className='muted station-finder__state'>{t('common.loading')}</Text>}
      {store.stationsLoaded && !store.stationsLoading && store.stations.length === 0 && <Text className='cs-text station-finder__state'>{t('counselling.find.none')}</Text>}
      {store.stations.length > 0 && (
        <View role='list' aria-label={t('counselling.find.results')}>
          {store.stations.map((s) => (
            <StationCard key={s.id} station={s} priority={priority} />
          ))}
        </View>
      )}
    </View>
  )
})

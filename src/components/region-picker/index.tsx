import { useEffect, useRef, useState } from 'react'
import { View, Text, Button, Input } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Region, RegionWithPath } from '@minan/types/api'
import { useStores } from '../../stores/root'
import type { MessageKey } from '../../i18n'
import './index.scss'

export interface RegionPickerProps {
  /** Called with the village (or community) the person chose, with its ancestors — or the township, with pickLevel 'township'. */
  onPick: (region: RegionWithPath) => void
  /** The level whose tap picks: 'village' (default), or 'township' to stop there (staff transferring a case). */
  pickLevel?: 'village' | 'township'
}

const PROVINCE = '44'
/** Region data, not interface text: the path always starts at the province, as the server's does. */
const GUANGDONG: Region = { code: PROVINCE, name: '广东省', level: 'province', parentCode: null }
const SEARCH_DELAY_MS = 300

/** Cascading region picker: Guangdong fixed, then city → county → township → village, or search by name. */
export const RegionPicker = observer(function RegionPicker({ onPick, pickLevel = 'village' }: RegionPickerProps) {
  const { regions, ui } = useStores()
  const [trail, setTrail] = useState<Region[]>([])
  const [options, setOptions] = useState<Region[]>([])
  const [query, setQuery] = useState('')
  const [results, setResults] = useState<RegionWithPath[] | null>(null)
  const searchTimer = useRef<ReturnType<typeof setTimeout>>()
  // Only the reply to the latest text may be shown: an older, slower reply is dropped.
  const latestQuery = useRef('')
  const current = trail.length ? trail[trail.length - 1].code : PROVINCE

  useEffect(() => {
    let live = true
    setOptions(regions.cachedChildren(current) ?? [])
    void regions.children(current).then((list) => live && setOptions(list))
    return () => {
      live = false
    }
  }, [current, regions])

  useEffect(() => () => clearTimeout(searchTimer.current), [])

  const choose = (region: Region) => {
    if (region.level === pickLevel) onPick({ ...region, path: [GUANGDONG, ...trail] })
    else setTrail([...trail, region])
  }

  const search = (text: string) => {
    setQuery(text)
    clearTimeout(searchTimer.current)
    const q = text.trim()
    latestQuery.current = q
    if (!q) return setResults(null)
    searchTimer.current = setTimeout(() => void regions.search(q).then((found) => latestQuery.current === q && setResults(found)), SEARCH_DELAY_MS)
  }

  const nextLevel = (['city', 'county', 'township', 'village'] as const)[Math.min(trail.length, 3)]
  const pathText = (r: RegionWithPath) => r.path.filter((p) => p.level !== 'province').map((p) => p.name).join(' ')

  return (
    <View className='region-picker'>
      {/* Search finds villages only (RegionStore.search), so a township picker browses the tree instead. */}
      {pickLevel === 'village' && (
        <Input
          className='region-picker__search'
          type='text'
          value={query}
          placeholder={ui.t('region.search')}
          aria-label={ui.t('region.search.label')}
          confirmType='search'
          onInput={(e) => search(e.detail.value)}
        />
      )}
      {results ? (
        <View className='region-picker__list' role='list'>
          {results.length === 0 && <Text className='muted'>{ui.t('region.search.empty', { q: query.trim() })}</Text>}
          {results.map((r) => (
            <Button key={r.code} className='region-picker__option' role='listitem' onClick={() => onPick(r)}>
              <Text className='region-picker__name'>{r.name}</Text>
              <Text className='region-picker__path'>{pathText(r)}</Text>
            </Button>
          ))}
        </View>
      ) : (
        <View>
          <View className='region-picker__trail' role='navigation' aria-label={ui.t('region.title')}>
            <Button className='region-picker__crumb' onClick={() => setTrail([])}>
              {ui.t('region.province')}
            </Button>
            {trail.map((r, i) => (
              <Button key={r.code} className='region-picker__crumb' onClick={() => setTrail(trail.slice(0, i + 1))}>
                {r.name}
              </Button>
            ))}
          </View>
          <Text className='region-picker__heading'>
            {ui.t('region.choose')} {ui.t(`region.level.${nextLevel}` as MessageKey)}
          </Text>
          {regions.loadingCode === current && options.length === 0 && <Text className='muted'>{ui.t('common.loading')}</Text>}
          {regions.error && <Text className='error-text'>{regions.error}</Text>}
          <View className='region-picker__list' role='list'>
            {options.map((r) => (
              <Button key={r.code} className='region-picker__option' role='listitem' onClick={() => choose(r)}>
                <Text className='region-picker__name'>{r.name}</Text>
              </Button>
            ))}
          </View>
        </View>
      )}
    </View>
  )
})

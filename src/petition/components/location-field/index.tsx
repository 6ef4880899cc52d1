/**
 * The optional map point of a filing: "mark the place on a map" (weapp) or "use my current location" (browser), the
 * point said in words, a way to look at it, and a clear way to take it off. It lives in the draft, so it survives a
 * restart with the rest of the form.
 */
import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { openPoint } from '../../../components/map-point'
import { choosePoint, marksOnMap } from '../../location'
import { Field } from '../form-parts'
import { Icon, iconLocationBrand } from '../../../components/icon'
import './index.scss'

export const LocationField = observer(function LocationField() {
  const { filing, ui } = useStores()
  const [busy, setBusy] = useState(false)
  const t = ui.t
  const point = filing.draft?.location ?? null
  const error = filing.fieldErrors.location

  const choose = async () => {
    if (busy) return
    setBusy(true)
    const result = await choosePoint()
    setBusy(false)
    if ('point' in result) await filing.setPoint(result.point)
    else if ('outside' in result) filing.refusePoint('petition.location.outside')
    else if ('failed' in result) filing.refusePoint('petition.location.failed')
  }

  // The point in words a resident reads: the place's name and address, or what it is near; never coordinates.
  const words = point ? (point.name ? [point.name, point.address].filter(Boolean).join(' · ') : point.near ? t('petition.location.near', { place: point.near }) : t('petition.location.marked')) : null
  const suggestion = filing.suggestion
  return (
    <Field name='location' label={t('petition.location.title')} error={error}>
      {point ? (
        <View className='location'>
          <View className='location__point' role='status'>
            <Icon src={iconLocationBrand} />
            <Text>{words}</Text>
          </View>
          {suggestion && (
            <View className='location__suggest'>
              <Text className='field__hint'>{t('petition.location.suggest', { place: suggestion.names.slice(-2).join(' ') })}</Text>
              <Button className='btn-plain location__use' onClick={() => filing.acceptSuggestion()}>
                {t('petition.location.useSuggest')}
              </Button>
            </View>
          )}
          <View className='location__actions'>
            <Button className='btn-plain location__open' onClick={() => openPoint(point, words!)}>
              {t('petition.location.open')}
            </Button>
            <Button className='btn-plain location__remove' onClick={() => (filing.update({ location: null }), filing.dismissSuggestion())}>
              ✕ {t('petition.location.remove')}
            </Button>
          </View>
        </View>
      ) : (
        <View className='location'>
          <Text className='field__hint'>{t('petition.location.none')}</Text>
          <Button className='btn-plain location__choose' disabled={busy || undefined} aria-disabled={busy} onClick={() => void choose()}>
            {!busy && <Icon src={iconLocationBrand} />}
            <Text>{busy ? t('petition.location.locating') : t(marksOnMap() ? 'petition.location.mark' : 'petition.location.useMine')}</Text>
          </Button>
        </View>
      )}
    </Field>
  )
})

/** The queue's filters: status, type and (for centre staff) an area inside the jurisdiction. */
import '../../texts'
import { View, Text, Picker } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { PETITION_KINDS, type PetitionKind } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { STATUS_FILTERS, useStaffStore, type StatusFilter } from '../../store'
import { kindKey, statusKey } from '../../../case/labels'
import './index.scss'

interface SelectProps<T> {
  name: string
  label: string
  options: { value: T; text: string }[]
  value: T
  onChange: (value: T) => void
}

function Select<T>({ name, label, options, value, onChange }: SelectProps<T>) {
  const index = Math.max(0, options.findIndex((o) => o.value === value))
  return (
    <Picker mode='selector' range={options.map((o) => o.text)} value={index} onChange={(e) => onChange(options[Number(e.detail.value)].value)}>
      <View className={`queue-filter queue-filter--${name}`} role='button' aria-label={`${label}：${options[index]?.text ?? ''}`}>
        <Text className='queue-filter__label'>{label}</Text>
        <Text className='queue-filter__value'>{options[index]?.text} ▾</Text>
      </View>
    </Picker>
  )
}

export const QueueFilters = observer(function QueueFilters({ areaLevel }: { areaLevel: boolean }) {
  const { ui } = useStores()
  const store = useStaffStore()
  const { filter } = store
  const statuses = STATUS_FILTERS.map((s) => ({ value: s, text: s === 'open' ? ui.t('staff.filter.open') : ui.t(statusKey(s)) }))
  const kinds = [{ value: null as PetitionKind | null, text: ui.t('staff.filter.allKinds') }, ...PETITION_KINDS.map((k) => ({ value: k as PetitionKind | null, text: ui.t(kindKey(k)) }))]
  const areas = [{ value: null as string | null, text: ui.t('staff.filter.allRegions') }, ...store.areas.map((a) => ({ value: a.code as string | null, text: a.name }))]
  return (
    <View className='queue-filters'>
      <Select<StatusFilter> name='status' label={ui.t('staff.filter.status')} options={statuses} value={filter.status} onChange={(status) => void store.setFilter({ status })} />
      <Select name='kind' label={ui.t('staff.filter.kind')} options={kinds} value={filter.kind} onChange={(kind) => void store.setFilter({ kind })} />
      {areaLevel && store.areas.length > 0 && (
        <Select name='region' label={ui.t('staff.filter.region')} options={areas} value={filter.regionCode} onChange={(regionCode) => void store.setFilter({ regionCode })} />
      )}
    </View>
  )
})

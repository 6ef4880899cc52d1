/** Small building blocks of the petition forms: a labelled field with its error, a choice of one, an on/off switch. */
import type { PropsWithChildren } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import type { Notice } from '../../stores/draft'
import { noticeText } from '../../labels'
import './index.scss'

export interface FieldProps {
  label: string
  error?: Notice
  hint?: string
  /** Names the field for tests and styling. */
  name: string
}

/** A label, the control, a hint (e.g. the character count) and the error that belongs to this field. */
export const Field = observer(function Field({ label, error, hint, name, children }: PropsWithChildren<FieldProps>) {
  const { ui } = useStores()
  return (
    <View className={`field field--${name} ${error ? 'field--invalid' : ''}`}>
      <Text className='field__label'>{label}</Text>
      {children}
      {hint && <Text className='field__hint'>{hint}</Text>}
      {error && (
        <Text className='field__error' role='alert'>
          ✗ {noticeText(ui.t, error)}
        </Text>
      )}
    </View>
  )
})

export interface Choice<V extends string> {
  value: V
  text: string
}

/** One of several, as large buttons; the chosen one carries a tick, not just a colour. */
export function ChoiceGroup<V extends string>({ label, choices, value, onChange, name }: { label: string; choices: Choice<V>[]; value: V | null; onChange: (v: V) => void; name: string }) {
  return (
    <View className={`choices choices--${name}`} role='radiogroup' aria-label={label}>
      {choices.map((c) => (
        <Button key={c.value} className={`choices__item ${value === c.value ? 'choices__item--on' : ''}`} role='radio' aria-checked={value === c.value} onClick={() => onChange(c.value)}>
          {/* One text node: Taro's H5 button appends a text node React inserts later, which put the tick after the words. */}
          {`${value === c.value ? '✓ ' : ''}${c.text}`}
        </Button>
      ))}
    </View>
  )
}

/** An on/off control that says its state in words and with a box, for a consent (checkbox) or a setting (switch). */
export const Toggle = observer(function Toggle({ label, on, onChange, role = 'switch', name }: { label: string; on: boolean; onChange: (on: boolean) => void; role?: 'switch' | 'checkbox'; name: string }) {
  const { ui } = useStores()
  return (
    <Button className={`toggle toggle--${name} ${on ? 'toggle--on' : ''}`} role={role} aria-checked={on} aria-label={label} onClick={() => onChange(!on)}>
      <Text className='toggle__box'>{on ? '▣' : '☐'}</Text>
      <Text className='toggle__label'>{label}</Text>
      {role === 'switch' && <Text className='toggle__state'>{ui.t(on ? 'petition.switch.on' : 'petition.switch.off')}</Text>}
    </Button>
  )
})

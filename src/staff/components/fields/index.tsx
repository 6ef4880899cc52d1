/** Form building blocks of the workbench: a labelled field with its error, text boxes, and choice buttons. */
import type { ReactNode } from 'react'
import { View, Text, Input, Textarea, Button } from '@tarojs/components'
import './index.scss'

export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string | null; children: ReactNode }) {
  return (
    <View className='staff-field'>
      <Text className='staff-field__label'>{label}</Text>
      {hint && <Text className='staff-field__hint'>{hint}</Text>}
      {children}
      {error && (
        <Text className='error-text staff-field__error' role='alert'>
          {error}
        </Text>
      )}
    </View>
  )
}

interface TextProps {
  label: string
  value: string
  onChange: (value: string) => void
  maxLength: number
  invalid?: boolean
  name: string
}

export function TextBox({ label, value, onChange, maxLength, invalid, name, type = 'text' }: TextProps & { type?: 'text' | 'number' }) {
  return (
    <Input
      className={`staff-input staff-input--${name}`}
      type={type}
      value={value}
      maxlength={maxLength}
      aria-label={label}
      aria-invalid={invalid || undefined}
      // On H5 the host element carries aria-label; the inner <input> needs its own.
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

export function TextArea({ label, value, onChange, maxLength, invalid, name }: TextProps) {
  return (
    <Textarea
      className={`staff-textarea staff-textarea--${name}`}
      value={value}
      maxlength={maxLength}
      autoHeight
      aria-label={label}
      aria-invalid={invalid || undefined}
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

/** One of a few choices, as big buttons that say which is chosen in text as well as in colour. */
export function Choices<T extends string>({ label, options, value, onChange }: { label: string; options: { value: T; text: string }[]; value: T | null; onChange: (v: T) => void }) {
  return (
    <View className='staff-choices' role='radiogroup' aria-label={label}>
      {options.map((o) => (
        <Button
          key={o.value}
          className={`staff-choice staff-choice--${o.value} ${value === o.value ? 'staff-choice--on' : ''}`}
          role='radio'
          aria-checked={value === o.value}
          onClick={() => onChange(o.value)}
        >
          {value === o.value ? '◉ ' : '○ '}
          {o.text}
        </Button>
      ))}
    </View>
  )
}

/** A yes/no box: a button with the checkbox role, so it is as easy to hit as any other button. */
export function CheckBox({ label, checked, onChange, name }: { label: string; checked: boolean; onChange: (checked: boolean) => void; name: string }) {
  return (
    <Button className={`staff-check staff-check--${name} ${checked ? 'staff-check--on' : ''}`} role='checkbox' aria-checked={checked} onClick={() => onChange(!checked)}>
      {checked ? '▣ ' : '☐ '}
      {label}
    </Button>
  )
}

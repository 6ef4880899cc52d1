/** Text boxes of the counsellor's workbench, labelled for screen readers on H5 too (the inner element gets the label). */
import { Input, Textarea } from '@tarojs/components'

interface Props {
  label: string
  value: string
  onChange: (value: string) => void
  maxLength: number
  name: string
}

export function TextBox({ label, value, onChange, maxLength, name }: Props) {
  return (
    <Input
      className={`staff-input staff-input--${name}`}
      type='text'
      value={value}
      maxlength={maxLength}
      aria-label={label}
      // On H5 the host carries aria-label, the inner <input> needs its own.
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

export function TextArea({ label, value, onChange, maxLength, name }: Props) {
  return (
    <Textarea
      className={`staff-textarea staff-textarea--${name}`}
      value={value}
      maxlength={maxLength}
      autoHeight
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      onInput={(e) => onChange(e.detail.value)}
    />
  )
}

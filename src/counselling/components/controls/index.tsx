/** Building blocks of the counselling screens: headings, a choice of one, a consent box — large, and in words. */
import type { PropsWithChildren } from 'react'
import { View, Text, Button } from '@tarojs/components'
import './index.scss'

export function Heading({ level, children, className = '' }: PropsWithChildren<{ level: 1 | 2 | 3; className?: string }>) {
  return (
    <Text className={`cs-heading cs-heading--${level}${level === 1 ? ' page-title' : ''} ${className}`} role='heading' aria-level={level}>
      {children}
    </Text>
  )
}

export interface Choice<V extends string> {
  value: V
  text: string
}

/** One of several as big buttons; the chosen one carries a mark, not only a colour. */
export function Choices<V extends string>({ label, choices, value, onChange, name, stacked = false }: { label: string; choices: Choice<V>[]; value: V | null; onChange: (v: V) => void; name: string; stacked?: boolean }) {
  return (
    <View className={`cs-choices cs-choices--${name}${stacked ? ' cs-choices--stacked' : ''}`} role='radiogroup' aria-label={label}>
      {choices.map((c) => (
        <Button key={c.value} className={`cs-choice cs-choice--${c.value} ${value === c.value ? 'cs-choice--on' : ''}`} role='radio' aria-checked={value === c.value} onClick={() => onChange(c.value)}>
          {/* One text node: Taro's H5 button appends a text node React inserts later, which would put the mark last. */}
          {`${value === c.value ? '◉ ' : '○ '}${c.text}`}
        </Button>
      ))}
    </View>
  )
}

/** A consent or a yes/no: a button with the checkbox role, as easy to hit as any other button. */
export function CheckBox({ label, checked, onChange, name }: { label: string; checked: boolean; onChange: (checked: boolean) => void; name: string }) {
  return (
    <Button className={`cs-check cs-check--${name} ${checked ? 'cs-check--on' : ''}`} role='checkbox' aria-checked={checked} aria-label={label} onClick={() => onChange(!checked)}>
      <Text className='cs-check__box'>{checked ? '▣' : '☐'}</Text>
      <Text className='cs-check__label'>{label}</Text>
    </Button>
  )
}

/** A message the person must notice: an error or a change they did not ask for. */
export function Alert({ text, tone = 'error' }: { text: string; tone?: 'error' | 'info' }) {
  return (
    <Text className={`cs-alert cs-alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {`${tone === 'error' ? '✗ ' : ''}${text}`}
    </Text>
  )
}

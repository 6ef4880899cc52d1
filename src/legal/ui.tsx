/** Building blocks of the legal screens: headings, a choice of one, a checkbox and alerts — large, and in words. */
import type { PropsWithChildren } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { errorMessage } from '@minan/types/api'
import type { Locale } from '@minan/types/locale'
import type { Notice } from './store'
import type { T } from './format'
import './legal.scss'

export function Heading({ level, children }: PropsWithChildren<{ level: 1 | 2 }>) {
  return (
    <Text className={`lg-heading lg-heading--${level}${level === 1 ? ' page-title' : ''}`} role='heading' aria-level={level}>
      {children}
    </Text>
  )
}

/** One of several as big buttons; the chosen one carries a mark, not only a colour. */
export function Choices<V extends string>({ label, choices, value, onChange, name }: { label: string; choices: { value: V; text: string }[]; value: V | null; onChange: (v: V) => void; name: string }) {
  return (
    <View className={`lg-choices lg-choices--${name}`} role='radiogroup' aria-label={label}>
      {choices.map((c) => (
        <Button key={c.value} className={`lg-choice lg-choice--${c.value} ${value === c.value ? 'lg-choice--on' : ''}`} role='radio' aria-checked={value === c.value} onClick={() => onChange(c.value)}>
          {`${value === c.value ? '◉ ' : '○ '}${c.text}`}
        </Button>
      ))}
    </View>
  )
}

export function CheckBox({ label, checked, onChange, name }: { label: string; checked: boolean; onChange: (checked: boolean) => void; name: string }) {
  return (
    <Button className={`lg-check lg-check--${name}`} role='checkbox' aria-checked={checked} aria-label={label} onClick={() => onChange(!checked)}>
      {`${checked ? '▣' : '☐'} ${label}`}
    </Button>
  )
}

export function Alert({ text, tone = 'error' }: { text: string; tone?: 'error' | 'info' }) {
  return (
    <Text className={`lg-alert lg-alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {`${tone === 'error' ? '✗ ' : ''}${text}`}
    </Text>
  )
}

/** A notice in words: our own text, or the server's (a network failure gets ours). */
export function NoticeAlert({ notice, t, locale }: { notice: Notice | null; t: T; locale: Locale }) {
  if (!notice) return null
  const text = 'key' in notice ? t(notice.key) : notice.error.code === 'NETWORK' ? errorMessage('NETWORK', locale) : notice.error.message
  return <Alert text={text} />
}

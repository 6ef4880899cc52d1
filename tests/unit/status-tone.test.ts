/**
 * One tone per status, five tones in all, each its own colour and readable: the status chip's specification.
 */
import fs from 'node:fs'
import path from 'node:path'
import { CASE_STATUSES } from '../../types/functions/petition'
import { CONSULTATION_STATUSES } from '../../types/functions/legal'
import { matterTone, toneOf, TONES } from '../../src/components/status-chip/tone'

const tokens = Object.fromEntries(
  [...fs.readFileSync(path.resolve('src/styles/_tokens.scss'), 'utf8').matchAll(/^\$([\w-]+):\s*(#[0-9a-f]{6});/gim)].map((m) => [m[1], m[2].toLowerCase()])
)

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, b2] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b2
  }
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x)
  return (hi + 0.05) / (lo + 0.05)
}

describe('status tones', () => {
  test('a case reads as waiting, in progress, done or closed by its status', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((s) => [s, toneOf('case', s)]))).toEqual({
      submitted: 'waiting',
      accepted: 'progress',
      assigned: 'progress',
      closed: 'done',
      declined: 'closed',
      withdrawn: 'closed'
    })
    expect(toneOf('caseFlag', 'overdue')).toBe('overdue')
    expect(toneOf('caseFlag', 'due_soon')).toBe('waiting')
  })

  test('consultations, bookings and the staff queue’s 新 use the same five tones', () => {
    expect(CONSULTATION_STATUSES.map((s) => toneOf('consultation', s))).toEqual(['waiting', 'done', 'closed', 'progress'])
    expect(toneOf('consultation', 'overdue')).toBe('overdue')
    expect((['booked', 'upcoming', 'attended', 'cancelled', 'no_show'] as const).map((s) => toneOf('booking', s))).toEqual(['waiting', 'waiting', 'done', 'closed', 'overdue'])
    expect(toneOf('staffMark', 'new')).toBe('waiting')
  })

  test('each tone has its own colour, and its words read at 4.5 : 1 or better on its tint and on white', () => {
    const texts = TONES.map((tone) => tokens[`tone-${tone}-text`])
    const tints = TONES.map((tone) => tokens[`tone-${tone}-bg`])
    expect(texts.every(Boolean) && tints.every(Boolean)).toBe(true)
    expect(new Set(texts).size).toBe(5)
    expect(new Set(tints).size).toBe(5)
    for (const [i, tone] of TONES.entries()) {
      expect([tone, contrast(texts[i], tints[i]) >= 4.5]).toEqual([tone, true])
      expect([tone, contrast(texts[i], '#ffffff') >= 4.5]).toEqual([tone, true])
    }
  })

  test('body, secondary text and the primary button read at 4.5 : 1 or better', () => {
    expect(contrast(tokens.text, tokens['page-bg'])).toBeGreaterThanOrEqual(4.5)
    expect(contrast(tokens['text-secondary'], tokens['card-bg'])).toBeGreaterThanOrEqual(4.5)
    expect(contrast(tokens['text-secondary'], tokens['page-bg'])).toBeGreaterThanOrEqual(4.5)
    expect(contrast(tokens['text-hint'], tokens['card-bg'])).toBeGreaterThanOrEqual(4.5)
    expect(contrast(tokens['on-brand'], tokens.brand)).toBeGreaterThanOrEqual(4.5)
  })
})

test('a row of 我的事项 takes the tone of its source’s status', () => {
  expect(matterTone('case', 'closed')).toBe('done')
  expect(matterTone('legal_question', 'waiting')).toBe('waiting')
  expect(matterTone('counselling', 'cancelled')).toBe('closed')
  expect(matterTone('legal_onsite', 'no_show')).toBe('overdue')
})

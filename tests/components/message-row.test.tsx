/**
 * A message in 消息 is a list row (title, one meta line, 未读 chip, chevron); an agreement's signing code is not
 * hidden at the end of the meta line, where a narrow phone cuts it off: it stands on a line of its own.
 */
import { render, screen } from '@testing-library/react'
import type { Message } from '@minan/types/functions/messages'
import { MessageRow } from '../../src/messages/components/message-row'
import { RootStore, StoreContext } from '../../src/stores/root'
import { memoryStorage } from '../../src/stores/storage'
import { FakeTransport } from '../support/fake-transport'

const message = (over: Partial<Message>): Message => ({
  id: 'm1',
  kind: 'case.accept',
  caseId: 'c1',
  trackingNo: '4413-20261208-MQCYHB',
  title: '邻居装修噪音扰民',
  createdAt: '2026-12-08T02:00:00.000Z',
  read: false,
  ...over
})

function show(m: Message) {
  const root = new RootStore({ transport: new FakeTransport(), storage: memoryStorage(), systemLanguage: 'zh-CN' })
  render(
    <StoreContext.Provider value={root}>
      <MessageRow message={m} onOpen={() => undefined} />
    </StoreContext.Provider>
  )
  return screen.findByRole('listitem')
}

test('a signing code stands on a line of its own, out of the meta line', async () => {
  const row = await show(message({ kind: 'agreement.code', title: '483920' }))
  expect(row.querySelector('.message-row__code')?.textContent).toBe('483920')
  expect(row.querySelector('.cell__meta')?.textContent).not.toContain('483920')
  expect(row.querySelector('.cell__title')?.textContent).toContain('确认码')
})

test('any other message keeps its matter in the meta line and has no code line', async () => {
  const row = await show(message({}))
  expect(row.querySelector('.message-row__code')).toBeNull()
  expect(row.querySelector('.cell__meta')?.textContent).toContain('邻居装修噪音扰民')
  expect(row.querySelector('.cell__meta')?.textContent).toContain('4413-20261208-MQCYHB')
})

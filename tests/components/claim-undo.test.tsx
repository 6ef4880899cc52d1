/** Undoing a wrong claim on the staff case page: the form needs a reason; the new code is shown once. Real Taro H5 components in jsdom. */
import { fireEvent, render, screen } from '@testing-library/react'
import { ClaimUndo, type ClaimUndoProps } from '../../src/staff/components/claim-undo'

const TEXTS: Record<string, string> = { 'staff.claim.undo': '撤销认领', 'staff.claim.undoReason': '撤销原因', 'staff.claim.newCode': '新的认领码：{code}' }
const t: ClaimUndoProps['t'] = (key, params) => TEXTS[key].replace('{code}', params?.code ?? '')

test('nothing to show when the claim cannot be undone and no code was issued', () => {
  const { container } = render(<ClaimUndo canUndo={false} sending={false} error={null} newCode={null} t={t} onUndo={() => undefined} />)
  expect(container.textContent).toBe('')
})

test('the reason goes to onUndo; an error is announced; the new code is shown', async () => {
  const onUndo = jest.fn()
  const { rerender } = render(<ClaimUndo canUndo sending={false} error={null} newCode={null} t={t} onUndo={onUndo} />)
  fireEvent.input(await screen.findByRole('textbox', { name: '撤销原因' }), { target: { value: '认领人不是本人' } })
  fireEvent.click(await screen.findByText('撤销认领'))
  expect(onUndo).toHaveBeenCalledWith('认领人不是本人')

  rerender(<ClaimUndo canUndo sending={false} error='有人刚刚修改了这件事项。' newCode={null} t={t} onUndo={onUndo} />)
  expect((await screen.findByRole('alert')).textContent).toContain('有人刚刚修改了这件事项。')

  rerender(<ClaimUndo canUndo={false} sending={false} error={null} newCode='ABCD-EFGH' t={t} onUndo={onUndo} />)
  expect((await screen.findByRole('status')).textContent).toBe('新的认领码：ABCD-EFGH')
  expect(screen.queryByText('撤销认领')).toBeNull()
})

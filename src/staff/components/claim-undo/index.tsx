/**
 * Undoing a wrong claim of a case filed on someone's behalf (centre staff): a reason, then the case waits for its
 * resident again; the new claim code the answer carries is shown once, to hand to the resident or the grid worker.
 */
import '../../texts'
import { useState } from 'react'
import { View, Text, Button, Textarea } from '@tarojs/components'

export interface ClaimUndoProps {
  /** The server's `can` allows undoing the claim now. */
  canUndo: boolean
  sending: boolean
  error: string | null
  /** The code issued by the undo, formatted XXXX-XXXX. */
  newCode: string | null
  t: (key: 'staff.claim.undo' | 'staff.claim.undoReason' | 'staff.claim.newCode', params?: Record<string, string>) => string
  onUndo(reason: string): void
}

export function ClaimUndo({ canUndo, sending, error, newCode, t, onUndo }: ClaimUndoProps) {
  const [reason, setReason] = useState('')
  if (!canUndo && !newCode) return null
  return (
    <View className='card claim-undo'>
      {newCode && (
        <Text className='claim-undo__code' role='status' style={{ display: 'block', fontWeight: 'bold' }}>
          {t('staff.claim.newCode', { code: newCode })}
        </Text>
      )}
      {canUndo && (
        <View>
          <Text style={{ display: 'block' }}>{t('staff.claim.undoReason')}</Text>
          <Textarea className='claim-undo__reason' value={reason} maxlength={500} nativeProps={{ 'aria-label': t('staff.claim.undoReason') }} onInput={(e) => setReason(e.detail.value)} />
          {error && (
            <Text className='error-text' role='alert' style={{ display: 'block' }}>
              ✗ {error}
            </Text>
          )}
          <Button className='btn-plain' style={{ marginTop: '16px' }} disabled={sending || !reason.trim() || undefined} onClick={() => reason.trim() && onUndo(reason)}>
            {t('staff.claim.undo')}
          </Button>
        </View>
      )}
    </View>
  )
}
ClaimUndo.displayName = 'ClaimUndo'

/**
 * A half-screen sheet (WeUI's half-screen dialog) over a dimmed page: a title, its content, and a close button. Used
 * to confirm a booking; the content brings its own primary and secondary buttons.
 */
import type { PropsWithChildren } from 'react'
import { View, Text, Button } from '@tarojs/components'
import './index.scss'

export interface BottomSheetProps {
  title: string
  closeLabel: string
  onClose: () => void
}

export function BottomSheet({ title, closeLabel, onClose, children }: PropsWithChildren<BottomSheetProps>) {
  return (
    <View className='bottom-sheet'>
      <View className='bottom-sheet__mask' onClick={onClose} />
      <View className='bottom-sheet__panel' role='dialog' aria-modal='true' aria-label={title}>
        <View className='bottom-sheet__head'>
          <Text className='bottom-sheet__title' role='heading' aria-level={2}>
            {title}
          </Text>
          <Button className='bottom-sheet__close' aria-label={closeLabel} onClick={onClose}>
            ✕
          </Button>
        </View>
        <View className='bottom-sheet__body'>{children}</View>
      </View>
    </View>
  )
}

import { View, Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import './index.scss'

export interface SkeletonProps {
  /** `list`: a few cards of rows, like a list of cases; `detail`: a title and paragraphs, like one case. */
  variant?: 'list' | 'detail'
  /** How many cards (list) or paragraphs (detail). */
  rows?: number
}

/**
 * The shape of the page to come, shown while its data loads, so a slow network never shows a blank page.
 * Screen readers hear "loading" once (a status), not a row of empty boxes.
 */
export const Skeleton = observer(function Skeleton({ variant = 'list', rows = 3 }: SkeletonProps) {
  const { ui } = useStores()
  const lines = Array.from({ length: rows }, (_, i) => i)
  return (
    <View className={`skeleton skeleton--${variant}`} role='status' aria-busy='true'>
      <Text className='skeleton__label'>{ui.t('common.loading')}</Text>
      {variant === 'detail' && <View className='skeleton__bar skeleton__bar--title' aria-hidden='true' />}
      {lines.map((i) => (
        <View key={i} className='skeleton__card' aria-hidden='true'>
          <View className='skeleton__bar skeleton__bar--short' />
          <View className='skeleton__bar' />
          <View className='skeleton__bar skeleton__bar--long' />
        </View>
      ))}
    </View>
  )
})

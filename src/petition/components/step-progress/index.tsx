/** Where the person is in a stepper: every step named, the done ones ticked, the current one marked (not by colour alone). */
import { View, Text } from '@tarojs/components'
import './index.scss'

export interface StepProgressProps {
  steps: string[]
  current: number
  /** Said to screen readers and shown above the bar: "第 2 步，共 5 步：事情". */
  label: string
}

export function StepProgress({ steps, current, label }: StepProgressProps) {
  return (
    <View className='step-progress' role='group' aria-label={label}>
      <Text className='step-progress__label' aria-live='polite'>
        {label}
      </Text>
      <View className='step-progress__bar' aria-hidden='true'>
        {steps.map((name, i) => (
          <View key={name} className={`step-progress__step ${i < current ? 'step-progress__step--done' : ''} ${i === current ? 'step-progress__step--current' : ''}`}>
            <Text className='step-progress__dot'>{i < current ? '✓' : String(i + 1)}</Text>
            <Text className='step-progress__name'>{name}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

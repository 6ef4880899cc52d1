/** The agreement's text, section by section: the very words the PDF prints (the server sends both). */
import { Text, View } from '@tarojs/components'
import type { AgreementView } from '@minan/types/functions/agreement'

export function AgreementDocument({ view }: { view: AgreementView }) {
  return (
    <View className='ag-doc'>
      <Text className='ag-doc__title' role='heading' aria-level={2}>
        {view.title}
      </Text>
      <Text className='ag-doc__sub'>{view.committee}</Text>
      {view.sections.map((s) => (
        <View key={s.heading} className='ag-doc__section'>
          <Text className='ag-doc__heading' role='heading' aria-level={3}>
            {s.heading}
          </Text>
          <Text className='ag-doc__body'>{s.body}</Text>
        </View>
      ))}
    </View>
  )
}

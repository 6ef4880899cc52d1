/**
 * What the agreement pages show before there is anything to show: the shape of the page while it loads, the reason
 * when it cannot load, and — when the case has no agreement yet (or only the mediator's unfinished draft) — that there
 * is none and what happens next, never a bare title.
 */
import { Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { Skeleton } from '../components/skeleton'
import { useStores } from '../stores/root'
import type { AgreementStore } from './store'

/** Whether the store holds the answer for this case (a page opened on another case first shows its skeleton). */
export const settledFor = (store: AgreementStore, caseId: string): boolean => store.caseId === caseId && store.loaded

export const NoAgreement = observer(function NoAgreement({ store, caseId }: { store: AgreementStore; caseId: string }) {
  const { ui } = useStores()
  if (!settledFor(store, caseId)) return <Skeleton variant='detail' />
  if (store.error)
    return (
      <Text className='error-text' role='alert'>
        {store.error.message}
      </Text>
    )
  return (
    <View className='card'>
      <Text className='ag-text'>{ui.t('agreement.none')}</Text>
      <Text className='ag-text muted'>{ui.t('agreement.none.next')}</Text>
    </View>
  )
})

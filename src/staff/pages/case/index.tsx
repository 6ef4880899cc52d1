/** One case on the workbench: what staff may see of it, the moves they may make, and its history. */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { SignInPrompt } from '../../../components/sign-in-prompt'
import { useStaffStore } from '../../store'
import { errorText } from '../../format'
import { CaseInfo } from '../../components/case-info'
import { CaseActions } from '../../components/case-actions'
import { CaseTimeline } from '../../../components/timeline'
import { ClaimUndo } from '../../components/claim-undo'
import { withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'

export default withPageShell(observer(function CasePage() {
  const { ui, session } = useStores()
  const store = useStaffStore()
  const id = useRouter().params.id ?? ''
  const title = ui.t('staff.case.title')

  useEffect(() => void (id && store.openCase(id)), [id, store])
  useEffect(() => void Taro.setNavigationBarTitle({ title }), [title])

  if (!session.canSignIn) return <SignInPrompt next={`/staff/pages/case/index?id=${encodeURIComponent(id)}`} />
  const item = store.current?.id === id ? store.current : null
  return (
    <View className='staff-case'>
      {store.caseError && (
        <View className='card'>
          <Text className='error-text' role='alert'>
            {errorText(store.caseError, ui.locale)}
          </Text>
          <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => void store.openCase(id)}>
            {ui.t('common.retry')}
          </Button>
        </View>
      )}
      {!item && store.caseLoading && <Skeleton variant='detail' />}
      {item && (
        <View>
          <CaseInfo item={item} />
          <CaseActions />
          <ClaimUndo
            canUndo={item.can.includes('undoClaim')}
            sending={store.unclaim.sending}
            error={store.unclaim.error && errorText(store.unclaim.error, ui.locale)}
            newCode={store.newClaimCode}
            t={ui.t}
            onUndo={(reason) => void store.undoClaim(reason)}
          />
          <CaseTimeline events={item.events} />
        </View>
      )}
    </View>
  )
}))

/** One case on the workbench: what staff may see of it, the moves they may make, and its history. */
import '../../texts'
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { useStaffStore } from '../../store'
import { errorText } from '../../format'
import { CaseInfo } from '../../components/case-info'
import { CaseActions } from '../../components/case-actions'
import { CaseTimeline } from '../../../components/timeline'
import { ClaimUndo } from '../../components/claim-undo'
import { MediationPanel } from '../../components/mediation-panel'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'

export default withPageShell(observer(function CasePage() {
  const { ui } = useStores()
  const store = useStaffStore()
  const id = useRouter().params.id ?? ''

  useEffect(() => void (id && store.openCase(id)), [id, store])
  usePageTitle('staff.case.title')
  const gate = useSignInGuard({ next: `/staff/pages/case/index?id=${encodeURIComponent(id)}`, needsProfile: false, skeleton: 'detail' })
  if (gate) return gate
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
          {item.kind === 'dispute' && item.status !== 'submitted' && <MediationPanel caseId={item.id} />}
          {item.kind === 'dispute' && (
            <View>
              <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => void Taro.navigateTo({ url: `/agreement/pages/view/index?caseId=${item.id}` }).catch(() => undefined)}>
                {ui.t('case.agreement.open')}
              </Button>
              <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => void Taro.navigateTo({ url: '/agreement/pages/verify/index' }).catch(() => undefined)}>
                {ui.t('case.agreement.verify')}
              </Button>
            </View>
          )}
          <CaseTimeline events={item.events} />
        </View>
      )}
    </View>
  )
}))

/**
 * 反映诉求: the filing stepper; once filed, its success page (a filing on someone's behalf goes to its receipt).
 * The success page replaces the form here, so going back never lands on an empty form.
 */
import { useEffect, useState } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { CaseDetail } from '@minan/types/functions/petition'
import { useStores } from '../../../stores/root'
import { PetitionForm } from '../../components/petition-form'
import { FiledResult } from '../../components/filed-result'
import { taroNetwork } from '../../network'
import { askForReminders, canAskForReminders } from '../../subscribe'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'

const RECEIPT = '/petition/pages/receipt/index'

export default withPageShell(observer(function FilePetitionPage() {
  const { filing, caseView, ui, api } = useStores()
  const [filed, setFiled] = useState<CaseDetail | null>(null)

  useEffect(() => filing.watchNetworkWith(taroNetwork), [filing])
  usePageTitle('petition.title')

  const gate = useSignInGuard({ next: '/petition/pages/file/index', skeleton: 'detail' })
  if (gate) return gate
  if (filed) {
    return (
      <FiledResult
        c={filed}
        onSubscribe={canAskForReminders() ? () => askForReminders(api, filed.id) : undefined}
        t={ui.t}
        locale={ui.locale}
        onView={() => void Taro.redirectTo({ url: `/petition/pages/detail/index?id=${filed.id}` })}
        onHome={() => void Taro.switchTab({ url: '/pages/home/index' })}
      />
    )
  }
  const done = (c: CaseDetail) => {
    if (caseView.receipt) void Taro.redirectTo({ url: RECEIPT })
    else setFiled(c)
    void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)
  }
  return (
    <View>
      <Text className='page-title' role='heading' aria-level={1}>
        {ui.t('petition.title')}
      </Text>
      <PetitionForm onFiled={done} />
    </View>
  )
}))

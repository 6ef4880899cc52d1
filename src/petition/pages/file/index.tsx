/** 反映诉求: the filing form; once filed, the case's own page replaces this one (a filing on someone's behalf: its receipt). */
import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { PetitionForm } from '../../components/petition-form'
import { taroNetwork } from '../../network'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'

const RECEIPT = '/petition/pages/receipt/index'

export default withPageShell(observer(function FilePetitionPage() {
  const { filing, caseView, ui } = useStores()

  useEffect(() => filing.watchNetworkWith(taroNetwork), [filing])
  usePageTitle('petition.title')

  const gate = useSignInGuard({ next: '/petition/pages/file/index', skeleton: 'detail' })
  if (gate) return gate
  return (
    <View>
      <Text className='section-title' role='heading' aria-level={1}>
        {ui.t('petition.title')}
      </Text>
      <PetitionForm onFiled={(filed) => void Taro.redirectTo({ url: caseView.receipt ? RECEIPT : `/petition/pages/detail/index?id=${filed.id}` })} />
    </View>
  )
}))

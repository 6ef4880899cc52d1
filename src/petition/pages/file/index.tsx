/** 反映诉求: the filing form; once filed, the case's own page replaces this one (a filing on someone's behalf: its receipt). */
import { useEffect } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { SignInPrompt } from '../../../components/sign-in-prompt'
import { PetitionForm } from '../../components/petition-form'
import { taroNetwork } from '../../network'
import { withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'

const RECEIPT = '/petition/pages/receipt/index'

export default withPageShell(observer(function FilePetitionPage() {
  const { filing, caseView, session, ui } = useStores()

  useEffect(() => filing.watchNetworkWith(taroNetwork), [filing])
  useEffect(() => void Taro.setNavigationBarTitle({ title: ui.t('petition.title') }).catch(() => undefined), [ui, ui.locale])

  if (!session.signedIn) {
    // The profile is still on its way on launch: a sign-in prompt now would flash for someone who is signed in.
    if (session.canSignIn && session.loading) return <Skeleton variant='detail' />
    return <SignInPrompt next='/petition/pages/file/index' />
  }
  return (
    <View>
      <Text className='section-title' role='heading' aria-level={1}>
        {ui.t('petition.title')}
      </Text>
      <PetitionForm onFiled={(filed) => void Taro.redirectTo({ url: caseView.receipt ? RECEIPT : `/petition/pages/detail/index?id=${filed.id}` })} />
    </View>
  )
}))

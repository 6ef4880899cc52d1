/**
 * 咨询: a question to the village's advisor — a category, up to 2,000 characters counted live, up to six photos with
 * their upload progress, and anonymity.
 */
import { useEffect } from 'react'
import { View, Text, Button, Textarea } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { LEGAL_CATEGORIES, MAX_QUESTION_CHARS } from '@minan/types/functions/legal'
import { useStores } from '../../../stores/root'
import { useLegal } from '../../use'
import { categoryKey } from '../../format'
import { CheckBox, Choices, Heading, NoticeAlert } from '../../ui'
import { PhotoField } from '../../photo-field'
import { askToSubscribe } from '../../../platform/subscribe'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'
import { Icon, iconWarningOverdue } from '../../../components/icon'

export default withPageShell(observer(function AskPage() {
  const { ui, messages } = useStores()
  const store = useLegal()
  const t = ui.t
  const { id = '', village = '' } = useRouter().params
  useEffect(() => void (store.advisor?.id !== id && store.openAdvisor(id)), [id, store])
  const gate = useSignInGuard({ next: `/legal/pages/ask/index?id=${id}&village=${village}`, skeleton: 'detail' })
  if (gate) return gate

  const a = store.advisor?.id === id ? store.advisor : null
  const villageName = a?.villages.find((d) => d.villageCode === village)?.villageName ?? ''
  const submit = async () => {
    // Within the tap: WeChat lets the question send one message when the advisor answers, if the person accepts.
    void askToSubscribe('legal', (accepted) => void messages.subscribed(accepted))
    const asked = await store.ask(id, village)
    if (asked) void Taro.redirectTo({ url: `/legal/pages/thread/index?id=${asked.id}` }).catch(() => undefined)
  }
  return (
    <View className='legal'>
      <Heading level={1}>{t('legal.ask.title')}</Heading>
      <View className='card'>
        {a && <Text className='lg-text'>{t('legal.ask.to', { name: a.name, village: villageName })}</Text>}
        <Choices name='category' label={t('legal.category')} value={store.category} onChange={(c) => store.setCategory(c)} choices={LEGAL_CATEGORIES.map((c) => ({ value: c, text: t(categoryKey(c)) }))} />
        <Text className='lg-label'>{t('legal.ask.text')}</Text>
        <Textarea
          className='lg-textarea lg-ask__text'
          value={store.text}
          maxlength={-1}
          placeholder={t('legal.ask.placeholder')}
          aria-label={t('legal.ask.text')}
          nativeProps={{ 'aria-label': t('legal.ask.text') }}
          onInput={(e) => store.setText(e.detail.value)}
        />
        <View className={`lg-count ${store.tooLong ? 'lg-count--over' : ''}`} aria-live='polite'>
          {store.tooLong && <Icon src={iconWarningOverdue} />}
          <Text>{t('legal.ask.count', { n: store.textLength, max: MAX_QUESTION_CHARS })}</Text>
        </View>
        <CheckBox name='anonymous' label={t('legal.ask.anonymous')} checked={store.anonymous} onChange={(on) => store.setAnonymous(on)} />
        <PhotoField photos={store.photos} t={t} />
        <NoticeAlert notice={store.notice} t={t} locale={ui.locale} />
        <Button className='btn-primary lg-button lg-ask__submit' onClick={() => void submit()}>
          {store.sending ? t('legal.ask.sending') : t('legal.ask.submit')}
        </Button>
      </View>
    </View>
  )
}))

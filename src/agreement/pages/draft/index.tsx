/**
 * 起草调解协议 (the case's mediator): every part of Art. 29 — the parties' details, the facts, the matters in dispute,
 * each side's responsibility, what was agreed, and each thing to perform with how and by when. Saved as a draft,
 * handed to both parties to sign, or recorded as an oral agreement with the time it was reached.
 */
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { PARTY_SIDES, type AgreementContent } from '@minan/types/functions/agreement'
import { addDays, atShanghai, shanghaiDate, shanghaiTime } from '@minan/types/shanghai'
import { useStores } from '../../../stores/root'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'
import type { MessageKey } from '../../../i18n'
import { emptyItem } from '../../store'
import { useAgreement } from '../../use'
import '../../agreement.scss'

type TextField = 'facts' | 'disputedMatters' | 'responsibilities' | 'terms'
const TEXTS: { field: TextField; max: number }[] = [
  { field: 'facts', max: 2000 },
  { field: 'disputedMatters', max: 1000 },
  { field: 'responsibilities', max: 1000 },
  { field: 'terms', max: 2000 }
]

/** The part of the draft a refusal names (`content.applicant.details`, `content.performance.0.what`), in the words on screen. */
export function fieldLabel(field: string | undefined, t: (k: MessageKey, p?: Record<string, string | number>) => string): string | null {
  const path = field?.startsWith('content.') ? field.slice('content.'.length).split('.') : null
  if (!path) return null
  if (path[0] === 'applicant' || path[0] === 'respondent') return `${t(`agreement.draft.${path[0]}` as MessageKey)} ${t(`agreement.draft.${path[1] === 'details' ? 'details' : 'name'}` as MessageKey)}`
  if (path[0] === 'performance') return path.length > 2 ? `${t('agreement.draft.performance')} ${Number(path[1]) + 1} · ${t(`agreement.draft.${path[2]}` as MessageKey)}` : t('agreement.draft.performance')
  return TEXTS.some((x) => x.field === path[0]) ? t(`agreement.draft.${path[0]}` as MessageKey) : null
}

export default withPageShell(observer(function DraftPage() {
  const { ui, session } = useStores()
  const store = useAgreement()
  const t = ui.t
  const { caseId = '' } = useRouter().params
  const now = new Date()
  const [agreedDate, setAgreedDate] = useState(shanghaiDate(now))
  const [agreedTime, setAgreedTime] = useState(shanghaiTime(now))
  const [saved, setSaved] = useState(false)
  useDidShow(() => void (session.signedIn && caseId && store.loadDraft(caseId)))
  // Opened before the sign-in is known (a fresh start from a link): load once it is.
  useEffect(() => void (session.signedIn && caseId && store.caseId !== caseId && store.loadDraft(caseId)), [session.signedIn, caseId, store])
  const gate = useSignInGuard({ next: `/agreement/pages/draft/index?caseId=${caseId}` })
  if (gate) return gate
  const d = store.draft
  const set = (change: (d: AgreementContent) => void) => {
    setSaved(false)
    store.setDraft(change)
  }
  const back = () => void Taro.navigateBack().catch(() => undefined)

  return (
    <View className='agreement'>
      <Text role='heading' aria-level={1} className='ag-text'>
        {t('agreement.draft.title')}
      </Text>
      {PARTY_SIDES.map((side) => (
        <View key={side} className='card'>
          <Text className='ag-text'>{t(`agreement.draft.${side}` as MessageKey)}</Text>
          <Input className='ag-input' aria-label={`${t(`agreement.draft.${side}` as MessageKey)} ${t('agreement.draft.name')}`} placeholder={t('agreement.draft.name')} value={d[side].name} maxlength={50} onInput={(e) => set((x) => void (x[side].name = e.detail.value))} />
          <Input className='ag-input' aria-label={`${t(`agreement.draft.${side}` as MessageKey)} ${t('agreement.draft.details')}`} placeholder={t('agreement.draft.details')} value={d[side].details} maxlength={200} onInput={(e) => set((x) => void (x[side].details = e.detail.value))} />
        </View>
      ))}
      {TEXTS.map(({ field, max }) => (
        <View key={field} className='card'>
          <Text className='ag-text'>{t(`agreement.draft.${field}` as MessageKey)}</Text>
          <Textarea className='ag-textarea' aria-label={t(`agreement.draft.${field}` as MessageKey)} value={d[field]} maxlength={max} onInput={(e) => set((x) => void (x[field] = e.detail.value))} />
        </View>
      ))}
      <View className='card'>
        <Text className='ag-text'>{t('agreement.draft.performance')}</Text>
        {d.performance.map((item, i) => (
          <View key={i} className='ag-row'>
            <Picker mode='selector' range={PARTY_SIDES.map((s) => t(`agreement.signer.${s}` as MessageKey))} value={PARTY_SIDES.indexOf(item.obligor)} onChange={(e) => set((x) => void (x.performance[i].obligor = PARTY_SIDES[Number(e.detail.value)]))}>
              <Text className='ag-input'>{`${t('agreement.draft.obligor')}：${t(`agreement.signer.${item.obligor}` as MessageKey)}`}</Text>
            </Picker>
            <Input className='ag-input' aria-label={t('agreement.draft.what')} placeholder={t('agreement.draft.what')} value={item.what} maxlength={200} onInput={(e) => set((x) => void (x.performance[i].what = e.detail.value))} />
            <Input className='ag-input' aria-label={t('agreement.draft.how')} placeholder={t('agreement.draft.how')} value={item.how} maxlength={200} onInput={(e) => set((x) => void (x.performance[i].how = e.detail.value))} />
            <Picker mode='date' value={item.dueDate} onChange={(e) => set((x) => void (x.performance[i].dueDate = e.detail.value))}>
              <Text className='ag-input'>{`${t('agreement.draft.dueDate')}：${item.dueDate}`}</Text>
            </Picker>
            <Button className='btn-plain ag-button' onClick={() => set((x) => void x.performance.splice(i, 1))}>
              {t('agreement.draft.removeItem')}
            </Button>
          </View>
        ))}
        <Button className='btn-plain ag-button' onClick={() => set((x) => void x.performance.push(emptyItem(addDays(shanghaiDate(new Date()), 14))))}>
          {t('agreement.draft.addItem')}
        </Button>
      </View>
      {store.error && (
        <Text className='error-text' role='alert'>
          {store.error.message}
          {fieldLabel(store.error.field, t) && ` ${t('agreement.draft.problemAt', { field: fieldLabel(store.error.field, t)! })}`}
        </Text>
      )}
      {saved && <Text className='ag-text'>{t('agreement.draft.saved')}</Text>}
      <Button className='btn-plain ag-button' disabled={store.busy || undefined} onClick={() => void store.save().then((ok) => setSaved(ok))}>
        {t('agreement.draft.save')}
      </Button>
      <Button className='btn-primary ag-button' disabled={store.busy || undefined} onClick={() => void store.issue().then((ok) => ok && back())}>
        {t('agreement.draft.issue')}
      </Button>
      <View className='card'>
        <Text className='ag-text'>{t('agreement.draft.agreedAt')}</Text>
        <Picker mode='date' value={agreedDate} onChange={(e) => setAgreedDate(e.detail.value)}>
          <Text className='ag-input'>{agreedDate}</Text>
        </Picker>
        <Picker mode='time' value={agreedTime} onChange={(e) => setAgreedTime(e.detail.value)}>
          <Text className='ag-input'>{agreedTime}</Text>
        </Picker>
        <Button className='btn-plain ag-button' disabled={store.busy || undefined} onClick={() => void store.recordOral(atShanghai(agreedDate, agreedTime).toISOString()).then((ok) => ok && back())}>
          {t('agreement.draft.oral')}
        </Button>
      </View>
    </View>
  )
}))

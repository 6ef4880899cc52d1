/**
 * 调解协议: the agreement as both parties, the mediator and the centre see it — its text, who has signed, when it takes
 * (or took) effect; the PDF; the judicial-confirmation window with its last day and court; the follow-ups, a party's
 * report of non-performance and the routes that then open. Each person sees the buttons of their own part.
 */
import { Button, Text, Textarea, View, Picker } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useEffect, useState } from 'react'
import { FOLLOW_UP_RESULTS, type FollowUpResult, type Signer } from '@minan/types/functions/agreement'
import { useStores } from '../../../stores/root'
import { useSignInGuard, withPageShell } from '../../../components/page-shell'
import type { MessageKey } from '../../../i18n'
import { formatInstant } from '../../../i18n/dates'
import type { Locale } from '@minan/types/locale'
import { shanghaiDate } from '@minan/types/shanghai'
import { AgreementDocument } from '../../document'
import { NoAgreement, settledFor } from '../../none'
import { savePdf } from '../../save-pdf'
import { useAgreement } from '../../use'
import '../../agreement.scss'

/** A Shanghai calendar date (YYYY-MM-DD) in the person's language. */
const day = (date: string, t: (k: MessageKey) => string, locale: Locale) => formatInstant(`${date}T00:00:00+08:00`, locale, t('case.format.date'))

export default withPageShell(observer(function AgreementPage() {
  const { ui, session } = useStores()
  const store = useAgreement()
  const t = ui.t
  const { caseId = '' } = useRouter().params
  const [note, setNote] = useState('')
  const [followUp, setFollowUp] = useState<{ item: number; result: FollowUpResult; note: string } | null>(null)
  const [saved, setSaved] = useState<string | null>(null)
  useDidShow(() => void (session.signedIn && caseId && store.load(caseId)))
  // Opened before the sign-in is known (a fresh start from a link): load once it is, or the page waits for ever.
  useEffect(() => void (session.signedIn && caseId && store.caseId !== caseId && store.load(caseId)), [session.signedIn, caseId, store])
  const gate = useSignInGuard({ next: `/agreement/pages/view/index?caseId=${caseId}` })
  if (gate) return gate
  const v = settledFor(store, caseId) ? store.view : null
  const date = (iso: string) => formatInstant(iso, ui.locale, t('case.format.date'))
  const who = (s: Signer) => t(`agreement.signer.${s}` as MessageKey)
  const pdf = async (document: 'agreement' | 'application') => {
    const file = await store.pdf(document)
    if (!file) return
    setSaved(file.fileName)
    await savePdf(file).catch(() => undefined)
  }
  const go = (url: string) => void Taro.navigateTo({ url }).catch(() => undefined)

  return (
    <View className='agreement'>
      <Text role='heading' aria-level={1} className='ag-text'>
        {t('agreement.title')}
      </Text>
      {v && store.error && (
        <Text className='error-text' role='alert'>
          {store.error.message}
        </Text>
      )}
      {!v && <NoAgreement store={store} caseId={caseId} />}
      {v && (
        <View>
          <View className='card'>
            <Text className='ag-text'>{t(`agreement.status.${v.status}` as MessageKey)}</Text>
            {v.kind === 'oral' && <Text className='ag-text'>{t('agreement.kind.oral')}</Text>}
            <Text className='ag-text muted'>{t('agreement.docNo', { no: v.docNo })}</Text>
            {v.effectiveAt ? (
              <Text className='ag-text'>{t('agreement.effectiveOn', { date: date(v.effectiveAt) })}</Text>
            ) : (
              <Text className='ag-text'>{t('agreement.takesEffect', { who: v.signatures.filter((s) => !s.signedAt).map((s) => who(s.signer)).join('、') })}</Text>
            )}
            {v.signatures.map((s) => (
              <Text key={s.signer} className='ag-text'>
                {s.signedAt ? t('agreement.signedAt', { who: who(s.signer), date: date(s.signedAt) }) : t('agreement.notSigned', { who: who(s.signer) })}
              </Text>
            ))}
            {v.can.sign && (
              <Button className='btn-primary ag-button' onClick={() => go(`/agreement/pages/sign/index?caseId=${caseId}`)}>
                {t('agreement.sign')}
              </Button>
            )}
            {v.can.seal && (
              <Button className='btn-primary ag-button' disabled={store.busy || undefined} onClick={() => void store.seal()}>
                {t('agreement.seal')}
              </Button>
            )}
            {v.can.edit && (
              <Button className='btn-plain ag-button' onClick={() => go(`/agreement/pages/draft/index?caseId=${caseId}`)}>
                {v.status === 'signing' ? t('agreement.draft.revise') : t('agreement.draft.open')}
              </Button>
            )}
            {v.status !== 'draft' && (
              <Button className='btn-plain ag-button' disabled={store.busy || undefined} onClick={() => void pdf('agreement')}>
                {t('agreement.pdf')}
              </Button>
            )}
            {saved && <Text className='ag-text muted'>{t('agreement.pdfSaved', { name: saved })}</Text>}
          </View>

          {v.window && (
            <View className='card'>
              <Text role='heading' aria-level={2} className='ag-text'>
                {t('agreement.window.title')}
              </Text>
              {v.confirmedAt ? (
                <Text className='ag-text'>{t('agreement.window.confirmed', { date: date(v.confirmedAt) })}</Text>
              ) : v.window.open ? (
                <View>
                  <Text className='ag-text'>{t('agreement.window.text', { date: day(v.window.lastDay, t, ui.locale), court: v.window.court })}</Text>
                  <Text className='ag-text'>{t('agreement.window.left', { days: v.window.daysLeft })}</Text>
                  <Button className='btn-plain ag-button' disabled={store.busy || undefined} onClick={() => void pdf('application')}>
                    {t('agreement.pdfApplication')}
                  </Button>
                </View>
              ) : (
                <Text className='ag-text'>{t('agreement.window.closed')}</Text>
              )}
              {v.can.confirm && (
                <Button className='btn-plain ag-button' onClick={() => void store.recordConfirmation(shanghaiDate(new Date()))}>
                  {t('agreement.confirm')}
                </Button>
              )}
            </View>
          )}

          {v.status === 'effective' && v.followUps.length > 0 && (
            <View className='card'>
              <Text role='heading' aria-level={2} className='ag-text'>
                {t('agreement.followUps')}
              </Text>
              {v.performedAt && <Text className='ag-text'>{t('agreement.performed')}</Text>}
              {v.followUps.map((f) => (
                <View key={f.item} className='ag-row'>
                  <Text className='ag-text'>{t('agreement.followUp.item', { date: day(f.dueDate, t, ui.locale), what: v.content.performance[f.item]?.what ?? '' })}</Text>
                  <Text className='ag-text'>{t(f.result ? (`agreement.followUp.${f.result}` as MessageKey) : 'agreement.followUp.pending')}</Text>
                  {f.note && <Text className='ag-text muted'>{f.note}</Text>}
                  {v.can.followUp && !f.result && (
                    <Button className='btn-plain ag-button' onClick={() => setFollowUp({ item: f.item, result: 'performed', note: '' })}>
                      {t('agreement.followUp.record')}
                    </Button>
                  )}
                </View>
              ))}
              {followUp && (
                <View className='ag-row'>
                  <Picker mode='selector' range={FOLLOW_UP_RESULTS.map((r) => t(`agreement.followUp.${r}` as MessageKey))} onChange={(e) => setFollowUp({ ...followUp, result: FOLLOW_UP_RESULTS[Number(e.detail.value)] })}>
                    <Text className='ag-input'>{t(`agreement.followUp.${followUp.result}` as MessageKey)}</Text>
                  </Picker>
                  <Textarea className='ag-textarea' placeholder={t('agreement.followUp.note')} value={followUp.note} maxlength={500} onInput={(e) => setFollowUp({ ...followUp, note: e.detail.value })} />
                  <Button className='btn-primary ag-button' disabled={store.busy || !followUp.note.trim() || undefined} onClick={() => void store.recordFollowUp(followUp.item, followUp.result, followUp.note).then(() => setFollowUp(null))}>
                    {t('agreement.followUp.record')}
                  </Button>
                </View>
              )}
            </View>
          )}

          {(v.can.report || v.reports.length > 0 || v.routes) && (
            <View className='card'>
              {v.reports.length > 0 && <Text className='ag-text'>{t('agreement.reports')}</Text>}
              {v.reports.map((r) => (
                <Text key={r.createdAt} className='ag-text muted'>
                  {`${who(r.side)}（${date(r.createdAt)}）：${r.note}`}
                </Text>
              ))}
              {v.routes && (
                <View className='ag-row'>
                  <Text className='ag-text'>{t('agreement.routes')}</Text>
                  {v.routes.map((r) => (
                    <Text key={r} className='ag-text'>{`· ${t(`agreement.route.${r}` as MessageKey)}`}</Text>
                  ))}
                </View>
              )}
              {v.can.report && (
                <View className='ag-row'>
                  <Textarea className='ag-textarea' placeholder={t('agreement.report.note')} value={note} maxlength={500} onInput={(e) => setNote(e.detail.value)} />
                  <Button className='btn-plain ag-button' disabled={store.busy || !note.trim() || undefined} onClick={() => void store.report(note).then((ok) => ok && setNote(''))}>
                    {t('agreement.report')}
                  </Button>
                </View>
              )}
            </View>
          )}

          {v.status !== 'draft' || v.can.edit ? <AgreementDocument view={v} /> : null}
        </View>
      )}
    </View>
  )
}))


/**
 * A party's side of a mediation: which side they are, the dispute (for the other party, without the applicant's
 * contact details: the server never sends them), consent (Art. 17), their account, the sessions to confirm, and the
 * requests either party may make (another mediator, ending it; Art. 23). Presentational: the page passes the store's
 * state and its steps.
 */
import { useState } from 'react'
import { View, Text, Button, Textarea, Input } from '@tarojs/components'
import type { CaseDetail } from '@minan/types/functions/petition'
import type { MediationView, SessionView } from '@minan/types/functions/parties'
import type { MessageKey } from '../../i18n'

export interface PartyMediationProps {
  view: MediationView
  detail: Pick<CaseDetail, 'title' | 'description' | 'assignee'> | null
  t: (key: MessageKey, params?: Record<string, string | number>) => string
  dateTime: (iso: string) => string
  sending: boolean
  error: string | null
  done: string | null
  onConsent(answer: 'accept' | 'decline', reason?: string): void
  onAnotherMediator(reason: string): void
  onEnd(): void
  onAccount(text: string): void
  onAnswer(sessionId: string, answer: 'confirm' | 'another_time', note?: string): void
}

export function PartyMediation(p: PartyMediationProps) {
  const { view, detail, t } = p
  const [reason, setReason] = useState('')
  const [account, setAccount] = useState(view.respondent.account ?? '')
  const [mediatorReason, setMediatorReason] = useState('')
  const [ending, setEnding] = useState(false)
  const can = (what: string) => view.can.includes(what)
  const side = view.viewer === 'staff' ? null : view.viewer
  const mine = side ? view[side] : null

  return (
    <View className='parties'>
      <View className='card'>
        <Text className='section-title' role='heading' aria-level={1}>
          {t('parties.case.title')}
        </Text>
        {side && <Text className='parties__side'>{t(`parties.case.youAre.${side}`)}</Text>}
        {detail && (
          <View className='parties__dispute'>
            <Text className='parties__heading' role='heading' aria-level={2}>
              {t('parties.case.dispute')}
            </Text>
            <Text className='parties__title'>{detail.title}</Text>
            <Text className='parties__text'>{detail.description}</Text>
            <Text className='muted'>{detail.assignee ? t('parties.case.mediator', { name: detail.assignee }) : t('parties.case.noMediator')}</Text>
          </View>
        )}
        {side === 'respondent' && <Text className='muted parties__privacy'>{t('parties.case.privacy')}</Text>}
        {side === 'respondent' && <Text className='parties__consent-state'>{t(`parties.consent.state.${view.respondent.consent}`)}</Text>}
      </View>

      {p.error && (
        <Text className='error-text' role='alert'>
          ✗ {p.error}
        </Text>
      )}
      {p.done === 'anotherMediator' && <Text role='status'>✓ {t('parties.other.anotherMediatorSent')}</Text>}
      {p.done === 'account' && <Text role='status'>✓ {t('parties.account.saved')}</Text>}

      {can('consent') && (
        <View className='card parties__consent'>
          <Text className='parties__heading' role='heading' aria-level={2}>
            {t('parties.consent.title')}
          </Text>
          <Text className='muted'>{t('parties.consent.intro')}</Text>
          <Input className='parties__input' value={reason} maxlength={500} nativeProps={{ 'aria-label': t('parties.consent.reason') }} placeholder={t('parties.consent.reason')} onInput={(e) => setReason(e.detail.value)} />
          <Button className='btn-primary' disabled={p.sending || undefined} onClick={() => !p.sending && p.onConsent('accept')}>
            {t('parties.consent.accept')}
          </Button>
          <Button className='btn-secondary' disabled={p.sending || undefined} onClick={() => !p.sending && p.onConsent('decline', reason.trim() || undefined)}>
            {t('parties.consent.decline')}
          </Button>
        </View>
      )}

      {side === 'applicant' && (
        <View className='card'>
          <Text className='parties__heading' role='heading' aria-level={2}>
            {t('parties.account.theirs')}
          </Text>
          <Text className='parties__text'>{view.respondent.account ?? t('parties.account.none')}</Text>
        </View>
      )}

      {can('account') && (
        <View className='card parties__account'>
          <Text className='parties__heading' role='heading' aria-level={2}>
            {t('parties.account.title')}
          </Text>
          <Textarea className='parties__textarea' value={account} maxlength={2000} nativeProps={{ 'aria-label': t('parties.account.text') }} placeholder={t('parties.account.text')} onInput={(e) => setAccount(e.detail.value)} />
          <Button className='btn-primary' disabled={p.sending || !account.trim() || undefined} onClick={() => !p.sending && account.trim() && p.onAccount(account.trim())}>
            {t('parties.account.submit')}
          </Button>
        </View>
      )}

      <View className='card parties__sessions'>
        <Text className='parties__heading' role='heading' aria-level={2}>
          {t('parties.sessions.title')}
        </Text>
        {view.sessions.length === 0 && <Text className='muted'>{t('parties.sessions.none')}</Text>}
        {view.sessions.map((s) => (
          <Session key={s.id} s={s} {...p} side={side} canAnswer={can('answer')} />
        ))}
      </View>

      {mine && (can('anotherMediator') || can('endMediation')) && (
        <View className='card parties__other'>
          <Text className='parties__heading' role='heading' aria-level={2}>
            {t('parties.other.title')}
          </Text>
          {can('anotherMediator') && !mine.anotherMediatorAt && (
            <View>
              <Input className='parties__input' value={mediatorReason} maxlength={500} nativeProps={{ 'aria-label': t('parties.other.anotherMediatorReason') }} placeholder={t('parties.other.anotherMediatorReason')} onInput={(e) => setMediatorReason(e.detail.value)} />
              <Button className='btn-secondary' disabled={p.sending || !mediatorReason.trim() || undefined} onClick={() => !p.sending && mediatorReason.trim() && p.onAnotherMediator(mediatorReason.trim())}>
                {t('parties.other.anotherMediator')}
              </Button>
            </View>
          )}
          {mine.anotherMediatorAt && <Text className='muted'>{t('parties.other.anotherMediatorSent')}</Text>}
          {can('endMediation') &&
            (ending ? (
              <View role='group'>
                <Text>{t('parties.other.endConfirm')}</Text>
                <Button className='btn-danger' disabled={p.sending || undefined} onClick={() => !p.sending && p.onEnd()}>
                  {t('parties.other.end')}
                </Button>
              </View>
            ) : (
              <Button className='btn-secondary' onClick={() => setEnding(true)}>
                {t('parties.other.end')}
              </Button>
            ))}
        </View>
      )}
    </View>
  )
}

function Session({ s, side, canAnswer, t, dateTime, sending, onAnswer }: PartyMediationProps & { s: SessionView; side: 'applicant' | 'respondent' | null; canAnswer: boolean }) {
  const [note, setNote] = useState('')
  const mine = side ? s[side] : null
  const open = s.status === 'proposed' || s.status === 'rescheduling' || s.status === 'confirmed'
  return (
    <View className='parties__session' role='group' aria-label={t('parties.sessions.when', { mode: t(`parties.sessions.mode.${s.mode}`), date: dateTime(s.startsAt) })}>
      <Text className='parties__session-when'>{t('parties.sessions.when', { mode: t(`parties.sessions.mode.${s.mode}`), date: dateTime(s.startsAt) })}</Text>
      <Text className='parties__text'>{s.place}</Text>
      <Text className='muted'>{t(`parties.sessions.status.${s.status}`)}</Text>
      {mine && mine !== 'pending' && open && <Text>{t(`parties.sessions.you.${mine}`)}</Text>}
      {side && canAnswer && open && mine === 'pending' && (
        <View>
          <Text className='muted'>{t('parties.sessions.answerBy', { date: dateTime(s.answerDueAt) })}</Text>
          <Button className='btn-primary' disabled={sending || undefined} onClick={() => !sending && onAnswer(s.id, 'confirm')}>
            {t('parties.sessions.confirm')}
          </Button>
          <Input className='parties__input' value={note} maxlength={500} nativeProps={{ 'aria-label': t('parties.sessions.note') }} placeholder={t('parties.sessions.note')} onInput={(e) => setNote(e.detail.value)} />
          <Button className='btn-secondary' disabled={sending || undefined} onClick={() => !sending && onAnswer(s.id, 'another_time', note.trim() || undefined)}>
            {t('parties.sessions.anotherTime')}
          </Button>
        </View>
      )}
    </View>
  )
}

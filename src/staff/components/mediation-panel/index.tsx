/**
 * The mediator's and the centre's side of mediation with both parties, on the staff case page of a dispute: whether
 * the other party joined and consented, the invitation (a new code and link shown once to hand over), requests for
 * another mediator, the sessions with both parties' answers, scheduling one, recording who came, and (the mediator)
 * drafting the agreement.
 */
import { useEffect, useState } from 'react'
import { View, Text, Button, Image, Input, Picker, Switch } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { SESSION_MODES, type SessionMode } from '@minan/types/functions/parties'
import { formatInstant } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { useMediation } from '../../../parties/store'

/** A Shanghai wall-clock date and time as an instant. */
const shanghai = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString()

export const MediationPanel = observer(function MediationPanel({ caseId }: { caseId: string }) {
  const { ui } = useStores()
  const store = useMediation()
  const t = ui.t
  const [mode, setMode] = useState<SessionMode>('in_person')
  const [date, setDate] = useState('')
  const [time, setTime] = useState('09:00')
  const [place, setPlace] = useState('')
  const [came, setCame] = useState({ applicant: true, respondent: true })
  useEffect(() => void store.load(caseId, false), [caseId, store])
  const v = store.view?.caseId === caseId ? store.view : null
  if (!v) return null
  const dateTime = (iso: string) => formatInstant(iso, ui.locale, t('case.format.datetime'))
  const answer = (a: string) => t(`parties.answer.${a}` as 'parties.answer.pending')
  const requests = (['applicant', 'respondent'] as const).filter((side) => v[side].anotherMediatorAt)
  const canSchedule = v.can.includes('schedule') && date !== '' && place.trim() !== '' && !store.sending

  return (
    <View className='card mediation-panel'>
      <Text className='section-title' role='heading' aria-level={2}>
        {t('parties.staff.title')}
      </Text>
      <Text>{v.respondent.joined ? t('parties.staff.respondent.joined', { consent: t(`parties.consent.state.${v.respondent.consent}`) }) : t('parties.staff.respondent.none')}</Text>
      {v.invitation?.state === 'open' && v.invitation.expiresAt && <Text className='muted'>{t('parties.staff.invitation.open', { date: dateTime(v.invitation.expiresAt) })}</Text>}
      {v.invitation?.state === 'expired' && <Text className='muted'>{t('parties.staff.invitation.expired')}</Text>}
      {v.can.includes('invite') && (
        <Button className='btn-secondary' disabled={store.sending || undefined} onClick={() => void store.invite()}>
          {v.invitation && v.invitation.state !== 'none' ? t('parties.staff.inviteAgain') : t('parties.staff.invite')}
        </Button>
      )}
      {store.invitation && (
        <View role='status' className='mediation-panel__invitation'>
          <Text className='mediation-panel__code'>{t('parties.staff.code', { code: store.invitation.code })}</Text>
          <Text selectable>{t('parties.staff.link', { link: `${typeof location === 'undefined' ? '' : location.origin + location.pathname}${store.invitation.link.slice(1)}` })}</Text>
          {store.invitation.miniCode && <Image src={store.invitation.miniCode} ariaLabel={t('parties.join.title')} style={{ width: '200px', height: '200px' }} />}
          {store.invitation.smsSent && <Text>{t('parties.staff.smsSent')}</Text>}
          <Text className='muted'>{t('parties.staff.handOver')}</Text>
        </View>
      )}
      {requests.map((side) => (
        <Text key={side} className='mediation-panel__request'>
          {t('parties.staff.anotherMediator', { side: t(`case.data.side.${side}`), reason: v[side].anotherMediatorReason ?? '' })}
        </Text>
      ))}
      {v.respondent.account && (
        <View>
          <Text className='mediation-panel__heading'>{t('parties.account.theirs')}</Text>
          <Text>{v.respondent.account}</Text>
        </View>
      )}

      <Text className='mediation-panel__heading'>{t('parties.sessions.title')}</Text>
      {v.sessions.length === 0 && <Text className='muted'>{t('parties.sessions.none')}</Text>}
      {v.sessions.map((s) => (
        <View key={s.id} className='mediation-panel__session' role='group'>
          <Text>{t('parties.sessions.when', { mode: t(`parties.sessions.mode.${s.mode}`), date: dateTime(s.startsAt) })}</Text>
          <Text>{s.place}</Text>
          <Text className='muted'>
            {t(`parties.sessions.status.${s.status}`)} · {t('parties.staff.answers', { a: answer(s.applicant), r: answer(s.respondent) })}
          </Text>
          {s.answerNote && <Text className='muted'>{s.answerNote}</Text>}
          {v.can.includes('attendance') && (s.status === 'confirmed' || s.status === 'proposed' || s.status === 'rescheduling') && new Date(s.startsAt) <= new Date() && (
            <View>
              <Text>{t('parties.staff.attendance')}</Text>
              <View>
                <Switch checked={came.applicant} onChange={(e) => setCame({ ...came, applicant: e.detail.value })} />
                <Text>{t('parties.staff.applicantCame')}</Text>
              </View>
              <View>
                <Switch checked={came.respondent} onChange={(e) => setCame({ ...came, respondent: e.detail.value })} />
                <Text>{t('parties.staff.respondentCame')}</Text>
              </View>
              <Button className='btn-secondary' disabled={store.sending || undefined} onClick={() => void store.attendance(s.id, came.applicant, came.respondent)}>
                {t('parties.staff.saveAttendance')}
              </Button>
            </View>
          )}
        </View>
      ))}

      {v.can.includes('schedule') && (
        <View className='mediation-panel__schedule'>
          <Text className='mediation-panel__heading'>{t('parties.staff.schedule')}</Text>
          <Picker mode='selector' range={SESSION_MODES.map((m) => t(`parties.sessions.mode.${m}`))} value={SESSION_MODES.indexOf(mode)} onChange={(e) => setMode(SESSION_MODES[Number(e.detail.value)])}>
            <Text>
              {t('parties.staff.mode')}：{t(`parties.sessions.mode.${mode}`)}
            </Text>
          </Picker>
          <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
            <Text>
              {t('parties.staff.date')}：{date || '—'}
            </Text>
          </Picker>
          <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <Text>
              {t('parties.staff.time')}：{time}
            </Text>
          </Picker>
          <Input className='parties__input' value={place} maxlength={200} nativeProps={{ 'aria-label': t('parties.staff.place') }} placeholder={t('parties.staff.place')} onInput={(e) => setPlace(e.detail.value)} />
          <Button className='btn-primary' disabled={!canSchedule || undefined} onClick={() => canSchedule && void store.schedule(mode, shanghai(date, time), place.trim())}>
            {t('parties.staff.submitSchedule')}
          </Button>
        </View>
      )}
      {v.can.includes('draftAgreement') && (
        <Button className='btn-secondary' onClick={() => void Taro.navigateTo({ url: `/agreement/pages/draft/index?caseId=${caseId}` }).catch(() => undefined)}>
          {t('parties.staff.draftAgreement')}
        </Button>
      )}
      {store.error && (
        <Text className='error-text' role='alert'>
          ✗ {store.error.message}
        </Text>
      )}
    </View>
  )
})

/**
 * One session on the counsellor's workbench: when, who (pseudonym or name), how, its status in words; attendance
 * once it has begun; the counsellor's private notes, risk and referral; and any self-screening the person shared.
 */
import { useState } from 'react'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Session } from '@minan/types/functions/counselling'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { formatInstant } from '../../../i18n/dates'
import { errorText } from '../../../staff/format'
import { CheckBox, Field, TextArea, TextBox } from '../../../staff/components/fields'
import { StatusChip, toneOf } from '../../../components/status-chip'
import { useSessionsStore } from './store'
import { Icon, iconWarningOverdue } from '../../../components/icon'

const STATUS_MARK = { booked: '◷', attended: '✓', no_show: '✗', cancelled: '⊘' } as const

export const SessionCard = observer(function SessionCard({ session: s, withDate }: { session: Session; withDate: boolean }) {
  const { ui } = useStores()
  const store = useSessionsStore()
  const t = ui.t
  const [editing, setEditing] = useState(false)
  const [fields, setFields] = useState({ notes: s.notes ?? '', risk: s.risk, referral: s.referral ?? '' })
  const attendance = store.attendance[s.id]
  const note = store.notes[s.id]
  const when = `${formatInstant(s.start, ui.locale, withDate ? t('counselling.format.when') : 'HH:mm')}–${formatInstant(s.end, ui.locale, 'HH:mm')}`
  const live = s.status !== 'cancelled'
  const save = async () => {
    if (await store.writeNote(s.id, fields)) setEditing(false)
  }

  return (
    <View role='listitem' className={`card session-card session-card--${s.status}`}>
      <Text className='session-card__when'>{when}</Text>
      <Text className='session-card__client'>{`${s.client} · ${t(`counselling.mode.${s.mode}` as MessageKey)}`}</Text>
      <View className='session-card__status'>
        <StatusChip tone={toneOf('booking', s.status)} label={`${STATUS_MARK[s.status]} ${t(`counselling.status.${s.status}` as MessageKey)}`} mark={false} />
      </View>
      {s.priority && <Text className='session-card__flag'>{`⚑ ${t('counselling.sessions.priority')}`}</Text>}
      {s.risk && (
        <View className='session-card__flag'>
          <Icon src={iconWarningOverdue} />
          <Text>{t('counselling.sessions.riskMarked')}</Text>
        </View>
      )}
      {s.cancelReason && <Text className='session-card__line'>{t('counselling.sessions.cancelReason', { text: s.cancelReason })}</Text>}
      {s.sharedScreening && (
        <Text className='session-card__line'>
          {t('counselling.sessions.shared', {
            instrument: t(`counselling.instrument.${s.sharedScreening.instrument}` as MessageKey),
            total: s.sharedScreening.total,
            band: t(`counselling.band.${s.sharedScreening.band}` as MessageKey)
          })}
        </Text>
      )}
      {s.sharedScreening?.crisis && (
        <View className='session-card__flag'>
          <Icon src={iconWarningOverdue} />
          <Text>{t('counselling.sessions.sharedCrisis')}</Text>
        </View>
      )}

      {live && store.started(s) && (
        <View className='session-card__attendance' role='group' aria-label={t('counselling.sessions.attendance')}>
          <Button className={`btn-plain session-card__attended ${s.status === 'attended' ? 'session-card__on' : ''}`} disabled={attendance?.sending || undefined} onClick={() => void store.markAttendance(s.id, true)}>
            {`${s.status === 'attended' ? '✓ ' : ''}${t('counselling.sessions.attended')}`}
          </Button>
          <Button className={`btn-plain session-card__no-show ${s.status === 'no_show' ? 'session-card__on' : ''}`} disabled={attendance?.sending || undefined} onClick={() => void store.markAttendance(s.id, false)}>
            {`${s.status === 'no_show' ? '✓ ' : ''}${t('counselling.sessions.noShow')}`}
          </Button>
        </View>
      )}
      {live && !store.started(s) && <Text className='muted session-card__line'>{t('counselling.sessions.notStarted')}</Text>}
      {attendance?.error && <Text className='error-text' role='alert'>{errorText(attendance.error, ui.locale)}</Text>}

      {live && !editing && s.notes && <Text className='session-card__line'>{t('counselling.sessions.notesShown', { text: s.notes })}</Text>}
      {live && !editing && s.referral && <Text className='session-card__line'>{t('counselling.sessions.referralShown', { text: s.referral })}</Text>}
      {live && !editing && (
        <Button className='btn-plain session-card__write' onClick={() => setEditing(true)}>
          {t(s.notes ? 'counselling.sessions.editNotes' : 'counselling.sessions.writeNotes')}
        </Button>
      )}
      {live && editing && (
        <View className='session-card__form' role='form' aria-label={t('counselling.sessions.notes')}>
          <Field label={t('counselling.sessions.notes')} hint={t('counselling.sessions.private')}>
            <TextArea name='notes' label={t('counselling.sessions.notes')} value={fields.notes} maxLength={4000} onChange={(notes) => setFields({ ...fields, notes })} />
          </Field>
          <CheckBox name='risk' label={t('counselling.sessions.risk')} checked={fields.risk} onChange={(risk) => setFields({ ...fields, risk })} />
          <Field label={t('counselling.sessions.referral')} hint={t('counselling.sessions.referralHint')}>
            <TextBox name='referral' label={t('counselling.sessions.referral')} value={fields.referral} maxLength={200} onChange={(referral) => setFields({ ...fields, referral })} />
          </Field>
          <View className='session-card__buttons'>
            <Button className='btn-primary session-card__save' disabled={note?.sending || !fields.notes.trim() || undefined} onClick={() => void save()}>
              {t('counselling.sessions.saveNotes')}
            </Button>
            <Button className='btn-plain' onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </Button>
          </View>
          {note?.error && <Text className='error-text' role='alert'>{errorText(note.error, ui.locale)}</Text>}
        </View>
      )}
    </View>
  )
})

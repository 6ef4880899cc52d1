/**
 * One form per staff move. Each checks its own required boxes, asks for confirmation before a move that ends the
 * case, and sends through the store (which keeps the request id for retries). Server errors appear beside the box
 * they name, or under the form.
 */
import '../../texts'
import { useEffect, useState, type ReactNode } from 'react'
import { View, Text, Button, Picker } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { RegionWithPath } from '@minan/types/api'
import { DEPARTMENTS, type Department } from '@minan/types/functions/petition'
import type { MessageKey } from '../../../i18n'
import { useStores } from '../../../stores/root'
import { RegionPicker } from '../../../components/region-picker'
import { IRREVERSIBLE, missingFields, useStaffStore, type MoveFields, type StaffMove } from '../../store'
import { errorText, today } from '../../format'
import { confirmIrreversible } from '../../confirm'
import { CheckBox, Choices, Field, TextArea, TextBox } from '../fields'

export interface FormProps {
  onDone: () => void
  onCancel: () => void
}

/** What to say when a box was left empty, when "please fill this in" is not the right words. */
const MISSING: Record<string, MessageKey> = {
  mediatorId: 'staff.required.assign',
  townshipCode: 'staff.required.choose',
  level: 'staff.required.choose',
  success: 'staff.required.choose',
  days: 'staff.invalid.days',
  partiesConfirmed: 'staff.required.confirm'
}

function useMoveForm<M extends StaffMove>(move: M, fieldNames: string[], onDone: () => void) {
  const store = useStaffStore()
  const { ui } = useStores()
  const [missing, setMissing] = useState<string[]>([])
  const state = store.moves[move]
  const error = state.error
  const errorFor = (name: string): string | null => {
    if (missing.includes(name)) return ui.t(MISSING[name] ?? 'staff.required')
    if (error?.field === name) return errorText(error, ui.locale)
    return null
  }
  const formError = error && !(error.field && fieldNames.includes(error.field)) ? errorText(error, ui.locale) : null
  const send = async (fields: MoveFields<M>) => {
    const gaps = missingFields(move, fields)
    setMissing(gaps)
    if (gaps.length || state.sending) return
    if (IRREVERSIBLE.includes(move) && !(await confirmIrreversible(ui.t('staff.confirm.title'), ui.t(`staff.confirm.${move}` as MessageKey)))) return
    if (await store.submit(move, fields)) onDone()
  }
  return { sending: state.sending, errorFor, formError, send }
}

const FormFrame = observer(function FormFrame(props: { move: StaffMove; sending: boolean; formError: string | null; onSubmit: () => void; onCancel: () => void; children: ReactNode }) {
  const { ui } = useStores()
  const { move, sending } = props
  return (
    <View className={`move-form move-form--${move}`} role='form' aria-label={ui.t(`staff.action.${move}`)}>
      <Text className='move-form__title' role='heading' aria-level={2}>
        {ui.t(`staff.action.${move}`)}
      </Text>
      {props.children}
      {props.formError && (
        <Text className='error-text move-form__error' role='alert'>
          {props.formError}
        </Text>
      )}
      {/* `|| undefined`: on H5 a false `disabled` still becomes the attribute disabled="false", which greys the button out. */}
      <Button className='btn-primary move-form__submit' disabled={sending || undefined} aria-disabled={sending} onClick={props.onSubmit}>
        {sending ? ui.t('staff.sending') : ui.t(`staff.submit.${move}`)}
      </Button>
      <Button className='btn-plain move-form__cancel' disabled={sending || undefined} onClick={props.onCancel}>
        {ui.t('common.cancel')}
      </Button>
    </View>
  )
})

/** A required or optional text box with its label and error. */
const TextField = observer(function TextField(props: {
  name: string
  label: MessageKey
  value: string
  onChange: (v: string) => void
  max: number
  area?: boolean
  hint?: MessageKey
  errorFor: (n: string) => string | null
}) {
  const { ui } = useStores()
  const label = ui.t(props.label)
  const error = props.errorFor(props.name)
  const Box = props.area ? TextArea : TextBox
  return (
    <Field label={label} hint={props.hint && ui.t(props.hint)} error={error}>
      <Box name={props.name} label={label} value={props.value} onChange={props.onChange} maxLength={props.max} invalid={!!error} />
    </Field>
  )
})

export const AcceptForm = observer(function AcceptForm({ onDone, onCancel }: FormProps) {
  const [note, setNote] = useState('')
  const f = useMoveForm('accept', ['note'], onDone)
  return (
    <FormFrame move='accept' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ note: note.trim() || undefined })}>
      <TextField name='note' label='staff.field.note' value={note} onChange={setNote} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const DeclineForm = observer(function DeclineForm({ onDone, onCancel }: FormProps) {
  const [reason, setReason] = useState('')
  const [otherRoutes, setOtherRoutes] = useState('')
  const f = useMoveForm('decline', ['reason', 'otherRoutes'], onDone)
  return (
    <FormFrame move='decline' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ reason, otherRoutes })}>
      <TextField name='reason' label='staff.field.declineReason' value={reason} onChange={setReason} max={500} area errorFor={f.errorFor} />
      <TextField name='otherRoutes' label='staff.field.otherRoutes' hint='staff.hint.otherRoutes' value={otherRoutes} onChange={setOtherRoutes} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const AssignForm = observer(function AssignForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const store = useStaffStore()
  const nameOf = (d: Department) => ui.t(`staff.department.${d}`)
  // The departments this kind of matter usually goes to come first; the likeliest is chosen to begin with.
  const suggested = store.current?.suggestedDepartments ?? []
  const [mediatorId, setMediatorId] = useState<string | null>(null)
  const [code, setCode] = useState<Department | null>(suggested[0] ?? null)
  const [department, setDepartment] = useState(() => (suggested[0] ? nameOf(suggested[0]) : ''))
  const f = useMoveForm('assign', ['mediatorId', 'department'], onDone)
  useEffect(() => void store.loadMediators(), [store])
  // One or the other: choosing a mediator clears the department; choosing or typing a department clears the mediator.
  const typeDepartment = (v: string) => {
    setDepartment(v)
    setCode(DEPARTMENTS.find((d) => nameOf(d) === v.trim()) ?? null)
    if (v.trim()) setMediatorId(null)
  }
  const chooseDepartment = (d: Department) => {
    setCode(d)
    setDepartment(nameOf(d))
    setMediatorId(null)
  }
  const chooseMediator = (id: string) => {
    setMediatorId(id)
    setCode(null)
    setDepartment('')
  }
  const departments = [...suggested, ...DEPARTMENTS.filter((d) => !suggested.includes(d))].map((d) => ({
    value: d,
    text: suggested.includes(d) ? `${nameOf(d)} · ${ui.t('staff.assign.suggested')}` : nameOf(d)
  }))
  const fields = mediatorId ? { mediatorId } : { department }
  return (
    <FormFrame move='assign' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send(fields)}>
      <Field label={ui.t('staff.field.mediator')} error={f.errorFor('mediatorId')}>
        {store.mediatorsLoaded && store.mediators.length === 0 && <Text className='muted'>{ui.t('staff.assign.none')}</Text>}
        <Choices label={ui.t('staff.field.mediator')} options={store.mediators.map((m) => ({ value: m.id, text: `${m.name} · ${m.regionName}` }))} value={mediatorId} onChange={chooseMediator} />
      </Field>
      <Field label={ui.t('staff.field.departmentChoice')}>
        <Choices label={ui.t('staff.field.departmentChoice')} options={departments} value={code} onChange={chooseDepartment} />
      </Field>
      <TextField name='department' label='staff.field.department' value={department} onChange={typeDepartment} max={50} errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const TransferForm = observer(function TransferForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const store = useStaffStore()
  const [township, setTownship] = useState<RegionWithPath | null>(null)
  const [same, setSame] = useState(false)
  const [reason, setReason] = useState('')
  const f = useMoveForm('transfer', ['townshipCode', 'reason'], onDone)
  // The township already handling the case is no transfer (the server would only say "invalid value").
  const pick = (r: RegionWithPath) => {
    const c = store.current
    const handling = c !== null && r.name === c.handlingUnit && r.code === c.regionCode.slice(0, 9)
    setSame(handling)
    setTownship(handling ? null : r)
  }
  return (
    <FormFrame move='transfer' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ townshipCode: township?.code ?? '', reason })}>
      <Text className='move-form__note'>{ui.t('staff.transfer.window')}</Text>
      <Field label={ui.t('staff.field.township')} error={same ? ui.t('staff.transfer.same') : f.errorFor('townshipCode')}>
        {township ? (
          <View className='move-form__chosen'>
            <Text>{[...township.path.filter((p) => p.level !== 'province').map((p) => p.name), township.name].join(' ')}</Text>
            <Button className='btn-plain move-form__change' onClick={() => setTownship(null)}>
              {ui.t('staff.transfer.change')}
            </Button>
          </View>
        ) : (
          <RegionPicker pickLevel='township' onPick={pick} />
        )}
      </Field>
      <TextField name='reason' label='staff.field.transferReason' value={reason} onChange={setReason} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const EscalateForm = observer(function EscalateForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const [level, setLevel] = useState<'county' | 'city' | null>(null)
  const [reason, setReason] = useState('')
  const f = useMoveForm('escalate', ['level', 'reason'], onDone)
  const levels = (['county', 'city'] as const).map((l) => ({ value: l, text: ui.t(`staff.level.${l}`) }))
  return (
    <FormFrame move='escalate' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ level: level as 'county', reason })}>
      <Field label={ui.t('staff.field.level')} error={f.errorFor('level')}>
        <Choices label={ui.t('staff.field.level')} options={levels} value={level} onChange={setLevel} />
      </Field>
      <TextField name='reason' label='staff.field.escalateReason' value={reason} onChange={setReason} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const ExtendForm = observer(function ExtendForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const [days, setDays] = useState('')
  const [reason, setReason] = useState('')
  const f = useMoveForm('extend', ['days', 'reason'], onDone)
  // Only digits count: "7.5" or "7天" is not a number of days.
  const parsed = /^\d{1,2}$/.test(days.trim()) ? Number(days.trim()) : NaN
  return (
    <FormFrame move='extend' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ days: parsed, reason })}>
      <Text className='move-form__note'>{ui.t('staff.extend.once')}</Text>
      <Field label={ui.t('staff.field.days')} error={f.errorFor('days')}>
        <TextBox name='days' type='number' label={ui.t('staff.field.days')} value={days} onChange={setDays} maxLength={2} invalid={!!f.errorFor('days')} />
      </Field>
      <TextField name='reason' label='staff.field.extendReason' value={reason} onChange={setReason} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const CloseForm = observer(function CloseForm({ onDone, onCancel }: FormProps) {
  const [opinion, setOpinion] = useState('')
  const f = useMoveForm('close', ['opinion'], onDone)
  return (
    <FormFrame move='close' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ opinion })}>
      <TextField name='opinion' label='staff.field.opinion' value={opinion} onChange={setOpinion} max={4000} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const RecordSessionForm = observer(function RecordSessionForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const [date, setDate] = useState(() => today())
  const [participants, setParticipants] = useState('')
  const [notes, setNotes] = useState('')
  const f = useMoveForm('recordSession', ['date', 'participants', 'notes'], onDone)
  const dateLabel = ui.t('staff.field.date')
  return (
    <FormFrame move='recordSession' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ date, participants, notes })}>
      <Field label={dateLabel} error={f.errorFor('date')}>
        <Picker mode='date' value={date} end={today()} onChange={(e) => setDate(String(e.detail.value))}>
          <View className='move-form__date' role='button' aria-label={`${dateLabel}：${date}`}>
            {date} ▾
          </View>
        </Picker>
      </Field>
      <TextField name='participants' label='staff.field.participants' value={participants} onChange={setParticipants} max={200} errorFor={f.errorFor} />
      <TextField name='notes' label='staff.field.sessionNotes' value={notes} onChange={setNotes} max={4000} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const FlagRiskForm = observer(function FlagRiskForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const [note, setNote] = useState('')
  const f = useMoveForm('flagRisk', ['note'], onDone)
  return (
    <FormFrame move='flagRisk' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ note })}>
      <Text className='move-form__note'>{ui.t('staff.flagRisk.explain')}</Text>
      <TextField name='note' label='staff.field.riskNote' value={note} onChange={setNote} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

export const CloseMediationForm = observer(function CloseMediationForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const [result, setResult] = useState<'success' | 'failed' | null>(null)
  const [agreement, setAgreement] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const [otherRoutes, setOtherRoutes] = useState('')
  const f = useMoveForm('closeMediation', ['success', 'agreement', 'partiesConfirmed', 'otherRoutes'], onDone)
  const results = (['success', 'failed'] as const).map((r) => ({ value: r, text: ui.t(`staff.mediation.${r}`) }))
  const submit = () => {
    if (result === 'success') void f.send({ success: true, agreement, partiesConfirmed: confirmed })
    else if (result === 'failed') void f.send({ success: false, otherRoutes })
    else void f.send({} as MoveFields<'closeMediation'>)
  }
  return (
    <FormFrame move='closeMediation' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={submit}>
      <Field label={ui.t('staff.field.result')} error={f.errorFor('success')}>
        <Choices label={ui.t('staff.field.result')} options={results} value={result} onChange={setResult} />
      </Field>
      {result === 'success' && (
        <View>
          <TextField name='agreement' label='staff.field.agreement' value={agreement} onChange={setAgreement} max={4000} area errorFor={f.errorFor} />
          <View className='move-form__check'>
            <CheckBox name='partiesConfirmed' label={ui.t('staff.field.partiesConfirmed')} checked={confirmed} onChange={setConfirmed} />
            {f.errorFor('partiesConfirmed') && (
              <Text className='error-text move-form__error' role='alert'>
                {f.errorFor('partiesConfirmed')}
              </Text>
            )}
          </View>
        </View>
      )}
      {result === 'failed' && (
        <TextField name='otherRoutes' label='staff.field.mediationRoutes' hint='staff.hint.otherRoutes' value={otherRoutes} onChange={setOtherRoutes} max={500} area errorFor={f.errorFor} />
      )}
    </FormFrame>
  )
})

export const TakeOverForm = observer(function TakeOverForm({ onDone, onCancel }: FormProps) {
  const { ui } = useStores()
  const [reason, setReason] = useState('')
  const f = useMoveForm('takeOver', ['reason'], onDone)
  return (
    <FormFrame move='takeOver' sending={f.sending} formError={f.formError} onCancel={onCancel} onSubmit={() => void f.send({ reason })}>
      <Text className='move-form__note'>{ui.t('staff.takeOver.explain')}</Text>
      <TextField name='reason' label='staff.field.takeOverReason' value={reason} onChange={setReason} max={500} area errorFor={f.errorFor} />
    </FormFrame>
  )
})

/**
 * The filing form as a stepper, one step a screen: 类型 → 事情 → 地点 → 联系方式和照片 → 确认 (with the privacy notice and
 * consent). Every keystroke lands in the store's draft (saved on the device); the store checks each step before the
 * next, and on a refused submit takes the person to the step and field to fix first.
 */
import { useEffect, useRef, useState } from 'react'
import { View, Text, Button, Input, Textarea } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { DISPUTE_TYPES, PETITION_KINDS, PRIVACY_NOTICE_VERSION, type CaseDetail } from '@minan/types/functions/petition'
import type { RegionWithPath } from '@minan/types/api'
import { useStores } from '../../../stores/root'
import { FILING_STEPS, LIMITS, charCount, type PetitionDraft } from '../../stores/draft'
import { RegionPicker } from '../../../components/region-picker'
import { disputeKey, kindKey } from '../../../case/labels'
import { noticeText } from '../../labels'
import { ChoiceGroup, Field, Toggle } from '../form-parts'
import { PhotoField } from '../photo-field'
import { LocationField } from '../location-field'
import { StepProgress } from '../step-progress'
import { scrollToFirstError } from './scroll'
import { Icon, iconClockWaiting } from '../../../components/icon'
import './index.scss'

type TextField = 'title' | 'description' | 'address' | 'contactName' | 'contactPhone' | 'otherPartyName' | 'otherPartyContact'

export const PetitionForm = observer(function PetitionForm({ onFiled }: { onFiled: (filed: CaseDetail) => void }) {
  const { filing, session, ui } = useStores()
  const [picking, setPicking] = useState(false)
  const mounted = useRef(true)
  const me = session.me

  useEffect(() => {
    mounted.current = true
    const home = me?.homeRegion
    filing.openDraft({ userId: me?.userId, regionCode: home?.code, regionNames: home?.pathNames, contactName: me?.displayName })
    return () => void (mounted.current = false)
  }, [filing, me])

  const draft = filing.draft
  if (!draft) return null
  const errors = filing.fieldErrors
  const t = ui.t

  const text = (field: TextField, label: string, max: number, extra: { placeholder?: string; count?: boolean; onBlur?: () => void; hint?: string } = {}) => (
    <Field name={field} label={label} error={errors[field]} hint={extra.count ? t('petition.form.count', { count: charCount(draft[field]), max }) : extra.hint}>
      <Input
        className='field__input'
        type='text'
        value={draft[field]}
        // The limit is counted in characters below; the UTF-16 cap only stops runaway pastes.
        maxlength={max * 2}
        placeholder={extra.placeholder}
        aria-label={label}
        // On H5 the host carries aria-label, the inner <input> needs its own.
        nativeProps={{ 'aria-label': label }}
        onInput={(e) => filing.update({ [field]: e.detail.value } as Partial<PetitionDraft>)}
        onBlur={extra.onBlur}
      />
    </Field>
  )

  const pick = (region: RegionWithPath) => {
    const names = [...region.path.filter((p) => p.level !== 'province').map((p) => p.name), region.name]
    filing.update({ regionCode: region.code, regionNames: names })
    setPicking(false)
  }

  const toggleOnBehalf = (on: boolean) => {
    // Filing for someone else: the contact is that person, not the grid worker.
    const mine = me && draft.contactName === me.displayName
    filing.update(on && mine ? { onBehalf: on, contactName: '', contactPhone: '' } : { onBehalf: on })
  }

  const discard = async () => {
    const { confirm } = await Taro.showModal({ title: t('petition.form.discard'), content: t('petition.form.discard.confirm') })
    if (!confirm) return
    filing.discardDraft()
    filing.openDraft({ userId: me?.userId, regionCode: me?.homeRegion?.code, regionNames: me?.homeRegion?.pathNames, contactName: me?.displayName })
  }

  const blocked = !filing.consented || filing.sending
  const submit = async () => {
    if (filing.sending || !filing.consented) return
    const filed = await filing.submit()
    if (filed && mounted.current) onFiled(filed)
    else if (mounted.current && filing.firstError) scrollToFirstError()
  }
  const next = () => (filing.nextStep() ? scrollToTop() : scrollToFirstError())
  const back = () => {
    filing.goToStep(filing.step - 1)
    scrollToTop()
  }
  const step = FILING_STEPS[filing.step].id
  const last = filing.step === FILING_STEPS.length - 1
  const stepHasErrors = (FILING_STEPS[filing.step].fields as readonly string[]).some((f) => f in errors)

  const edit = (to: number) => (
    <Button className='btn-plain petition-form__edit' onClick={() => (filing.goToStep(to), scrollToTop())}>
      {t('petition.step.edit')}
    </Button>
  )

  return (
    <View className='petition-form'>
      <StepProgress steps={FILING_STEPS.map((s) => t(`petition.step.${s.id}`))} current={filing.step} label={t('petition.step.progress', { n: filing.step + 1, total: FILING_STEPS.length, name: t(`petition.step.${step}`) })} />
      {filing.draftRestored && (
        <View className='card petition-form__restored'>
          <Text>{t('petition.form.restored')}</Text>
          <Button className='btn-plain petition-form__discard' onClick={() => void discard()}>
            {t('petition.form.discard')}
          </Button>
        </View>
      )}

      {step === 'kind' && (
        <View className='card'>
          <Field name='kind' label={t('petition.form.kind')} error={errors.kind}>
            <ChoiceGroup name='kind' label={t('petition.form.kind')} value={draft.kind} onChange={(kind) => filing.update({ kind })} choices={PETITION_KINDS.map((k) => ({ value: k, text: t(kindKey(k)) }))} />
          </Field>
          {draft.kind === 'dispute' && (
            <Field name='disputeType' label={t('petition.form.disputeType')} error={errors.disputeType}>
              <ChoiceGroup
                name='disputeType'
                label={t('petition.form.disputeType')}
                value={draft.disputeType}
                onChange={(disputeType) => filing.update({ disputeType })}
                choices={DISPUTE_TYPES.map((d) => ({ value: d, text: t(disputeKey(d)) }))}
              />
            </Field>
          )}
        </View>
      )}

      {step === 'matter' && (
        <View className='card'>
          {text('title', t('petition.form.title'), LIMITS.title, { placeholder: t('petition.form.title.placeholder'), count: true })}
          <Field name='description' label={t('petition.form.description')} error={errors.description} hint={t('petition.form.count', { count: charCount(draft.description), max: LIMITS.description })}>
            <Textarea
              className='field__textarea'
              value={draft.description}
              maxlength={LIMITS.description * 2}
              autoHeight
              placeholder={t('petition.form.description.placeholder')}
              aria-label={t('petition.form.description')}
              nativeProps={{ 'aria-label': t('petition.form.description') }}
              onInput={(e) => filing.update({ description: e.detail.value })}
            />
          </Field>
          {draft.kind === 'dispute' && (
            <View className='petition-form__dispute'>
              {text('otherPartyName', t('petition.form.otherPartyName'), LIMITS.otherPartyName, { hint: t('petition.form.otherPartyName.help') })}
              {text('otherPartyContact', t('petition.form.otherPartyContact'), LIMITS.otherPartyContact)}
            </View>
          )}
        </View>
      )}

      {step === 'place' && (
        <View className='card'>
          <Field name='regionCode' label={t('petition.form.place')} error={errors.regionCode}>
            <Text className='petition-form__place'>{draft.regionNames.length ? draft.regionNames.join(' ') : t('petition.form.place.none')}</Text>
            {picking ? (
              <View className='petition-form__picker'>
                <RegionPicker onPick={pick} />
                <Button className='btn-plain' onClick={() => setPicking(false)}>
                  {t('petition.action.cancel')}
                </Button>
              </View>
            ) : (
              <Button className='btn-plain petition-form__choose' onClick={() => setPicking(true)}>
                {t(draft.regionCode ? 'petition.form.place.change' : 'petition.form.place.choose')}
              </Button>
            )}
          </Field>
          <LocationField />
          {text('address', t('petition.form.address'), LIMITS.address)}
        </View>
      )}

      {step === 'contact' && (
        <View>
          <View className='card'>
            <Text className='petition-form__heading'>{t('petition.form.contact')}</Text>
            {session.hasRole('grid_worker') && (
              <View>
                <Toggle name='onBehalf' label={t('petition.form.onBehalf')} on={draft.onBehalf} onChange={toggleOnBehalf} />
                {draft.onBehalf && <Text className='field__hint'>{t('petition.form.onBehalf.note')}</Text>}
                {errors.onBehalf && <Text className='field__error'>✗ {noticeText(t, errors.onBehalf)}</Text>}
              </View>
            )}
            {text('contactName', t('petition.form.contactName'), LIMITS.contactName)}
            {text('contactPhone', t('petition.form.contactPhone'), 20, { placeholder: t('petition.form.contactPhone.placeholder'), onBlur: () => filing.checkPhone() })}
          </View>
          <View className='card'>
            <PhotoField />
          </View>
        </View>
      )}

      {step === 'confirm' && (
        <View>
          <View className='card petition-form__summary' role='region' aria-label={t('petition.confirm.title')}>
            <Text className='petition-form__heading'>{t('petition.confirm.title')}</Text>
            <Summary label={t('petition.step.kind')} value={[draft.kind && t(kindKey(draft.kind)), draft.kind === 'dispute' && draft.disputeType && t(disputeKey(draft.disputeType))].filter(Boolean).join(' · ')} action={edit(0)} />
            <Summary label={t('petition.step.matter')} value={[draft.title, draft.description].filter((x) => x.trim()).join('\n')} action={edit(1)} />
            <Summary label={t('petition.step.place')} value={[draft.regionNames.join(' '), draft.address].filter((x) => x.trim()).join(' · ')} action={edit(2)} />
            <Summary
              label={t('petition.step.contact')}
              value={[`${draft.contactName} ${draft.contactPhone}`.trim(), filing.photos.items.length ? t('petition.confirm.photos', { count: filing.photos.items.length }) : t('petition.confirm.noPhotos')].join(' · ')}
              action={edit(3)}
            />
          </View>
          <View className='card petition-form__privacy' role='region' aria-label={t('petition.privacy.title')}>
            <Text className='petition-form__heading'>{t('petition.privacy.title')}</Text>
            <Text className='petition-form__notice'>{t('petition.privacy.collect')}</Text>
            <Text className='petition-form__notice'>{t('petition.privacy.why')}</Text>
            <Text className='petition-form__notice'>{t('petition.privacy.who')}</Text>
            <Text className='petition-form__notice'>{t('petition.privacy.keep')}</Text>
            <Text className='field__hint'>{t('petition.privacy.version', { version: PRIVACY_NOTICE_VERSION })}</Text>
            <Toggle name='consent' role='checkbox' label={t('petition.privacy.agree')} on={filing.consented} onChange={(on) => filing.setConsent(on)} />
            {errors.consentVersion && <Text className='field__error'>✗ {noticeText(t, errors.consentVersion)}</Text>}
          </View>
        </View>
      )}

      <View className='petition-form__submit'>
        {filing.waitingForNetwork && (
          <View className='petition-form__waiting' role='status'>
            <Icon src={iconClockWaiting} />
            <Text>{t('petition.submit.waiting')}</Text>
            <Button className='btn-plain petition-form__retry' onClick={() => filing.retryNow()}>
              {t('petition.submit.retryNow')}
            </Button>
          </View>
        )}
        {filing.submitError && (
          <Text className='field__error' role='alert'>
            ✗ {noticeText(t, filing.submitError)}
          </Text>
        )}
        {last && Object.keys(errors).length > 0 && !filing.submitError && <Text className='field__error'>✗ {t('petition.submit.fix')}</Text>}
        {!last && stepHasErrors && <Text className='field__error'>✗ {t('petition.step.fix')}</Text>}
        {last && !filing.consented && <Text className='field__hint'>{t('petition.submit.consentFirst')}</Text>}
      </View>

      {/* The bar stays at the bottom of the screen: the primary action is always one tap away. */}
      <View className='petition-form__bar'>
        {filing.step > 0 && (
          <Button className='btn-plain petition-form__back' onClick={back}>
            {t('petition.step.back')}
          </Button>
        )}
        {last ? (
          // undefined, not false: Taro's H5 host would keep disabled="false", which its stylesheet greys out.
          <Button className={`btn-primary petition-form__send ${blocked ? 'petition-form__send--off' : ''}`} disabled={blocked || undefined} aria-disabled={blocked} onClick={() => void submit()}>
            {t(filing.sending ? 'petition.submit.sending' : 'petition.submit')}
          </Button>
        ) : (
          <Button className='btn-primary petition-form__next' onClick={next}>
            {t('petition.step.next')}
          </Button>
        )}
      </View>
    </View>
  )
})

/** One line of the check screen: what was given for a step, and the way back to it. */
function Summary({ label, value, action }: { label: string; value: string; action: JSX.Element }) {
  return (
    <View className='petition-form__line'>
      <View className='petition-form__line-text'>
        <Text className='petition-form__line-label'>{label}</Text>
        <Text className='petition-form__line-value'>{value || '—'}</Text>
      </View>
      {action}
    </View>
  )
}

const scrollToTop = () => void Taro.pageScrollTo({ scrollTop: 0, duration: 0 }).catch(() => undefined)

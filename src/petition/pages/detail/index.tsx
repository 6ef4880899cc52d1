/** One case as its owner sees it: header, what was reported, the timeline, the moves open now, linked reviews. */
import { View, Text, Button, Image } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { apiUrl } from '../../../api/transports'
import { CaseHeader } from '../../components/case-header'
import { CaseTimeline } from '../../../components/timeline'
import { CaseActions } from '../../components/case-actions'
import { ResultCard } from '../../components/result-card'
import { openPoint, pointParams } from '../../../components/map-point'
import { usePageTitle, useSignInGuard, withPageShell } from '../../../components/page-shell'
import { Skeleton } from '../../../components/skeleton'
import './index.scss'
import { Icon, iconLocationSecondary } from '../../../components/icon'

export default withPageShell(observer(function CaseDetailPage() {
  const { caseView, ui } = useStores()
  const id = useRouter().params.id ?? ''
  const t = ui.t
  usePageTitle('petition.detail.title')
  useDidShow(() => void (id && caseView.open(id)))

  const gate = useSignInGuard({ next: `/petition/pages/detail/index?id=${id}`, skeleton: 'detail' })
  if (gate) return gate
  const c = caseView.current?.id === id ? caseView.current : null
  if (!c && !caseView.currentError) return <Skeleton variant='detail' />
  if (!c) {
    return (
      <View className='card'>
        {caseView.currentError ? <Text className='error-text'>✗ {caseView.currentError}</Text> : <Text className='muted'>{t('common.loading')}</Text>}
        {caseView.currentError && (
          <Button className='btn-plain case-detail__link' onClick={() => void caseView.open(id)}>
            {t('common.retry')}
          </Button>
        )}
      </View>
    )
  }
  const reissue = async () => {
    const { confirm } = await Taro.showModal({ title: t('petition.receipt.reissue'), content: t('petition.receipt.reissueBody') })
    if (confirm && (await caseView.reissueClaimCode())) void Taro.navigateTo({ url: '/petition/pages/receipt/index' })
  }
  const go = (caseId: string) => void Taro.navigateTo({ url: `/petition/pages/detail/index?id=${caseId}` })
  const photos = c.photos.map((p) => ({ ...p, src: apiUrl(p.url) }))

  return (
    <View className='case-detail'>
      {/* A closed case opens on its result and the way to rate it; its header follows. */}
      {c.status === 'closed' ? (
        <View>
          <ResultCard c={c} t={t} locale={ui.locale} />
          <CaseActions c={c} />
          <CaseHeader c={c} />
        </View>
      ) : (
        <View>
          <CaseHeader c={c} />
          <CaseActions c={c} />
        </View>
      )}
      {c.can.includes('reissueClaimCode') && (
        <View className='card'>
          <Text className='case-detail__text'>{t('petition.receipt.waiting')}</Text>
          <Button className='btn-plain case-detail__link' disabled={caseView.reissuing || undefined} onClick={() => void reissue()}>
            {caseView.reissuing ? t('common.loading') : t('petition.receipt.reissue')}
          </Button>
        </View>
      )}
      <View className='card'>
        <Text className='case-detail__label'>{t('petition.detail.description')}</Text>
        <Text className='case-detail__text'>{c.description}</Text>
        <Text className='case-detail__label'>{t('petition.detail.place')}</Text>
        <Text className='case-detail__text'>{[c.regionPath.join(' '), c.address].filter(Boolean).join(' · ')}</Text>
        {c.location && <Text className='case-detail__label'>{t('petition.detail.location')}</Text>}
        {c.location && (
          <View className='case-detail__text'>
            <Icon src={iconLocationSecondary} />
            <Text>{t('petition.location.point', pointParams(c.location))}</Text>
          </View>
        )}
        {c.location && (
          <Button className='btn-plain case-detail__link case-detail__map' onClick={() => openPoint(c.location!, c.title)}>
            {t('petition.location.open')}
          </Button>
        )}
        <Text className='case-detail__label'>{t('petition.detail.contact')}</Text>
        <Text className='case-detail__text'>{`${c.contactName} ${c.contactPhone}`}</Text>
        {c.otherPartyName && <Text className='case-detail__label'>{t('petition.detail.otherParty')}</Text>}
        {c.otherPartyName && <Text className='case-detail__text'>{c.otherPartyName}</Text>}
        {c.kind === 'dispute' && c.status !== 'submitted' && (
          <Button className='btn-secondary' style={{ marginTop: '12px' }} onClick={() => void Taro.navigateTo({ url: `/parties/pages/case/index?id=${c.id}` })}>
            {t('petition.detail.mediation')}
          </Button>
        )}
        {photos.length > 0 && <Text className='case-detail__label'>{t('petition.detail.photos')}</Text>}
        {photos.length > 0 && photos[0].src === null && <Text className='case-detail__text'>{t('petition.detail.photos.hidden', { count: photos.length })}</Text>}
        {(['pending', 'risky'] as const).map((check) => {
          const count = photos.filter((p) => p.check === check).length
          return count > 0 && <Text key={check} className='case-detail__text'>{t(`petition.detail.photos.${check}`, { count })}</Text>
        })}
        <View className='case-detail__photos'>
          {photos.map(
            (p, i) =>
              p.src && (
                <Image
                  key={p.id}
                  className='case-detail__photo'
                  src={p.src}
                  mode='aspectFill'
                  aria-label={t('petition.photos.item', { n: i + 1 })}
                  nativeProps={{ alt: t('petition.photos.item', { n: i + 1 }) }}
                  onClick={() => void Taro.previewImage({ current: p.src!, urls: photos.map((x) => x.src!) }).catch(() => undefined)}
                />
              )
          )}
        </View>
      </View>
      {c.hasAgreement && (
        <Button className='btn-plain case-detail__link' onClick={() => void Taro.navigateTo({ url: `/agreement/pages/view/index?caseId=${c.id}` }).catch(() => undefined)}>
          {t('case.agreement.open')}
        </Button>
      )}
      <CaseTimeline events={c.events} />
      {c.parentId && (
        <Button className='btn-plain case-detail__link' onClick={() => go(c.parentId!)}>
          {t('petition.detail.parent')}
        </Button>
      )}
      {c.childIds.map((child) => (
        <Button key={child} className='btn-plain case-detail__link' onClick={() => go(child)}>
          {t(c.stage === 'original' ? 'petition.detail.child.review' : 'petition.detail.child.rereview')}
        </Button>
      ))}
    </View>
  )
}))

/**
 * 代办回执: what the grid worker hands the resident for a case filed on their behalf — the tracking number and the
 * one-time claim code, with how to claim. Shown once (the code lives only in memory), printable on H5.
 */
import { View, Text, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { usePageTitle, withPageShell } from '../../../components/page-shell'
import { formatDate } from '../../labels'
import './index.scss'

const detailOf = (id: string) => `/petition/pages/detail/index?id=${encodeURIComponent(id)}`

export default withPageShell(observer(function ReceiptPage() {
  const { caseView, ui } = useStores()
  const t = ui.t
  usePageTitle('petition.receipt.title')
  const r = caseView.receipt

  if (!r) {
    return (
      <View className='card'>
        <Text className='muted'>{t('petition.receipt.gone')}</Text>
        <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => void Taro.switchTab({ url: '/pages/matters/index' })}>
          {t('petition.receipt.toMatters')}
        </Button>
      </View>
    )
  }
  const handedOver = () => {
    caseView.handedOver()
    void Taro.redirectTo({ url: detailOf(r.caseId) })
  }
  return (
    <View className='receipt'>
      <View className='card receipt__sheet'>
        <Text className='section-title' role='heading' aria-level={1} style={{ margin: 0 }}>
          {t('petition.receipt.heading')}
        </Text>
        <Text className='receipt__line'>{r.title}</Text>
        <Text className='receipt__label'>{t('petition.receipt.trackingNo')}</Text>
        <Text className='receipt__value'>{r.trackingNo}</Text>
        <Text className='receipt__label'>{t('petition.receipt.code')}</Text>
        <Text className='receipt__value receipt__code'>{r.claimCode}</Text>
        <Text className='receipt__line'>{t('petition.receipt.person', { name: r.contactName, phone: r.contactPhone })}</Text>
        <Text className='receipt__line'>{t('petition.receipt.filed', { date: formatDate(r.filedAt, ui.locale, t, true), unit: r.handlingUnit })}</Text>
        <Text className='receipt__line'>{t('petition.receipt.how')}</Text>
        <Text className='receipt__line receipt__warning'>{t('petition.receipt.secret')}</Text>
      </View>
      <View className='card receipt__actions'>
        <Text className='muted' style={{ display: 'block' }}>
          {t(r.sent ? 'petition.receipt.sent' : 'petition.receipt.notSent')}
        </Text>
        <Text className='muted' style={{ display: 'block', marginTop: '8px' }}>
          {t('petition.receipt.once')}
        </Text>
        {process.env.TARO_ENV === 'h5' && (
          <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={() => window.print()}>
            {t('petition.receipt.print')}
          </Button>
        )}
        <Button className='btn-primary' style={{ marginTop: '16px' }} onClick={handedOver}>
          {t('petition.receipt.done')}
        </Button>
      </View>
    </View>
  )
}))

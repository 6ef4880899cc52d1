/**
 * 我的事项: everything I started — cases, counselling and on-site bookings, legal questions — newest activity first;
 * pull down to refresh, more at the bottom, tap one to open its own page.
 */
import { useEffect } from 'react'
import { View, Text, Button } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { matterLines, matterUrl, useMatters } from '../../stores/matters'
import { formatDate } from '../../petition/labels'
import { MessagesEntry, useUnreadBadge } from '../../components/message-badge'
import { useSignInGuard, withPageShell } from '../../components/page-shell'
import { Skeleton } from '../../components/skeleton'
import { Cell } from '../../components/cell'
import { matterTone, toneOf } from '../../components/status-chip'

const go = (url: string) => void Taro.navigateTo({ url }).catch(() => undefined)
const line = { display: 'block', marginTop: '8px' }

export default withPageShell(observer(function MattersPage() {
  const { session, ui } = useStores()
  const store = useMatters()
  const t = ui.t
  const userId = session.me?.userId ?? null
  const reload = () => void store.refresh(session.signedIn ? userId : null)
  useDidShow(reload)
  // The profile can arrive after the tab is first shown (restored on launch): load once it does.
  useEffect(reload, [userId, session.signedIn]) // eslint-disable-line react-hooks/exhaustive-deps
  usePullDownRefresh(() => void store.refresh(userId).finally(() => Taro.stopPullDownRefresh()))
  useReachBottom(() => void store.loadMore())
  useUnreadBadge()

  const gate = useSignInGuard({ next: '/pages/matters/index' })
  if (gate) return gate
  const error = store.list.error && (store.list.error.code === 'NETWORK' ? t('offline.title') : store.list.error.message)

  return (
    <View className='matters'>
      <MessagesEntry />
      <Text className='page-title' role='heading' aria-level={1}>
        {t('matters.title')}
      </Text>
      <View role='list'>
        {store.list.items.map((m) => {
          const l = matterLines(m, t, ui.locale)
          return (
            <Cell
              key={`${m.kind}:${m.id}`}
              className={`case-card matters__row matters__row--${m.kind}`}
              onClick={() => go(matterUrl(m))}
              title={m.title}
              meta={[l.kind, l.lines[0] ?? t('matters.updated', { date: formatDate(m.activityAt, ui.locale, t) })].join(' · ')}
              chip={{ tone: matterTone(m.kind, m.status), label: l.status, className: 'case-card__status' }}
              flag={l.flag ? { tone: toneOf('caseFlag', m.next?.flag === 'overdue' ? 'overdue' : 'due_soon'), label: l.flag, className: `case-flag case-flag--${m.next?.flag}` } : null}
            />
          )
        })}
      </View>
      {store.list.empty && (
        <View className='card'>
          <Text style={{ display: 'block' }}>{t('matters.empty.lead')}</Text>
          <Text className='muted' style={line}>{t('matters.empty.first')}</Text>
          <Button className='btn-primary' style={{ marginTop: '24px' }} onClick={() => go('/petition/pages/file/index')}>
            {t('petition.mine.file')}
          </Button>
        </View>
      )}
      {error && (
        <View className='card' role='alert'>
          <Text className='error-text'>✗ {error}</Text>
          <Button className='btn-plain' style={{ marginTop: '16px' }} onClick={reload}>
            {t('common.retry')}
          </Button>
        </View>
      )}
      <Button className='btn-plain' style={{ margin: '24px' }} onClick={() => go('/petition/pages/claim/index')}>
        {t('petition.claim.entry')}
      </Button>
      {store.list.loading && store.list.items.length === 0 && <Skeleton />}
      {((store.list.loading && store.list.items.length > 0) || store.list.loadingMore) && <Text className='muted' style={{ margin: '24px', display: 'block' }}>{t('common.loading')}</Text>}
      {!store.list.loading && !store.list.loadingMore && store.list.hasMore && (
        <Button className='btn-plain' style={{ margin: '24px' }} onClick={() => void store.loadMore()}>
          {t('matters.more')}
        </Button>
      )}
      {store.list.loaded && !store.list.hasMore && store.list.items.length > 0 && <Text className='muted' style={{ margin: '24px', display: 'block', textAlign: 'center' }}>{t('matters.end')}</Text>}
    </View>
  )
}))

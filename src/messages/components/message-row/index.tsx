/**
 * One message, drawn as the app's one list row (src/components/cell): what happened as the title; when, which matter
 * and its number as the meta line; unread as a chip with a dot and the word 未读 (never the dot alone).
 */
import { Text } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Message } from '@minan/types/functions/messages'
import { formatInstant } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { Cell } from '../../../components/cell'
import { kindKey } from '../../store'
import './index.scss'

export const MessageRow = observer(function MessageRow({ message: m, onOpen }: { message: Message; onOpen: (m: Message) => void }) {
  const { ui } = useStores()
  const t = ui.t
  // A signing code is what the person came for: on a line of its own, large, never cut off at the end of the meta line.
  const code = m.kind === 'agreement.code' ? m.title : null
  const meta = [formatInstant(m.createdAt, ui.locale, t('messages.format.datetime')), code ? null : m.title, m.trackingNo ? t('messages.trackingNo', { no: m.trackingNo }) : null].filter(Boolean).join(' · ')
  return (
    <Cell
      className={`message-row message-row--${m.read ? 'read' : 'unread'}`}
      title={t(kindKey(m.kind))}
      meta={meta}
      chip={m.read ? null : { tone: 'progress', label: `● ${t('messages.unread')}`, mark: false, className: 'message-row__unread' }}
      extra={code ? <Text className='message-row__code'>{code}</Text> : undefined}
      onClick={() => onOpen(m)}
    />
  )
})

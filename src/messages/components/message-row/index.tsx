/** One message: unread shown by a dot and the word 未读 (never the dot alone), what happened, which matter, when. */
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import type { Message } from '@minan/types/functions/messages'
import { formatInstant } from '../../../i18n/dates'
import { useStores } from '../../../stores/root'
import { kindKey } from '../../store'
import './index.scss'

export const MessageRow = observer(function MessageRow({ message: m, onOpen }: { message: Message; onOpen: (m: Message) => void }) {
  const { ui } = useStores()
  return (
    <Button className={`message-row${m.read ? '' : ' message-row--unread'}`} role='listitem' onClick={() => onOpen(m)}>
      <View className='message-row__top'>
        {!m.read && (
          <View className='message-row__unread'>
            <View className='message-row__dot' aria-hidden='true' />
            <Text>{ui.t('messages.unread')}</Text>
          </View>
        )}
        <Text className='message-row__time'>{formatInstant(m.createdAt, ui.locale, ui.t('messages.format.datetime'))}</Text>
      </View>
      <Text className='message-row__kind'>{ui.t(kindKey(m.kind))}</Text>
      {m.title && <Text className='message-row__title'>{m.title}</Text>}
      {m.trackingNo && <Text className='message-row__no'>{ui.t('messages.trackingNo', { no: m.trackingNo })}</Text>}
    </Button>
  )
})

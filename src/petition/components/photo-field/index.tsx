/** Up to nine photos for a filing: each checked before upload and shown with its own progress bar or error. */
import { View, Text, Button, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../../stores/root'
import { MAX_PHOTOS, type ChosenFile } from '../../stores/draft'
import { noticeText } from '../../labels'
import { Field } from '../form-parts'
import { privacyAgreed } from '../../../platform/privacy'
import './index.scss'

export const PhotoField = observer(function PhotoField() {
  const { filing, ui } = useStores()
  const photos = filing.photos.items

  const choose = async () => {
    // WeChat's privacy agreement first (photos are a privacy API); declining it leaves the form as it was.
    if (!(await privacyAgreed())) return
    const chosen = await Taro.chooseImage({ count: filing.photoSlots, sizeType: ['compressed'], sourceType: ['album', 'camera'] }).catch(() => null)
    if (!chosen) return
    // H5 knows each file's MIME type; the mini-program only ever offers images.
    const files: ChosenFile[] = chosen.tempFiles.map((f) => ({ path: f.path, size: f.size, type: (f as { originalFileObj?: { type?: string } }).originalFileObj?.type }))
    await filing.addPhotos(files)
  }

  return (
    <Field name='photos' label={ui.t('petition.photos.title', { max: MAX_PHOTOS })} error={filing.fieldErrors.photos}>
      <View className='photos' role='list'>
        {photos.map((p, i) => (
          <View key={p.key} className={`photos__item photos__item--${p.status}`} role='listitem' aria-label={ui.t('petition.photos.item', { n: i + 1 })}>
            <Image className='photos__thumb' src={p.path} mode='aspectFill' aria-label={ui.t('petition.photos.item', { n: i + 1 })} nativeProps={{ alt: ui.t('petition.photos.item', { n: i + 1 }) }} />
            {p.status === 'uploading' && (
              <View
                className='photos__progress'
                role='progressbar'
                // A progress bar needs a name of its own: which photo it is; the value is said in words too.
                aria-label={ui.t('petition.photos.item', { n: i + 1 })}
                aria-valuetext={ui.t('petition.photos.uploading', { percent: Math.round(p.progress) })}
                aria-valuemin={0}
                aria-valuemax={100}
                aria-valuenow={p.progress}
              >
                <View className='photos__bar' style={{ width: `${p.progress}%` }} />
                <Text className='photos__state'>{ui.t('petition.photos.uploading', { percent: Math.round(p.progress) })}</Text>
              </View>
            )}
            {p.status === 'done' && <Text className='photos__state'>✓ {ui.t('petition.photos.done')}</Text>}
            {p.error && <Text className='photos__error'>✗ {noticeText(ui.t, p.error)}</Text>}
            <View className='photos__actions'>
              {p.status === 'failed' && p.error && 'text' in p.error && (
                <Button className='photos__action' onClick={() => void filing.retryPhoto(p.key)}>
                  {ui.t('petition.photos.retry')}
                </Button>
              )}
              <Button className='photos__action' onClick={() => filing.removePhoto(p.key)}>
                {ui.t('petition.photos.remove')}
              </Button>
            </View>
          </View>
        ))}
      </View>
      {filing.photoSlots > 0 && (
        <Button className='btn-plain photos__add' onClick={() => void choose()}>
          {ui.t('petition.photos.add', { count: photos.length, max: MAX_PHOTOS })}
        </Button>
      )}
    </Field>
  )
})

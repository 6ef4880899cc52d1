/**
 * Up to six photos with a question: each checked before upload and shown with its own progress bar or problem, as
 * the petition form's photo field does (same checks, same words for a screen reader), over a PhotoUploads.
 */
import { View, Text, Button, Image } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import type { PhotoProblem, PhotoUploads, ChosenFile } from '../api/photos'
import type { T } from './format'
import { privacyAgreed } from '../platform/privacy'

const problemText = (t: T, p: PhotoProblem) => ('key' in p ? t(p.key) : p.text)

export const PhotoField = observer(function PhotoField({ photos, t }: { photos: PhotoUploads; t: T }) {
  if (!photos.available) return <Text className='lg-text muted'>{t('legal.ask.photos')}</Text>
  const choose = async () => {
    // WeChat's privacy agreement first (photos are a privacy API); declining it leaves the form as it was.
    if (!(await privacyAgreed())) return
    const chosen = await Taro.chooseImage({ count: photos.slots, sizeType: ['compressed'], sourceType: ['album', 'camera'] }).catch(() => null)
    if (!chosen) return
    // H5 knows each file's MIME type; the mini-program only ever offers images.
    const files: ChosenFile[] = chosen.tempFiles.map((f) => ({ path: f.path, size: f.size, type: (f as { originalFileObj?: { type?: string } }).originalFileObj?.type }))
    await photos.add(files)
  }
  return (
    <View className='lg-photos' role='group' aria-label={t('legal.photos.title', { max: photos.max })}>
      <Text className='lg-label'>{t('legal.photos.title', { max: photos.max })}</Text>
      <Text className='lg-text muted'>{t('legal.photos.hint')}</Text>
      <View className='lg-photos__list' role='list'>
        {photos.items.map((p, i) => {
          const name = t('legal.photos.item', { n: i + 1 })
          return (
            <View key={p.key} className={`lg-photos__item lg-photos__item--${p.status}`} role='listitem' aria-label={name}>
              <Image className='lg-photos__thumb' src={p.path} mode='aspectFill' aria-label={name} nativeProps={{ alt: name }} />
              {p.status === 'uploading' && (
                <View
                  className='lg-photos__progress'
                  role='progressbar'
                  aria-label={name}
                  aria-valuetext={t('legal.photos.uploading', { percent: Math.round(p.progress) })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={Math.round(p.progress)}
                >
                  <View className='lg-photos__bar' style={{ width: `${p.progress}%` }} />
                  <Text className='lg-photos__state'>{t('legal.photos.uploading', { percent: Math.round(p.progress) })}</Text>
                </View>
              )}
              {p.status === 'done' && <Text className='lg-photos__state'>{`✓ ${t('legal.photos.done')}`}</Text>}
              {p.error && <Text className='lg-photos__error' role='alert'>{`✗ ${problemText(t, p.error)}`}</Text>}
              <View className='lg-photos__actions'>
                {p.status === 'failed' && p.error && 'text' in p.error && (
                  <Button className='lg-photos__action' onClick={() => void photos.retry(p.key)}>
                    {t('legal.photos.retry')}
                  </Button>
                )}
                <Button className='lg-photos__action' aria-label={`${t('legal.photos.remove')} ${name}`} onClick={() => photos.remove(p.key)}>
                  {t('legal.photos.remove')}
                </Button>
              </View>
            </View>
          )
        })}
      </View>
      {photos.overflow && <Text className='lg-photos__error' role='alert'>{t('legal.photos.max', { max: photos.max })}</Text>}
      {photos.slots > 0 && (
        <Button className='btn-plain lg-button lg-photos__add' onClick={() => void choose()}>
          {t('legal.photos.add', { count: photos.items.length, max: photos.max })}
        </Button>
      )}
    </View>
  )
})

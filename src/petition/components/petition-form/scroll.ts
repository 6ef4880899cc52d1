/** Brings the first field with something to fix into view once the page shows it (after the step has rendered). */
import Taro from '@tarojs/taro'

export function scrollToFirstError(): void {
  setTimeout(() => {
    // A browser (H5, and the tests' jsdom) has the element itself; the mini-program scrolls by selector.
    if (typeof document !== 'undefined') {
      const field = document.querySelector<HTMLElement>('.field--invalid')
      if (typeof field?.scrollIntoView === 'function') field.scrollIntoView({ block: 'center' })
      return
    }
    void Taro.pageScrollTo({ selector: '.field--invalid', duration: 200 }).catch(() => undefined)
  }, 0)
}

// Taro passes role through to the DOM on H5 (WeChat reads aria-role); its typings only lack it.
import type { BaseTouchEvent, ITouchEvent } from '@tarojs/components/types/common'

declare module '@tarojs/components/types/common' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars, @typescript-eslint/no-explicit-any
  interface StandardProps<T = any, TouchEvent extends BaseTouchEvent<any> = ITouchEvent> {
    role?: string
  }
}

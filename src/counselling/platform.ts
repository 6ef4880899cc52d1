/** What the counselling screens ask of the phone: its location (with WeChat's privacy flow), a call, a confirmation. */
import Taro from '@tarojs/taro'

/** The location step (with WeChat's privacy flow) is shared with the legal advisors' "nearest" search. */
export { locate } from '../platform/location'

export function dial(phoneNumber: string): void {
  void Taro.makePhoneCall({ phoneNumber }).catch(() => undefined)
}

/**
 * "Are you sure?" in the platform's own modal. Its buttons say what each does (取消预约 / 保留预约): a bare
 * 取消 / 确定 under "取消预约吗？" leaves the person guessing which one cancels. WeChat fits four characters.
 */
export async function confirm(title: string, content: string, buttons?: { confirm: string; cancel: string }): Promise<boolean> {
  try {
    const result = await Taro.showModal({ title, content, ...(buttons ? { confirmText: buttons.confirm, cancelText: buttons.cancel } : {}), confirmColor: '#b3261e' })
    return result.confirm
  } catch {
    return false
  }
}

export function go(url: string): void {
  void Taro.navigateTo({ url }).catch(() => undefined)
}

/** To the sign-in page, coming back here afterwards. */
export function signInThen(next: string): void {
  go(`/pages/signin/index?next=${encodeURIComponent(next)}`)
}

/** Asks "are you sure?" before a move that ends a case; the platform's own modal, so it reads as final. */
import Taro from '@tarojs/taro'

export async function confirmIrreversible(title: string, content: string): Promise<boolean> {
  try {
    // The button texts are left to WeChat: they follow the phone's language, and WeChat caps them at 4 characters.
    const result = await Taro.showModal({ title, content, confirmColor: '#b3261e' })
    return result.confirm
  } catch {
    return false
  }
}

/**
 * Content check before user text is stored and shown to others: security.msgSecCheck on WeChat,
 * a local rule set elsewhere.
 */
export interface ContentChecker {
  /** True when the text may be accepted. `userId` is who wrote it (WeChat's check asks for their OPENID). */
  check(text: string, userId: string): Promise<boolean>
}

/** A small local rule set: obvious spam, links to gambling or pornography sites. Deliberately conservative. */
const BLOCKED = [/(?:赌博|博彩|六合彩|色情|裸聊|代开发票|办证刻章)/, /https?:\/\/\S*(?:casino|porn|bet365)/i]

export const localContentChecker: ContentChecker = {
  check: async (text) => !BLOCKED.some((pattern) => pattern.test(text))
}

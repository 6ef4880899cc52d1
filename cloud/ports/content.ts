/**
 * Content check before user text is stored and shown to others: security.msgSecCheck on WeChat,
 * a local rule set elsewhere.
 */
export interface ContentChecker {
  /** True when the text may be accepted. */
  check(text: string): Promise<boolean>
}

/** A small local rule set: obvious spam, links to gambling or pornography sites. Deliberately conservative. */
const BLOCKED = [/(?:赌博|博彩|六合彩|色情|裸聊|代开发票|办证刻章)/, /https?:\/\/\S*(?:casino|porn|bet365)/i]

export const localContentChecker: ContentChecker = {
  check: async (text) => !BLOCKED.some((pattern) => pattern.test(text))
}

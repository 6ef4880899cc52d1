/**
 * Content check before user text is stored and shown to others: security.msgSecCheck on WeChat, a local rule set
 * elsewhere. It fails closed: a checker that cannot give a verdict throws, and the request is refused (nothing written).
 */
export interface ContentChecker {
  /**
   * The names of the texts that may not be accepted (none: all may). `texts` are named by the input field they come
   * from; `userId` is who wrote them (WeChat's check asks for their OPENID). Throws when no verdict can be had.
   */
  check(texts: Record<string, string>, userId: string): Promise<string[]>
}

/** Thrown by a checker that cannot give a verdict (its service is down or answered with an error). */
export class ContentCheckUnavailable extends Error {
  constructor(reason: string) {
    super(`content check unavailable: ${reason}`)
    this.name = 'ContentCheckUnavailable'
  }
}

/** A small local rule set: obvious spam, links to gambling or pornography sites. Deliberately conservative. */
const BLOCKED = [/(?:赌博|博彩|六合彩|色情|裸聊|代开发票|办证刻章)/, /https?:\/\/\S*(?:casino|porn|bet365)/i]

/** The local checker (H5 and tests); `unavailable` makes it fail as an outage would, so tests can see it fail closed. */
export class LocalContentChecker implements ContentChecker {
  unavailable = false

  async check(texts: Record<string, string>): Promise<string[]> {
    if (this.unavailable) throw new ContentCheckUnavailable('local checker switched off')
    return Object.keys(texts).filter((field) => BLOCKED.some((pattern) => pattern.test(texts[field])))
  }
}

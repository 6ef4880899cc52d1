/**
 * Text messages to a phone, for what only the phone's owner may get: the claim code of a case filed on their behalf.
 * Optional: without a configured sender the code reaches the resident only on the grid worker's receipt (回执).
 * A provider (e.g. Tencent Cloud SMS) implements this port; `logSms` prints what would be sent, for development.
 */
export interface ClaimCodeSms {
  /** E.164 */
  to: string
  trackingNo: string
  code: string
}

/** The other party of a dispute invited to its mediation: the code they join with (issue #17). */
export interface InvitationSms {
  /** E.164 */
  to: string
  trackingNo: string
  code: string
  /** The last day the code works (Shanghai date). */
  until: string
}

/** A party's one-time code that confirms their signature of a mediation agreement (issue #17). */
export interface SignCodeSms {
  /** E.164 */
  to: string
  trackingNo: string
  code: string
  /** How long the code works. */
  minutes: number
}

export interface SmsSender {
  /** Resolves once the provider took the message; rejects if it did not (the caller tells the filer so). */
  sendClaimCode(message: ClaimCodeSms): Promise<void>
  /** The invitation of the other party; a sender without it sends none (the centre hands the code over). */
  sendInvitation?(message: InvitationSms): Promise<void>
  /** A party's signing code; a sender without it sends none (the code is in the party's in-app messages anyway). */
  sendSignCode?(message: SignCodeSms): Promise<void>
}

/** MINAN_SMS=log: writes each message to the server's log instead of sending it (development and tests only). */
export const logSms = (log: (line: string) => void = (line) => console.log(line)): SmsSender => ({
  sendClaimCode: async ({ to, trackingNo, code }) => log(`[sms] to ${to}: 【民安】您的事项 ${trackingNo} 的认领码是 ${code}，凭事项编号、手机号和认领码在“我的事项”认领。请勿告诉他人。`),
  sendInvitation: async ({ to, trackingNo, code, until }) =>
    log(`[sms] to ${to}: 【民安】调解中心邀请您参与纠纷 ${trackingNo} 的人民调解。请在民安“我的”中选择“加入调解”，输入邀请码 ${code}（${until} 前有效）。是否参加调解由您自愿决定。`),
  sendSignCode: async ({ to, trackingNo, code, minutes }) => log(`[sms] to ${to}: 【民安】您正在签署纠纷 ${trackingNo} 的调解协议，确认码 ${code}，${minutes} 分钟内有效。请勿告诉他人。`)
})

/** A one-time sign-in code for the phone's owner (H5 sign-in); `minutes` is how long it stays valid. */
export interface SignInCodeSms {
  /** E.164 */
  to: string
  code: string
  minutes: number
}

/**
 * The sender of sign-in codes. `shows` is true for a sink that sends nothing (outside production): the code is then
 * shown on the sign-in screen instead, so a developer or tester can sign in without a phone.
 */
export interface SignInSms {
  readonly shows: boolean
  /** Resolves once the provider took the message; rejects if it did not. */
  sendSignInCode(message: SignInCodeSms): Promise<void>
}

/** The development sink: logs that a code was made (never the code itself) and lets the screen show it. */
export const showingSignInSms = (log: (line: string) => void = (line) => console.log(line)): SignInSms => ({
  shows: true,
  sendSignInCode: async ({ to, minutes }) => log(`[sms] sign-in code for ${to.slice(0, 4)}****${to.slice(-4)} (valid ${minutes} min) shown on screen, not sent`)
})

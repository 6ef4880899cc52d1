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

export interface SmsSender {
  /** Resolves once the provider took the message; rejects if it did not (the caller tells the filer so). */
  sendClaimCode(message: ClaimCodeSms): Promise<void>
  /** The invitation of the other party; a sender without it sends none (the centre hands the code over). */
  sendInvitation?(message: InvitationSms): Promise<void>
}

/** MINAN_SMS=log: writes each message to the server's log instead of sending it (development and tests only). */
export const logSms = (log: (line: string) => void = (line) => console.log(line)): SmsSender => ({
  sendClaimCode: async ({ to, trackingNo, code }) => log(`[sms] to ${to}: 【民安】您的事项 ${trackingNo} 的认领码是 ${code}，凭事项编号、手机号和认领码在“我的事项”认领。请勿告诉他人。`),
  sendInvitation: async ({ to, trackingNo, code, until }) =>
    log(`[sms] to ${to}: 【民安】调解中心邀请您参与纠纷 ${trackingNo} 的人民调解。请在民安“我的”中选择“加入调解”，输入邀请码 ${code}（${until} 前有效）。是否参加调解由您自愿决定。`)
})

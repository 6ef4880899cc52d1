/**
 * Mini-program codes (小程序码) that open a page of the app with a scene: on WeChat, wxacode.getUnlimited through
 * wx-server-sdk (cloud/transports/wechat/ports.ts). Elsewhere (the H5 build, the local server) there is no mini-program
 * to open, and the local stand-in makes no picture: the invitation is handed over as its code and link.
 */
export interface MiniCode {
  mime: string
  bytes: Buffer
}

export interface MiniProgramCodes {
  /** A code that opens `page` (no leading slash) with `scene` (at most 32 visible characters). */
  unlimited(args: { scene: string; page: string }): Promise<MiniCode | null>
}

/** The local stand-in: no mini-program here, so no code. */
export const noMiniCodes: MiniProgramCodes = { unlimited: async () => null }

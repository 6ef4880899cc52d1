import type { PropsWithChildren, ReactElement } from 'react'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { SignInPrompt } from '../sign-in-prompt'
import { Skeleton, type SkeletonProps } from '../skeleton'

export interface SignInGuardOptions {
  /** Where the sign-in page comes back to: this page, with its parameters. */
  next: string
  /** The page's own answer said the identity is gone (expired, or never valid). */
  signedOut?: boolean
  /**
   * The page reads the person's profile (session.me): without it, it asks to sign in. A page the server answers for
   * on the identity alone (a token, or the platform's) sets false and shows its own error if a call fails.
   */
  needsProfile?: boolean
  /** The shape shown while the profile is on its way. */
  skeleton?: SkeletonProps['variant']
}

/**
 * The guard of a page for signed-in people, called from an observer page: while the profile is still on its way (on
 * launch) a skeleton, the sign-in prompt only for someone really signed out — so a signed-in person never sees the
 * prompt flash — and null when the page may show itself: `const gate = useSignInGuard({ next }); if (gate) return gate`.
 */
export function useSignInGuard({ next, signedOut = false, needsProfile = true, skeleton = 'list' }: SignInGuardOptions): ReactElement | null {
  const { session } = useStores()
  if (signedOut) return <SignInPrompt next={next} />
  if (session.profileLoading) return <Skeleton variant={skeleton} />
  if (needsProfile ? !session.signedIn : !session.canSignIn) return <SignInPrompt next={next} />
  return null
}

/** The guard as a wrapper: its children only for a signed-in person. */
export const SignedIn = observer(function SignedIn({ children, ...options }: PropsWithChildren<SignInGuardOptions>): ReactElement {
  return useSignInGuard(options) ?? <>{children}</>
})

import type { ComponentType, PropsWithChildren } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { OfflineBanner } from '../offline-banner'

export interface PageShellProps {
  /** The page's own root class (its styles keep working: the shell only adds to it). */
  className?: string
}

/**
 * The root of every page: the `elder` class that app.scss keys elder mode on, and the offline banner. One place,
 * so that no page styles elder mode by itself. (On H5 the class is also on <html>, which covers the tab bar.)
 */
export const PageShell = observer(function PageShell({ className, children }: PropsWithChildren<PageShellProps>) {
  const { ui } = useStores()
  return (
    <View className={`page-shell${ui.elder ? ' elder' : ''}${className ? ` ${className}` : ''}`}>
      <OfflineBanner />
      {children}
    </View>
  )
})

/**
 * Wraps a page's default export in the shell, so that every way the page renders (a sign-in prompt, a loading
 * state, the page itself) is inside it: `export default withPageShell(observer(function MyPage() { … }))`.
 */
export function withPageShell<P extends object>(Page: ComponentType<P>): ComponentType<P> {
  function ShelledPage(props: P) {
    return (
      <PageShell>
        <Page {...props} />
      </PageShell>
    )
  }
  ShelledPage.displayName = `withPageShell(${Page.displayName ?? Page.name ?? 'Page'})`
  return ShelledPage
}

export { SignedIn, useSignInGuard, type SignInGuardOptions } from './signed-in'
export { usePageTitle } from './page-title'

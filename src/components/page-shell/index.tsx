import { useState, type ComponentType, type PropsWithChildren } from 'react'
import { View, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { useStores } from '../../stores/root'
import { OfflineBanner } from '../offline-banner'
import { BackBar, isTabPage } from './back-bar'
import './index.scss'

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
  // Read once, when the page mounts: later renders may run while another page is the current one.
  const [backBar] = useState(() => process.env.TARO_ENV === 'h5' && !isTabPage(Taro.getCurrentInstance().router?.path))
  return (
    <View className={`page-shell${ui.elder ? ' elder' : ''}${className ? ` ${className}` : ''}`}>
      {backBar && <BackBar />}
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

/** The one page title style: every page's <h1>, the same size, weight and place. */
export function PageTitle({ children, className }: PropsWithChildren<{ className?: string }>) {
  return (
    <Text className={`page-title${className ? ` ${className}` : ''}`} role='heading' aria-level={1}>
      {children}
    </Text>
  )
}

export { BackBar, isTabPage, TAB_PAGES } from './back-bar'
export { SignedIn, useSignInGuard, type SignInGuardOptions } from './signed-in'
export { usePageTitle } from './page-title'

// The app shell: skip link, banner with the main navigation, one main region per screen, and
// a footer. Screens are chosen by hash route; on a route change focus moves to the new
// screen's heading so keyboard and screen-reader users land where the content starts.
import { useEffect, useRef, type MouseEvent } from 'react'
import type { Host } from '../core/host/host-api'
import { reviewScreenTitle } from './access-review/review-routes'
import { AuditCheckpoints } from './audit/audit-checkpoints'
import { Icon } from './components/Icon'
import { HostProvider, useAppInfo } from './host/host-context'
import { IdentitiesProvider } from './identity/identities'
import { hrefs, useRoute, type Route } from './routing'
import { AboutScreen } from './screens/AboutScreen'
import { AuditScreen } from './screens/AuditScreen'
import { DeckBuilderScreen } from './screens/DeckBuilderScreen'
import { EvidenceScreen } from './screens/EvidenceScreen'
import { IdentitiesScreen } from './screens/IdentitiesScreen'
import { PacketScreens, packetScreenTitle } from './screens/PacketScreens'
import { ReviewsScreen } from './screens/ReviewsScreen'
import { TemplateDetailScreen } from './screens/TemplateDetailScreen'
import { TemplatesScreen } from './screens/TemplatesScreen'
import { VerifyScreen } from './screens/VerifyScreen'
import { WorkspaceScreens } from './screens/WorkspaceScreens'
import { WorkspaceBanner } from './workspace/WorkspaceBanner'
import { WorkspaceProvider } from './workspace/workspace-context'
import { WorkspaceGate } from './workspace/WorkspaceGate'
import { workspaceScreenTitle } from './workspace/workspace-routes'

const isWorkspaceView = (r: Route, ...views: string[]) =>
  r.screen === 'workspace' && views.includes(r.workspace.view)

const NAV: { href: string; label: string; active: (r: Route) => boolean }[] = [
  { href: hrefs.home, label: 'Home', active: (r) => isWorkspaceView(r, 'home') },
  {
    href: hrefs.sources,
    label: 'Sources',
    active: (r) => isWorkspaceView(r, 'sources', 'source-new', 'source-edit'),
  },
  { href: hrefs.readiness, label: 'Readiness', active: (r) => isWorkspaceView(r, 'readiness') },
  { href: hrefs.verify, label: 'Verify', active: (r) => r.screen === 'verify' },
  { href: hrefs.evidence, label: 'Evidence', active: (r) => r.screen === 'evidence' },
  { href: hrefs.packets, label: 'Packets', active: (r) => r.screen === 'packets' },
  { href: hrefs.decks, label: 'Decks', active: (r) => r.screen === 'decks' },
  { href: hrefs.reviews, label: 'Reviews', active: (r) => r.screen === 'reviews' },
  { href: hrefs.identities, label: 'Keys', active: (r) => r.screen === 'identities' },
  { href: hrefs.audit, label: 'Audit trail', active: (r) => r.screen === 'audit' },
  {
    href: hrefs.templates,
    label: 'Templates',
    active: (r) => r.screen === 'templates' || r.screen === 'template',
  },
  { href: hrefs.about, label: 'About', active: (r) => r.screen === 'about' },
]

function screenTitle(route: Route): string {
  switch (route.screen) {
    case 'verify':
      return 'Verify'
    case 'templates':
      return 'Templates'
    case 'template':
      return `Template ${route.id}`
    case 'about':
      return 'About'
    case 'evidence':
      return 'Evidence library'
    case 'packets':
      return packetScreenTitle(route.packets)
    case 'workspace':
      return workspaceScreenTitle(route.workspace)
    case 'audit':
      return 'Audit trail'
    case 'identities':
      return 'Identities and keyring'
    case 'decks':
      return 'Demo deck'
    case 'reviews':
      return reviewScreenTitle(route.reviews)
    case 'not-found':
      return 'Not found'
  }
}

function Screen({ route }: { route: Route }) {
  switch (route.screen) {
    case 'verify':
      return <VerifyScreen />
    case 'templates':
      return <TemplatesScreen />
    case 'template':
      return <TemplateDetailScreen id={route.id} />
    case 'about':
      return <AboutScreen />
    case 'evidence':
      return <EvidenceScreen />
    case 'packets':
      return <PacketScreens route={route.packets} />
    case 'workspace':
      return <WorkspaceScreens route={route.workspace} />
    case 'audit':
      return <AuditScreen {...(route.packet ? { packet: route.packet } : {})} />
    case 'identities':
      return <IdentitiesScreen />
    case 'decks':
      return <DeckBuilderScreen />
    case 'reviews':
      return <ReviewsScreen route={route.reviews} />
    case 'not-found':
      return (
        <>
          <h1 tabIndex={-1}>Page not found</h1>
          <p>
            There is nothing at <span className="mono">{route.path}</span>.{' '}
            <a href={hrefs.verify}>Go to Verify</a>.
          </p>
        </>
      )
  }
}

// Screens that work without an open workspace; every other screen waits for it.
const NO_WORKSPACE: ReadonlySet<Route['screen']> = new Set([
  'verify',
  'templates',
  'template',
  'about',
  'not-found',
])

function Shell({ platform }: { platform: Host['platform'] }) {
  const route = useRoute()
  const info = useAppInfo()
  const mainRef = useRef<HTMLElement>(null)
  const routeKey = JSON.stringify(route)
  const shownRoute = useRef(routeKey)

  useEffect(() => {
    document.title = `${screenTitle(route)} — Evidence Workbench`
    // Only a change of screen moves focus; the first load leaves it at the top of the page.
    if (shownRoute.current === routeKey) return
    shownRoute.current = routeKey
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus()
  }, [route, routeKey])

  const skip = (e: MouseEvent) => {
    e.preventDefault()
    mainRef.current?.focus()
  }

  return (
    <>
      <a className="skip-link" href="#main" onClick={skip}>
        Skip to main content
      </a>
      <header className="app-header">
        <div className="header-inner">
          <a className="brand" href={hrefs.home}>
            <Icon name="shield" className="brand-icon" />
            <span>Evidence Workbench</span>
          </a>
          <span className={`mode-badge mode-${platform}`}>
            {platform === 'electron' ? 'Desktop app' : 'Browser mode'}
          </span>
          <nav aria-label="Main">
            <ul className="nav-list">
              {NAV.map((n) => (
                <li key={n.href}>
                  <a href={n.href} aria-current={n.active(route) ? 'page' : undefined}>
                    {n.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        {platform === 'browser' ? (
          <div className="mode-note">
            <p>
              <Icon name="info" /> You are using the workbench in a browser. Verifying bundles and
              reading templates work fully here; the system keychain, native file dialogs and
              archive sync need the desktop app, and sweeping pages for accessibility needs the
              desktop app or the local server of <code>npm run web</code>.{' '}
              <a href={hrefs.about}>What works where</a>
            </p>
          </div>
        ) : null}
        <WorkspaceBanner />
      </header>
      <main id="main" ref={mainRef} tabIndex={-1}>
        {NO_WORKSPACE.has(route.screen) ? (
          <Screen route={route} />
        ) : (
          <WorkspaceGate>
            <Screen route={route} />
          </WorkspaceGate>
        )}
      </main>
      <footer className="app-footer">
        <p>
          Evidence Workbench {info?.version ?? ''} ·{' '}
          {platform === 'electron' ? 'desktop app' : 'browser mode'} · works offline: nothing you
          open leaves this computer.
        </p>
      </footer>
    </>
  )
}

export function App({ host }: { host: Host }) {
  // A file dropped outside a drop zone must not replace the app with the file's contents.
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault()
    }
    window.addEventListener('dragover', stop)
    window.addEventListener('drop', stop)
    return () => {
      window.removeEventListener('dragover', stop)
      window.removeEventListener('drop', stop)
    }
  }, [])
  return (
    <HostProvider host={host}>
      <IdentitiesProvider>
        <WorkspaceProvider>
          <AuditCheckpoints>
            <Shell platform={host.platform} />
          </AuditCheckpoints>
        </WorkspaceProvider>
      </IdentitiesProvider>
    </HostProvider>
  )
}

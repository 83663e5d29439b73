// About: what this copy of the workbench is, and plainly, which features need the desktop app.
import { Fragment, useEffect, useState } from 'react'
import type { AppInfo } from '../../core/host/host-api'
import { useAppInfo, useHost } from '../host/host-context'

interface FeatureRow {
  feature: string
  browser: string
  /** This browser copy, from what its host reports (shown in the browser). */
  browserHere?: (info: AppInfo) => string
  /** The desktop app in general (shown in the browser). */
  desktop: string
  /** This desktop app, from what its host reports (shown in the desktop app). */
  desktopHere?: (info: AppInfo, keychain: boolean | undefined) => string
}

const FEATURES: FeatureRow[] = [
  {
    feature: 'Verify bundles',
    browser: 'Yes',
    desktop: 'Yes',
  },
  {
    feature: 'Browse packet templates',
    browser: 'Yes',
    desktop: 'Yes',
  },
  {
    feature: 'Open files',
    browser: 'Yes, with the browser’s file chooser or by dropping a file',
    desktop: 'Yes, with the system’s file dialog; large files are read in parts',
  },
  {
    feature: 'Save verification reports',
    browser: 'Yes, as a download',
    desktop: 'Yes, where you choose',
  },
  {
    feature: 'Protect signing keys with the system keychain',
    browser: 'No — needs the desktop app',
    desktop: 'Yes, where the system has a keychain',
    desktopHere: (_info, keychain) =>
      keychain === undefined
        ? 'Checking…'
        : keychain
          ? 'Yes, the system keychain is available'
          : 'Not on this computer: no system keychain was found',
  },
  {
    feature: 'Read an accessibility sweep report (evw a11y --out) kept as evidence',
    browser: 'Yes: add the report to the evidence library and open it',
    desktop: 'Yes: add the report to the evidence library and open it',
  },
  {
    feature: 'Sweep HTML pages for accessibility, isolated (scripts blocked, nothing fetched)',
    browser:
      'Only when served by npm run web on a computer with Chromium (the local server sweeps); otherwise add a report made by evw a11y',
    browserHere: (info) =>
      info.features.isolatedA11ySweep
        ? 'Yes: the local server of npm run web sweeps with the command-line tool’s engine ("Sweep pages…" in Evidence)'
        : 'Not here: this server does not offer the sweep. Use the desktop app, npm run web on a computer with Chromium, or add a report made by evw a11y',
    desktop: 'Yes, in a hidden, sandboxed window ("Sweep pages…" in Evidence)',
    desktopHere: (info) =>
      info.features.isolatedA11ySweep
        ? 'Yes, in a hidden, sandboxed window ("Sweep pages…" in Evidence)'
        : 'Not in this copy',
  },
  {
    feature: 'Sync to the organisation’s archive',
    browser: 'No — needs the desktop app',
    desktop: 'Coming in a later version',
    desktopHere: (info) => (info.features.syncTransports ? 'Yes' : 'Coming in a later version'),
  },
]

export function AboutScreen() {
  const host = useHost()
  const info = useAppInfo()
  const [keychain, setKeychain] = useState<boolean>()
  useEffect(() => {
    let live = true
    host.keychainAvailable().then(
      (k) => live && setKeychain(k),
      () => live && setKeychain(false),
    )
    return () => {
      live = false
    }
  }, [host])

  const desktop = host.platform === 'electron'
  return (
    <>
      <h1 tabIndex={-1}>About this workbench</h1>
      <p className="lede">
        {desktop
          ? 'You are using the desktop app. Everything runs on this computer and the app makes no network requests.'
          : 'You are using the workbench in a web browser, served from this computer. Verifying bundles works fully here; some features need the desktop app, listed below.'}
      </p>

      <section className="panel" aria-labelledby="this-copy-title">
        <h2 id="this-copy-title">This copy</h2>
        {info ? (
          <dl className="facts">
            <dt>Version</dt>
            <dd>{info.version}</dd>
            <dt>Running as</dt>
            <dd>{desktop ? 'Desktop app (Electron)' : 'Web page in a browser'}</dd>
            <dt>System</dt>
            <dd>{info.os}</dd>
            {Object.entries(info.versions).map(([k, v]) => (
              <Fragment key={k}>
                <dt>{k}</dt>
                <dd className="mono">{v}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p className="muted">Loading…</p>
        )}
      </section>

      <section className="panel" aria-labelledby="where-title">
        <h2 id="where-title">What works where</h2>
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Feature</th>
                <th scope="col">In a browser</th>
                <th scope="col">Desktop app</th>
              </tr>
            </thead>
            <tbody>
              {FEATURES.map((f) => (
                <tr key={f.feature}>
                  <th scope="row">{f.feature}</th>
                  <td>
                    {!desktop && f.browserHere
                      ? info
                        ? f.browserHere(info)
                        : 'Checking…'
                      : f.browser}
                  </td>
                  <td>
                    {desktop && f.desktopHere
                      ? info
                        ? f.desktopHere(info, keychain)
                        : 'Checking…'
                      : f.desktop}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  )
}

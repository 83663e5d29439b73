// End to end in the desktop app: launches the built Electron app with Playwright's
// _electron.launch and checks the security baseline from the outside (app:// origin, CSP
// header, sandboxed renderer with only window.evw, no navigation, no new windows, denied
// permissions) and the Verify flow through the real IPC (native dialogs stubbed in main).
// Electron 42+ downloads its binary on first launch, not at install; where it is absent
// (as on CI machines without network) this suite is skipped with one line saying so.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import axe from 'axe-core'
import type { ElectronApplication, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keyringBytes } from '../../src/core/keys/keyring'
import { fullySignedDpia } from '../helpers/bundle-fixture'
import {
  electronBinary,
  ensureElectronBuild,
  launchElectronApp,
  warnIfNoElectron,
} from '../helpers/electron-app'
import { CONTENT_SECURITY_POLICY } from '../../src/main/csp'

warnIfNoElectron('electron-launch')

describe.skipIf(!electronBinary)('desktop app (Electron)', () => {
  let app: ElectronApplication
  let page: Page
  let dir: string
  let files: { good: string; keyring: string }

  beforeAll(async () => {
    ensureElectronBuild()
    dir = await mkdtemp(path.join(tmpdir(), 'evw-electron-'))
    const { bundle, keyring } = await fullySignedDpia()
    files = { good: path.join(dir, 'dpia-signed.evb'), keyring: path.join(dir, 'keyring.json') }
    await writeFile(files.good, bundle)
    await writeFile(files.keyring, keyringBytes(keyring))

    ;({ app, page } = await launchElectronApp())
  })

  afterAll(async () => {
    await app?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('shows the renderer from app://workbench/ as the desktop app', async () => {
    expect(page.url()).toMatch(/^app:\/\/workbench\/index\.html/)
    await page.getByText('Desktop app', { exact: true }).waitFor()
  })

  it('runs the page sandboxed, with only window.evw from the preload', async () => {
    const surface = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>
      return {
        evw: Object.keys((w.evw as object) ?? {}).sort(),
        require: typeof w.require,
        process: typeof w.process,
        module: typeof w.module,
      }
    })
    expect(surface).toEqual({
      evw: [
        'a11y:sweep-cancel',
        'a11y:sweep-start',
        'a11y:sweep-status',
        'app:info',
        'files:close',
        'files:open',
        'files:read',
        'files:save',
        'keychain:available',
        'keys:create',
        'keys:device-key',
        'keys:device-sign',
        'keys:keychain',
        'keys:list',
        'keys:lock',
        'keys:remove',
        'keys:sign',
        'keys:unlock',
      ],
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    })
    // Electron has no public getter for a window's webPreferences; check their effects.
    const effects = await page.evaluate(async () => ({
      fileFetch: await fetch('file:///etc/hostname').then(
        () => 'allowed',
        () => 'refused',
      ),
      webview: document.createElement('webview') instanceof HTMLUnknownElement,
      evwFrozen: Object.isFrozen((window as unknown as { evw: object }).evw),
    }))
    expect(effects).toEqual({ fileFetch: 'refused', webview: true, evwFrozen: true })
  })

  it('sends the strict CSP with every app:// response', async () => {
    const csp = await page.evaluate(async () =>
      (await fetch(location.href)).headers.get('content-security-policy'),
    )
    expect(csp).toBe(CONTENT_SECURITY_POLICY)
    const traversal = await page.evaluate(
      async () => (await fetch('app://workbench/%2e%2e/%2e%2e/package.json')).status,
    )
    expect(traversal).toBeGreaterThanOrEqual(400)
  })

  it('refuses navigation, new windows and permissions', async () => {
    const before = page.url()
    await page.evaluate(() => window.open('https://example.com/', '_blank'))
    await page.evaluate(() => {
      location.href = 'https://example.com/'
    })
    await page.waitForTimeout(500)
    expect(page.url()).toBe(before)
    expect(app.windows()).toHaveLength(1)
    const state = await page.evaluate(
      async () => (await navigator.permissions.query({ name: 'geolocation' })).state,
    )
    expect(state).toBe('denied')
  })

  it('verifies a bundle through the native dialogs and typed IPC', async () => {
    await app.evaluate(
      ({ dialog }, paths) => {
        const queue = [...paths]
        dialog.showOpenDialog = (async () => ({
          canceled: false,
          filePaths: [queue.shift()!],
        })) as typeof dialog.showOpenDialog
      },
      [files.good, files.keyring],
    )
    await page.getByRole('button', { name: /^Choose bundle/ }).click()
    await page.getByText('dpia-signed.evb').waitFor()
    await page.getByRole('button', { name: /^Choose keyring/ }).click()
    await page.getByText('4 trusted keys').waitFor()
    await page.getByRole('button', { name: 'Verify bundle' }).click()
    await page.locator('[data-verdict="verified"]').waitFor({ timeout: 30_000 })
    await page.evaluate(axe.source)
    const violations = await page.evaluate(async () => {
      const w = window as unknown as { axe: typeof axe }
      const r = await w.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      })
      return r.violations.map((v) => v.id)
    })
    expect(violations).toEqual([])
  })
})

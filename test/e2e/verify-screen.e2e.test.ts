// End to end, in a real browser: the browser build of the renderer, served by the same static
// server as `npm run web` (with its CSP), driven in Debian's Chromium through playwright-core.
// Checks every screen with axe-core (WCAG 2.2 AA), verifies a signed bundle and a tampered
// one through the file chooser and by drag and drop, and does the whole Verify flow with the
// keyboard alone.
// Set EVW_SCREENSHOTS=1 to refresh docs/images/verify-screen.png and verify-failed.png.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY, REPO_ROOT } from '../../scripts/web-app.mjs'
import { keyringBytes } from '../../src/core/keys/keyring'
import { dpiaPacket, fullySignedDpia, packInMemory, parties } from '../helpers/bundle-fixture'
import {
  expectAccessible,
  expectAccessibleInBothSchemes,
  hasChromium,
  snapshotFailures,
  startE2eApp,
  warnIfNoChromium,
  type E2eApp,
} from '../helpers/e2e-browser'
import { entry, rewrite } from '../helpers/zip-surgery'

const SCREENSHOTS = process.env.EVW_SCREENSHOTS === '1'

warnIfNoChromium('verify-screen')

interface Fixtures {
  dir: string
  good: string
  tampered: string
  keyring: string
  tamperedFile: string
}

async function writeFixtures(): Promise<Fixtures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'evw-e2e-'))
  const { bundle, keyring } = await fullySignedDpia()
  let tamperedFile = ''
  const tampered = await rewrite(bundle, (entries) => {
    const first = entries.find((e) => e.name.startsWith('files/'))
    if (!first) throw new Error('fixture bundle has no evidence files')
    tamperedFile = first.name
    const e = entry(entries, first.name)
    e.data = e.data.slice()
    e.data[0] = e.data[0]! ^ 1
    return entries
  })
  const files = {
    good: path.join(dir, 'dpia-signed.evb'),
    tampered: path.join(dir, 'dpia-tampered.evb'),
    keyring: path.join(dir, 'team-keyring.json'),
  }
  await writeFile(files.good, bundle)
  await writeFile(files.tampered, tampered)
  await writeFile(files.keyring, keyringBytes(keyring))
  return { dir, ...files, tamperedFile }
}

describe.skipIf(!hasChromium)('Verify screen in Chromium (browser host)', () => {
  let app: E2eApp
  snapshotFailures(() => app)
  let fixtures: Fixtures

  beforeAll(async () => {
    ;[fixtures, app] = await Promise.all([writeFixtures(), startE2eApp()])
  })

  afterAll(async () => {
    await app?.close()
    if (fixtures) await rm(fixtures.dir, { recursive: true, force: true })
  })

  const openApp = (hash = '#/verify', colorScheme: 'light' | 'dark' = 'light') =>
    app.open(hash, { colorScheme })

  async function choose(page: Page, button: RegExp, file: string): Promise<void> {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: button }).click(),
    ])
    await chooser.setFiles(file)
  }

  async function verifyThroughUi(page: Page, bundle: string): Promise<void> {
    await choose(page, /^Choose bundle/, bundle)
    await expect.poll(() => page.locator('.file-drop').first().textContent()).toContain('.evb')
    await choose(page, /^Choose keyring/, fixtures.keyring)
    await page.locator('.trust-choice').getByText('team-keyring.json').waitFor()
    await page.getByRole('button', { name: 'Verify bundle' }).click()
    await page.locator('[data-verdict]').waitFor({ timeout: 30_000 })
  }

  it('serves the app with the CSP and refuses path traversal', async () => {
    const res = await fetch(app.server.url)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8')
    for (const evil of [
      '%2e%2e/package.json',
      '..%2fpackage.json',
      'assets/..%2f..%2fpackage.json',
    ]) {
      expect((await fetch(`${app.server.url}${evil}`)).status, evil).toBeGreaterThanOrEqual(400)
    }
  })

  it('has zero axe violations on every screen, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await openApp('#/verify', scheme)
      await expectAccessible(page, `Verify (${scheme})`)
      await page.getByRole('link', { name: 'Templates', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'Templates' }).waitFor()
      await expectAccessible(page, `Templates (${scheme})`)
      await page.getByRole('link', { name: /Data protection impact assessment/ }).click()
      await page.getByRole('heading', { name: 'Sign-off roles' }).waitFor()
      await expectAccessible(page, `Template detail (${scheme})`)
      await page.getByRole('link', { name: 'About', exact: true }).click()
      await page.getByRole('heading', { level: 1, name: 'About this workbench' }).waitFor()
      await page.getByText('needs the desktop app').first().waitFor()
      await expectAccessible(page, `About (${scheme})`)
      expect(errors).toEqual([])
    }
  })

  it('shows Verified for a fully signed bundle', async () => {
    const { page, errors } = await openApp()
    await verifyThroughUi(page, fixtures.good)
    const verdict = page.locator('[data-verdict]')
    await expect.poll(() => verdict.getAttribute('data-verdict')).toBe('verified')
    expect(await page.getByRole('status').first().textContent()).toContain('Verified')
    expect(await page.locator('.verdict-word').textContent()).toBe('Verified')
    // Which keyring was trusted is part of the verdict, and of the saved report.
    expect(await page.locator('.verdict-trust').textContent()).toBe(
      'Trusted keyring: the keyring file team-keyring.json (4 trusted keys), for this check only',
    )
    // What was checked: all eight checks passed.
    const checks = page.locator('.check-row')
    expect(await checks.count()).toBe(8)
    expect(await page.locator('.check-row.check-passed').count()).toBe(8)
    const rows = page.locator('table tbody tr')
    expect(await rows.count()).toBe(3)
    expect(await page.locator('table').textContent()).toMatch(/Approved.*Approved.*Approved/s)
    expect(await page.getByRole('heading', { name: /^Problems/ }).count()).toBe(0)
    await page.getByText(/^Show \d+ passed checks$/).click()
    await expectAccessibleInBothSchemes(page, 'Verified result')
    if (SCREENSHOTS) {
      await page.getByText(/^Show \d+ passed checks$/).click()
      await page.screenshot({
        path: path.join(REPO_ROOT, 'docs/images/verify-screen.png'),
        fullPage: true,
      })
    }
    expect(errors).toEqual([])
  })

  it('shows Not verified for a tampered bundle and names the file', async () => {
    const { page, errors } = await openApp()
    await verifyThroughUi(page, fixtures.tampered)
    await expect
      .poll(() => page.locator('[data-verdict]').getAttribute('data-verdict'))
      .toBe('not-verified')
    expect(await page.locator('.verdict-word').textContent()).toBe('Not verified')
    const problems = page.locator('.problem')
    expect(await problems.count()).toBeGreaterThan(0)
    const text = (await page.locator('.problems').textContent()) ?? ''
    expect(text).toContain('DIGEST_MISMATCH')
    expect(text).toContain(`File: ${fixtures.tamperedFile}`)
    expect(text).toContain('What it means: A file changed after it was signed.')
    expect(text).toContain(
      'What to do: Ask the sender for a fresh copy; do not rely on this packet.',
    )
    // The verdict names the file too, and says not to rely on it.
    const sentence = (await page.locator('.verdict-sentence').textContent()) ?? ''
    expect(sentence).toMatch(/^Do not rely on this packet\. /)
    expect(sentence).toContain(fixtures.tamperedFile)
    expect(await page.locator('.check-row[data-check="files"]').textContent()).toContain('Failed')
    await page.getByText(/^Show \d+ passed checks?$/).click()
    await expectAccessibleInBothSchemes(page, 'Not verified result')
    if (SCREENSHOTS) {
      await page.getByText(/^Show \d+ passed checks?$/).click()
      await page.screenshot({
        path: path.join(REPO_ROOT, 'docs/images/verify-failed.png'),
        fullPage: true,
      })
    }
    expect(errors).toEqual([])
  })

  it('works from the keyboard alone: choose files, verify, read and save the result', async () => {
    const { page, errors } = await openApp()
    // Turn on file-chooser interception now: a key press can open the chooser faster than a
    // listener added at that moment is wired up.
    page.on('filechooser', () => undefined)
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        return el ? `${el.tagName.toLowerCase()}:${(el.textContent ?? '').trim()}` : ''
      })
    const tabTo = async (pattern: RegExp, maxPresses = 30) => {
      for (let i = 0; i < maxPresses; i++) {
        await page.keyboard.press('Tab')
        if (pattern.test(await focused())) return
      }
      throw new Error(`Tab never reached ${pattern}; focus is on ${await focused()}`)
    }

    // The first Tab reaches the skip link, which moves focus to the main region.
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('a:Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main')

    await tabTo(/^button:Choose bundle/)
    const [bundleChooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.keyboard.press('Enter'),
    ])
    await bundleChooser.setFiles(fixtures.good)
    await page.getByText('dpia-signed.evb').waitFor()

    await tabTo(/^button:Choose keyring/)
    const [keyringChooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.keyboard.press('Space'),
    ])
    await keyringChooser.setFiles(fixtures.keyring)
    await page.locator('.trust-choice').getByText('team-keyring.json').waitFor()

    await tabTo(/^button:Verify bundle$/)
    await page.keyboard.press('Enter')
    await page.locator('[data-verdict="verified"]').waitFor({ timeout: 30_000 })
    // Focus lands on the verdict, so the next reading starts there.
    await expect.poll(focused).toBe('h2:Verified')

    await tabTo(/^button:Save report/)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ])
    expect(download.suggestedFilename()).toBe('dpia-signed.verification.json')
    await page.getByText('Downloaded the report as dpia-signed.verification.json.').waitFor()

    await tabTo(/^summary:Show \d+ passed checks$/)
    await page.keyboard.press('Enter')
    expect(await page.locator('details.passed').getAttribute('open')).not.toBeNull()
    expect(errors).toEqual([])
  })

  it('shows progress while verifying a large bundle, and cancels', async () => {
    // Two 96 MB evidence files: long enough to watch, quick to pack.
    const big = new Uint8Array(96 * 1024 * 1024).map((_, i) => (i * 2654435761) >>> 24)
    const ps = await parties()
    const bundlePath = path.join(fixtures.dir, 'large.evb')
    await writeFile(
      bundlePath,
      await packInMemory(dpiaPacket(), ps.packer.identity, { evidence: () => big }),
    )
    const { page, errors } = await openApp()
    await choose(page, /^Choose bundle/, bundlePath)
    await choose(page, /^Choose keyring/, fixtures.keyring)
    await page.getByRole('button', { name: 'Verify bundle' }).click()
    await page.locator('progress').waitFor()
    await page.getByText(/^Checking files: \d+ of 2/).waitFor()
    // The work runs in the verification worker, not on the page's thread. (The workspace's
    // background record check may have a worker of its own running at the same time.)
    expect(page.workers().map((w) => w.url())).toContainEqual(
      expect.stringMatching(/\/assets\/verify-worker-[\w-]+\.js$/),
    )
    await page.getByRole('button', { name: 'Cancel' }).click()
    await page.locator('[data-verdict="cancelled"]').waitFor()
    expect(await page.locator('.verdict-word').textContent()).toBe('Verification cancelled')
    expect(await page.getByText('Verified', { exact: true }).count()).toBe(0)
    expect(await page.locator('progress').count()).toBe(0)
    await expectAccessible(page, 'Cancelled verification')
    expect(errors).toEqual([])
  })

  it('trusts the workspace keyring by default, and a keyring file for one check only', async () => {
    const { page } = await openApp()
    const workspace = page.getByRole('radio', { name: 'This workspace’s keyring' })
    const file = page.getByRole('radio', { name: 'A keyring file, for this check only' })
    await expect.poll(() => workspace.isChecked()).toBe(true)
    await choose(page, /^Choose keyring/, fixtures.keyring)
    await page.locator('.trust-choice').getByText('team-keyring.json').waitFor()
    expect(await file.isChecked()).toBe(true)
    // Nothing of the file is kept: after a reload the workspace keyring is trusted again.
    await page.reload()
    await page.locator('main h1').waitFor()
    await expect.poll(() => workspace.isChecked()).toBe(true)
    expect(await page.getByText('team-keyring.json').count()).toBe(0)
    expect(await page.evaluate(() => localStorage.getItem('evw.verify.keyring.v1'))).toBeNull()
  })

  it('takes a bundle and a keyring dropped on their boxes', async () => {
    const { page, errors } = await openApp()
    const drop = async (selector: string, file: string) => {
      const bytes = [...(await readFile(file))]
      await page.evaluate(
        ({ selector, name, bytes }) => {
          const zone = document.querySelector(selector)!
          const data = new DataTransfer()
          data.items.add(new File([new Uint8Array(bytes)], name))
          for (const type of ['dragover', 'drop']) {
            zone.dispatchEvent(
              new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
            )
          }
        },
        { selector, name: path.basename(file), bytes },
      )
    }
    await drop('.file-drop', fixtures.good)
    await page.locator('.file-drop').first().getByText('dpia-signed.evb').waitFor()
    await drop('.trust-choice', fixtures.keyring)
    await page.locator('.trust-choice').getByText('team-keyring.json').waitFor()
    expect(
      await page.getByRole('radio', { name: 'A keyring file, for this check only' }).isChecked(),
    ).toBe(true)
    await page.getByRole('button', { name: 'Verify bundle' }).click()
    await page.locator('[data-verdict="verified"]').waitFor({ timeout: 30_000 })
    expect(errors).toEqual([])
  })

  it('explains a file that is not a keyring', async () => {
    const { page } = await openApp()
    await choose(page, /^Choose keyring/, fixtures.good)
    const alert = page.getByRole('alert')
    await alert.waitFor()
    expect(await alert.textContent()).toContain('dpia-signed.evb is not a usable keyring')
  })
})

// End to end, in Chromium against the browser build: two identities are created on the Keys
// screen (Lee holds Legal and DPO, Max is the accountable manager: the DPIA's required roles),
// a signed demo DPIA is changed into a new revision and submitted, then signed in each role
// through the Sign dialog with the keyboard alone (the first signature packs the bundle; a
// rejection without reason is refused). The signed packet is exported (download) and checked
// with `evw verify` against the exported workspace keyring (exit 0) and on the Verify screen;
// the same bundle with one evidence byte changed is rejected, naming the file. The pre-sync
// review then says "Ready to sync", and the audit trail lists each step. Zero axe violations
// on the sign-off panel, the dialog and the review, light and dark.
// Set EVW_SCREENSHOTS=1 to write screenshots to /tmp/evw-signoff-*.png.
import { spawnSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureCliBuilt, EVW } from '../helpers/cli'
import {
  expectAccessibleInBothSchemes,
  hasChromium,
  snapshotFailures,
  startE2eApp,
  warnIfNoChromium,
  type E2eApp,
} from '../helpers/e2e-browser'
import { entry, rewrite } from '../helpers/zip-surgery'

warnIfNoChromium('signoff')

const SHOTS = process.env.EVW_SCREENSHOTS === '1'
const PASS = 'copper kettle morning tide'
/** A verified demo DPIA (revision 1, signed by the demo identities). */
const PACKET = 'dpia-fabrikam-traffic-2026-04'
const EVIDENCE = 'files/dpia/data-flow.txt'

async function shot(page: Page, name: string, fullPage = true) {
  if (SHOTS) await page.screenshot({ path: `/tmp/evw-signoff-${name}.png`, fullPage })
}

function keyboard(page: Page) {
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const name = el.getAttribute('aria-label') ?? el.id ?? ''
      return `${el.tagName.toLowerCase()}:${name || (el.textContent ?? '').trim()}`
    })
  const tabTo = async (pattern: RegExp, maxPresses = 80) => {
    for (let i = 0; i < maxPresses; i++) {
      await page.keyboard.press('Tab')
      if (pattern.test(await focused())) return
    }
    throw new Error(`Tab never reached ${pattern}; focus is on ${await focused()}`)
  }
  return { focused, tabTo }
}

async function createIdentity(page: Page, name: string, roles: string[]) {
  await page.locator('#identity-name').fill(name)
  await page.locator('#identity-passphrase').fill(PASS)
  await page.locator('#identity-confirm').fill(PASS)
  for (const role of roles) await page.locator(`#identity-roles-${role}`).check()
  await page.getByRole('button', { name: 'Create identity' }).click()
  await page
    .getByRole('status')
    .filter({ hasText: `Created the identity ${name}` })
    .waitFor({ timeout: 60_000 })
}

/**
 * Signs in the open packet's sign-off panel with the keyboard only: opens the dialog, picks
 * the identity and role by typing, enters the passphrase and presses Enter.
 */
async function signByKeyboard(
  page: Page,
  who: string,
  role: string,
  check?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  const { tabTo, focused } = keyboard(page)
  await page.getByRole('button', { name: 'Sign or reject…' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: /^Sign off “.*”, revision 2$/ })
  await dialog.waitFor()
  const identity = dialog.getByLabel('Sign as')
  // Focus starts on the first choice, the identity.
  await expect.poll(focused).toMatch(/^select:.*identity/)
  for (
    let i = 0;
    i < 4 && !(await identity.locator('option:checked').textContent())?.startsWith(who);
    i++
  ) {
    await page.keyboard.press('ArrowDown')
  }
  expect(await identity.locator('option:checked').textContent()).toMatch(new RegExp(`^${who}`))
  await page.keyboard.press('Tab')
  const roleSelect = dialog.getByLabel('Role you sign in')
  for (
    let i = 0;
    i < 4 && !(await roleSelect.locator('option:checked').textContent())?.startsWith(role);
    i++
  ) {
    await page.keyboard.press('ArrowDown')
  }
  expect(await roleSelect.locator('option:checked').textContent()).toMatch(new RegExp(`^${role}`))
  if (check) await check(dialog)
  if (!/^input:.*passphrase/.test(await focused())) await tabTo(/^input:.*passphrase/)
  await page.keyboard.type(PASS)
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'detached', timeout: 60_000 })
}

describe.skipIf(!hasChromium)('Sign-off, export and pre-sync review (browser host)', () => {
  let app: E2eApp
  let dir: string
  snapshotFailures(() => app)

  beforeAll(async () => {
    ensureCliBuilt()
    app = await startE2eApp()
    dir = await mkdtemp(path.join(tmpdir(), 'evw-signoff-'))
  })
  afterAll(async () => {
    await app?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  it('signs a DPIA in two identities’ roles, exports it, verifies it and reviews it', async () => {
    const { page, errors } = await app.open('#/identities')
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    await createIdentity(page, 'Lee Legal', ['legal', 'dpo'])
    await createIdentity(page, 'Max Manager', ['accountable-manager'])

    // A verified demo DPIA: its demo sign-offs are real, and it is frozen.
    await page.goto(`${app.server.url}#/packets/${PACKET}`)
    await page.locator('.packet-editor h1').waitFor()
    const panel = page.getByTestId('signoff-panel')
    await panel.getByText('Dana Okafor').waitFor()
    expect(await panel.textContent()).toMatch(/3 of 3 approved/)

    // Change it: a new revision, complete, submitted for review.
    await page.getByRole('button', { name: 'Start a new revision' }).click()
    await expect
      .poll(() => page.locator('.packet-meta').textContent())
      .toMatch(/Draft.*Revision 2, version 1/)
    await page.getByRole('button', { name: 'Submit for review' }).first().click()
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/In review/)
    await expect.poll(() => panel.textContent()).toMatch(/0 of 3 approved/)
    expect(await panel.locator('.tag-wait').count()).toBe(3)
    await panel.getByText(/Earlier sign-offs \(3\)/).waitFor()
    await expectAccessibleInBothSchemes(page, 'Sign-off panel, waiting')

    // First signature (DPO), with the keyboard; on the way, a rejection without reason is
    // refused at the field and a wrong passphrase is said at its field.
    await signByKeyboard(page, 'Lee Legal', 'Data Protection Officer', async (dialog) => {
      const { tabTo, focused } = keyboard(page)
      const content = dialog.locator('.signed-content')
      expect(await content.textContent()).toContain('dpia/data-flow.txt')
      expect(await content.textContent()).toMatch(/[0-9a-f]{64}/)
      expect(await content.textContent()).toContain('Not packed yet')
      await expectAccessibleInBothSchemes(page, 'Sign dialog')
      await shot(page, 'dialog', false)
      await page.keyboard.press('Tab')
      expect(await focused()).toMatch(/^input:/)
      await page.keyboard.press('ArrowRight')
      expect(await dialog.getByRole('radio', { name: 'Reject' }).isChecked()).toBe(true)
      await tabTo(/^input:.*passphrase/)
      await page.keyboard.type('wrong passphrase entirely')
      await page.keyboard.press('Enter')
      await dialog.getByText('Say why you reject it').waitFor()
      expect(await focused()).toMatch(/^textarea:/)
      await page.keyboard.press('Shift+Tab')
      await page.keyboard.press('ArrowLeft')
      expect(await dialog.getByRole('radio', { name: 'Approve' }).isChecked()).toBe(true)
      await tabTo(/^input:.*passphrase/)
      await page.keyboard.type('wrong passphrase entirely')
      await page.keyboard.press('Enter')
      await dialog
        .getByText('That passphrase does not unlock this identity')
        .waitFor({ timeout: 60_000 })
      // Focus is back on the (emptied) passphrase field for the right one.
      expect(await focused()).toMatch(/^input:.*passphrase/)
    })
    await page
      .locator('.notice-ok')
      .filter({ hasText: 'Approved by Lee Legal as Data Protection Officer (1 of 3' })
      .waitFor()
    expect(await page.locator('.notice-ok').textContent()).toContain('packed the bundle')
    await expect.poll(() => panel.textContent()).toMatch(/1 of 3 approved/)
    expect(await panel.textContent()).toMatch(/statement SHA-256 [0-9a-f]{16}…/)

    await signByKeyboard(page, 'Lee Legal', 'Legal', async (dialog) => {
      // Now packed: the dialog shows the statement digest every sign-off names.
      await dialog.getByTestId('statement-digest').waitFor()
      expect(await dialog.getByTestId('statement-digest').textContent()).toMatch(/^[0-9a-f]{64}$/)
    })
    await expect.poll(() => panel.textContent()).toMatch(/2 of 3 approved/)
    await signByKeyboard(page, 'Max Manager', 'Accountable manager')
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/Signed/)
    await page
      .locator('.notice-ok')
      .filter({ hasText: 'Signed: approved by every required role' })
      .waitFor()
    const table = await panel.locator('.signoff-table').textContent()
    expect(table).toContain('Lee Legal')
    expect(table).toContain('Max Manager')
    expect(table).toMatch(/([0-9a-f]{4} ){3}[0-9a-f]{4}/)
    expect(await panel.locator('.tag-wait').count()).toBe(0)
    await shot(page, 'signed')
    await expectAccessibleInBothSchemes(page, 'Sign-off panel, signed')

    // Export: verified first, then downloaded as <packet id>-r<revision>.evb.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export bundle…' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`${PACKET}-r2.evb`)
    const bundlePath = path.join(dir, download.suggestedFilename())
    await download.saveAs(bundlePath)
    await panel.getByText(`Saved ${PACKET}-r2.evb`).waitFor()

    // The workspace keyring, exported on the Keys screen.
    await page.goto(`${app.server.url}#/identities`)
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    const [keyringDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the workspace keyring' }).click(),
    ])
    const keyringPath = path.join(dir, 'workspace-keyring.json')
    await keyringDownload.saveAs(keyringPath)

    // evw verify: the exported bundle verifies; one changed evidence byte does not, named.
    const cli = (file: string) =>
      spawnSync(process.execPath, [EVW, 'verify', file, '--keyring', keyringPath], {
        encoding: 'utf8',
      })
    const good = cli(bundlePath)
    expect(good.status, good.stdout + good.stderr).toBe(0)
    const tamperedPath = path.join(dir, `${PACKET}-r2-tampered.evb`)
    await writeFile(
      tamperedPath,
      await rewrite(new Uint8Array(await readFile(bundlePath)), (entries) => {
        const e = entry(entries, EVIDENCE)
        e.data = e.data.slice()
        e.data[0] = e.data[0]! ^ 1
        return entries
      }),
    )
    const bad = cli(tamperedPath)
    expect(bad.status).toBe(1)
    expect(bad.stdout + bad.stderr).toContain(EVIDENCE)
    expect(bad.stdout + bad.stderr).toContain('DIGEST_MISMATCH')

    // The Verify screen, trusting this workspace's keyring: the same two answers.
    const verifyOnScreen = async (file: string) => {
      await page.goto(`${app.server.url}#/verify`)
      await page.reload()
      await page.locator('main h1').waitFor()
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: /^Choose bundle/ }).click(),
      ])
      await chooser.setFiles(file)
      await page.getByRole('button', { name: 'Verify bundle' }).click()
      const verdict = page.locator('[data-verdict]')
      await verdict.waitFor({ timeout: 60_000 })
      return verdict
    }
    const verified = await verifyOnScreen(bundlePath)
    await expect.poll(() => verified.getAttribute('data-verdict')).toBe('verified')
    const rejected = await verifyOnScreen(tamperedPath)
    await expect.poll(() => rejected.getAttribute('data-verdict')).toBe('not-verified')
    expect(await page.locator('main').textContent()).toContain(EVIDENCE)

    // Pre-sync review: every check passes.
    await page.goto(`${app.server.url}#/packets/${PACKET}/review`)
    const verdict = page.getByTestId('review-verdict')
    await verdict.getByText('Ready to sync.').waitFor({ timeout: 90_000 })
    expect(await page.locator('.review-pass').count()).toBe(6)
    expect(await page.locator('.review-fail').count()).toBe(0)
    await shot(page, 'review')
    await expectAccessibleInBothSchemes(page, 'Pre-sync review, ready')

    // The audit trail of the packet lists each step.
    await page.goto(`${app.server.url}#/audit?packet=${PACKET}`)
    const timeline = page.getByRole('listbox', { name: 'Timeline' })
    await timeline
      .getByRole('option', { name: /Packet signed/ })
      .first()
      .waitFor()
    const steps = (await timeline.getByRole('option').allTextContents()).join('\n')
    for (const label of [
      'New packet revision started',
      'Packet submitted for review',
      'Bundle exported',
      'Sign-off added',
      'Packet signed',
    ]) {
      expect(steps).toContain(label)
    }
    expect(errors).toEqual([])
  })

  it('fails the pre-sync review of a packet in review, saying what to do, and can be cancelled', async () => {
    const { page, errors } = await app.open('#/packets/dpia-litware-reviews-2026-04/review')
    const verdict = page.getByTestId('review-verdict')
    await verdict.getByText(/Not ready to sync: 2 of 6 checks failed/).waitFor({ timeout: 90_000 })
    const signoffs = page.locator('[data-check="signoffs"]')
    expect(await signoffs.textContent()).toMatch(/Failed.*Waiting for Accountable manager/)
    expect(await signoffs.textContent()).toContain('What to do:')
    expect(await page.locator('[data-check="bundle"]').textContent()).toMatch(
      /no bundle for this revision yet/,
    )
    await expectAccessibleInBothSchemes(page, 'Pre-sync review, not ready')

    // Cancel while it runs (clicked in the frame after it starts): nothing reads as a pass.
    await page.evaluate(async () => {
      const buttons = () => [...document.querySelectorAll<HTMLButtonElement>('main button')]
      buttons()
        .find((b) => b.textContent === 'Check again')!
        .click()
      await new Promise((r) => requestAnimationFrame(r))
      buttons()
        .find((b) => b.textContent === 'Cancel')!
        .click()
    })
    await verdict.getByText(/the review was cancelled/).waitFor()
    expect(await verdict.textContent()).not.toContain('Ready to sync.')
    expect(errors).toEqual([])
  })
})

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
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ensureCliBuilt } from '../helpers/cli'
import {
  expectAccessibleInBothSchemes,
  hasChromium,
  screenshotter,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import {
  createIdentity,
  evwVerify,
  exportBundle,
  exportWorkspaceKeyring,
  keyboard,
  packetAuditSteps,
  signByKeyboard,
  waitForKeysScreen,
} from '../helpers/e2e-identities'
import { useE2eApp } from '../helpers/e2e-suite'
import { entry, rewrite } from '../helpers/zip-surgery'

warnIfNoChromium('signoff')

const shot = screenshotter('signoff')
/** A verified demo DPIA (revision 1, signed by the demo identities). */
const PACKET = 'dpia-fabrikam-traffic-2026-04'
const EVIDENCE = 'files/dpia/data-flow.txt'

describe.skipIf(!hasChromium)('Sign-off, export and pre-sync review (browser host)', () => {
  const suite = useE2eApp({ scratchPrefix: 'evw-signoff-', setup: ensureCliBuilt })

  it('signs a DPIA in two identities’ roles, exports it, verifies it and reviews it', async () => {
    const { app, dir } = suite
    const { page, errors } = await app.open('#/identities')
    await waitForKeysScreen(page)
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
    await signByKeyboard(page, 'Lee Legal', 'Data Protection Officer', {
      revision: 2,
      check: async (dialog) => {
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
      },
    })
    await page
      .locator('.notice-ok')
      .filter({ hasText: 'Approved by Lee Legal as Data Protection Officer (1 of 3' })
      .waitFor()
    expect(await page.locator('.notice-ok').textContent()).toContain('packed the bundle')
    await expect.poll(() => panel.textContent()).toMatch(/1 of 3 approved/)
    expect(await panel.textContent()).toMatch(/statement SHA-256 [0-9a-f]{16}…/)

    await signByKeyboard(page, 'Lee Legal', 'Legal', {
      revision: 2,
      check: async (dialog) => {
        // Now packed: the dialog shows the statement digest every sign-off names.
        await dialog.getByTestId('statement-digest').waitFor()
        expect(await dialog.getByTestId('statement-digest').textContent()).toMatch(/^[0-9a-f]{64}$/)
      },
    })
    await expect.poll(() => panel.textContent()).toMatch(/2 of 3 approved/)
    await signByKeyboard(page, 'Max Manager', 'Accountable manager', { revision: 2 })
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
    const bundlePath = await exportBundle(page, dir, `${PACKET}-r2.evb`)

    // The workspace keyring, exported on the Keys screen.
    const keyringPath = await exportWorkspaceKeyring(page, app.server.url, dir)

    // evw verify: the exported bundle verifies; one changed evidence byte does not, named.
    const cli = (file: string) => evwVerify(file, keyringPath)
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
    const steps = await packetAuditSteps(page, app.server.url, PACKET)
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
    const { app } = suite
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

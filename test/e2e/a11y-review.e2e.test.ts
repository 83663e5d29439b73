// End to end, the accessibility review and its gate: `evw a11y`'s engine sweeps the failing
// fixture page; the report is added to the evidence library of the demo workspace and attached
// to a partner source's draft packet; the pre-sync review's accessibility line fails and the
// readiness matrix shows "Fail". Then, by keyboard, as an identity holding the accountable
// manager role: every undecided element and manual check is decided (a Fail without a note is
// refused at its field), and every violation is waived with a rationale, role and expiry. The
// gate still fails until the review is added to the evidence library (shown there as a review
// record with each item's trail) and attached beside the report; then it passes, the matrix
// shows "Waived", and the audit trail lists the decisions. Zero axe
// violations, light and dark, on the review, the waive dialog, the gate and the matrix.
// EVW_SCREENSHOTS=1 saves screenshots to /tmp/evw-a11y-review-*.png.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { sweep } from '../../src/node/a11y/sweep'
import {
  expectAccessibleInBothSchemes,
  focused,
  hasChromium,
  screenshotter,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { createIdentity, waitForKeysScreen } from '../helpers/e2e-identities'
import { useE2eApp } from '../helpers/e2e-suite'
import { a11yFixture } from '../helpers/sweep-compare'

warnIfNoChromium('a11y review')
const shot = screenshotter('a11y-review')
const SOURCE = 'proseware-news'
const REPORT_FILE = 'proseware-card-a11y-sweep.json'

async function tabTo(page: Page, pattern: RegExp, maxPresses = 40) {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    if (pattern.test(await focused(page))) return
  }
  throw new Error(`Tab never reached ${pattern}; focus is on ${await focused(page)}`)
}

/** Selects the sweep report in the open evidence library. */
async function selectSweepReport(page: Page) {
  await page
    .getByRole('listbox', { name: 'Library' })
    .getByRole('option', { name: /a11y-sweep/ })
    .first()
    .click()
}

/** Attaches the library item named `fileName` (found by `search`) to the open packet, and saves. */
async function attachEvidence(page: Page, search: string, fileName: string) {
  await page.getByRole('button', { name: 'Attach evidence…' }).click()
  const picker = page.getByRole('dialog', { name: 'Attach evidence' })
  await picker.getByLabel('Search the evidence library').fill(search)
  await picker.locator('.picker-item', { hasText: fileName }).first().locator('input').check()
  await picker.getByLabel('Role in this packet').selectOption({ index: 1 })
  await picker.getByRole('button', { name: 'Attach' }).click()
  await picker.waitFor({ state: 'detached' })
  await page.getByRole('button', { name: 'Save', exact: true }).first().click()
  await page.locator('.notice-ok').waitFor()
}

describe.skipIf(!hasChromium)('Accessibility review, waivers and the gate (browser host)', () => {
  let reportPath: string
  const suite = useE2eApp({
    scratchPrefix: 'evw-a11y-review-',
    setup: async (dir) => {
      // Two pages: one with violations, one with text on a gradient that axe cannot judge.
      const report = await sweep({
        paths: ['failing', 'needs-review'].map((p) => a11yFixture(`${p}/index.html`)),
      })
      reportPath = path.join(dir, REPORT_FILE)
      await writeFile(reportPath, JSON.stringify(report))
    },
    timeout: 120_000,
  })

  it('gates a packet on its sweep report until every item is decided and every violation waived', async () => {
    const { app } = suite
    const { page, errors } = await app.open('#/identities')
    await waitForKeysScreen(page)

    // The readiness matrix of the demo workspace: no source has a report yet.
    await page.goto(`${app.server.url}#/readiness`)
    const row = page.locator(`tr[data-source-id="${SOURCE}"]`)
    const badge = row.locator('td[data-column="a11y"] [data-a11y-state]')
    await expect.poll(() => badge.getAttribute('data-a11y-state')).toBe('no-report')
    expect(await page.getByTestId('a11y-legend').textContent()).toMatch(
      /No report: no sweep report attached/,
    )
    const packetHref = await row
      .locator('td[data-template="request-to-connect"] a')
      .getAttribute('href')
    expect(packetHref).toMatch(/^#\/packets\//)
    const packetId = decodeURIComponent(packetHref!.slice('#/packets/'.length))

    // Add the report to the evidence library.
    await page.goto(`${app.server.url}#/evidence`)
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Add files…' }).click(),
    ])
    await chooser.setFiles([reportPath])
    await page.getByText('Added 1 item to the library.').waitFor()

    // The review says a person must act; without an identity it says where to choose one.
    await selectSweepReport(page)
    const status = page.getByTestId('a11y-review-status')
    await status.waitFor()
    expect(await status.textContent()).toMatch(
      /^Fail Fail: \d+ violations? not waived, \d+ items still to decide\.$/,
    )
    const review = page.locator('.a11y-review')
    expect(await review.textContent()).toContain('Decisions and waivers need a named reviewer')
    expect(await review.getByRole('link', { name: 'Keys' }).getAttribute('href')).toBe(
      '#/identities',
    )
    expect(await review.locator('form').count()).toBe(0)

    // Attach it to the source's draft request-to-connect packet, and save.
    await page.goto(`${app.server.url}#/packets/${encodeURIComponent(packetId)}`)
    await attachEvidence(page, 'a11y-sweep', REPORT_FILE)

    // The gate fails, saying what to do.
    await page.goto(`${app.server.url}#/packets/${encodeURIComponent(packetId)}/review`)
    const verdict = page.getByTestId('review-verdict')
    await verdict.getByText(/Not ready to sync/).waitFor({ timeout: 90_000 })
    const gate = page.locator('[data-check="accessibility"]')
    expect(await gate.textContent()).toMatch(/Failed.*1 sweep report of 1 not passed or waived/)
    expect(await gate.textContent()).toMatch(
      /To do: fix or waive \d+ violations?, decide \d+ items/,
    )
    expect(await gate.textContent()).toContain('What to do:')
    await expectAccessibleInBothSchemes(page, 'Pre-sync review, accessibility failing')

    // The matrix shows the source's report failing.
    await page.goto(`${app.server.url}#/readiness`)
    await expect.poll(() => badge.getAttribute('data-a11y-state')).toBe('fail')
    expect(await badge.textContent()).toBe('Fail')

    // Act as an identity holding the accountable manager role (the first one is the actor).
    await page.goto(`${app.server.url}#/identities`)
    await createIdentity(page, 'Max Manager', ['accountable-manager'])

    // Back to the report: decide every item by keyboard.
    await page.goto(`${app.server.url}#/evidence`)
    await selectSweepReport(page)
    await status.waitFor()
    expect(await review.textContent()).toMatch(
      /You decide as Max Manager .*holding Accountable manager/,
    )
    const forms = review.locator('form.a11y-decision')
    const total = await forms.count()
    expect(total).toBeGreaterThanOrEqual(10)
    // What axe could not decide is among them, with the element.
    const incomplete = review.locator('li[data-item-id^="incomplete|"]')
    expect(await incomplete.count()).toBeGreaterThan(0)
    expect(await incomplete.first().textContent()).toMatch(/axe could not decide.*Element:/)
    expect(await review.textContent()).toContain('Reflow at 400 %')
    expect(await review.textContent()).toContain('Required caveat banner present and legible')

    // A Fail without a note is refused at the note, which takes focus; then Pass instead.
    const first = forms.first()
    await first.getByRole('radio', { name: 'Fail' }).focus()
    await page.keyboard.press('Space')
    await tabTo(page, /^button:Record decision on /)
    await page.keyboard.press('Enter')
    await first.getByText('Say what fails').waitFor()
    expect(await focused(page)).toMatch(/^textarea:/)
    expect(await first.getByRole('textbox').getAttribute('aria-invalid')).toBe('true')
    await expectAccessibleInBothSchemes(page, 'Accessibility review, refused decision')
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page)).toBe('input[radio]:')
    await page.keyboard.press('ArrowLeft')
    expect(await first.getByRole('radio', { name: 'Pass' }).isChecked()).toBe(true)
    await tabTo(page, /^button:Record decision on /)
    await page.keyboard.press('Enter')
    await first.getByText('Recorded: passed.').waitFor()

    for (let i = 1; i < total; i++) {
      const form = forms.nth(i)
      await form.getByRole('radio', { name: 'Pass' }).focus()
      await page.keyboard.press('Space')
      await tabTo(page, /^textarea:/)
      if (i === 1)
        await page.keyboard.type('Checked at 400 % in Chromium; one column, nothing lost.')
      await tabTo(page, /^button:Record decision on /)
      await page.keyboard.press('Enter')
      await form.getByText('Recorded: passed.').waitFor()
    }
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Fail Fail: \d+ violations? not waived\.$/)
    expect(await review.locator('.a11y-state', { hasText: 'Passed by Max Manager' }).count()).toBe(
      total,
    )
    expect(await review.textContent()).toContain('one column, nothing lost')

    // Waive each violation through its dialog, by keyboard.
    const waive = review.getByRole('button', { name: /^Waive… / })
    const violations = await waive.count()
    expect(violations).toBeGreaterThanOrEqual(1)
    for (let i = 0; i < violations; i++) {
      const button = review.getByRole('button', { name: /^Waive… / }).first()
      await button.focus()
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Waive a violation' })
      await dialog.waitFor()
      expect(await focused(page)).toMatch(/^textarea:/)
      if (i === 0) {
        // Too short a rationale is refused at its field.
        await page.keyboard.type('later')
        await tabTo(page, /^button:Waive$/)
        await page.keyboard.press('Enter')
        await dialog.getByText(/at least 20 characters; 5 so far/).waitFor()
        expect(await focused(page)).toMatch(/^textarea:/)
        await expectAccessibleInBothSchemes(page, 'Waive dialog with a problem')
        await shot(page, 'waive')
        await page.keyboard.press('Control+A')
      }
      await page.keyboard.type('Partner-supplied card; the partner ships the fix in release 12.')
      expect(await dialog.getByLabel('Approver role').inputValue()).toBe('accountable-manager')
      await tabTo(page, /^button:Waive$/)
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'detached' })
      await expect.poll(() => focused(page)).toMatch(/^button:Waive again… /)
    }
    await expect
      .poll(() => status.textContent())
      .toMatch(/^Waived Waived: \d+ violations? under a waiver in force/)
    expect(await review.textContent()).toMatch(/Waived until \d{4}-\d{2}-\d{2} by Max Manager/)
    expect(await page.getByTestId('a11y-review-summary').textContent()).toMatch(
      /Review status: Waived/,
    )
    await shot(page, 'report')
    await expectAccessibleInBothSchemes(page, 'Accessibility review, waived')

    // The review lives in the workspace only: the gate wants it attached beside the report.
    await page.goto(`${app.server.url}#/packets/${encodeURIComponent(packetId)}/review`)
    await verdict.getByText(/Not ready to sync|Ready to sync/).waitFor({ timeout: 90_000 })
    expect(await gate.textContent()).toMatch(/Failed/)
    expect(await gate.textContent()).toContain(
      `No review of it is attached. To do: Attach the current review of ${REPORT_FILE} to this packet.`,
    )

    // Add the review to the evidence library, by keyboard, from the report.
    await page.goto(`${app.server.url}#/evidence`)
    await selectSweepReport(page)
    await status.waitFor()
    const add = review.getByRole('button', { name: 'Add the review to the evidence library' })
    await add.focus()
    await page.keyboard.press('Enter')
    const saved = page.getByTestId('a11y-review-saved')
    await saved.getByText('Added to the evidence library').waitFor()
    const reviewFile = (await saved.textContent())!.match(/\(([^,]+\.review-[\d-]+\.json),/)![1]!
    expect(reviewFile).toMatch(/^proseware-card-a11y-sweep\.review-\d{4}-\d{2}-\d{2}\.json$/)
    expect(await review.textContent()).toContain('Packets carrying this report:')
    expect(await review.locator('.a11y-review-save li a').first().getAttribute('href')).toBe(
      `#/packets/${encodeURIComponent(packetId)}`,
    )
    await expectAccessibleInBothSchemes(page, 'Accessibility review added as evidence')

    // The review record reads as a review: status and each item's trail, as text.
    await page
      .getByRole('listbox', { name: 'Library' })
      .getByRole('option', { name: /Accessibility review of/ })
      .first()
      .click()
    const record = page.locator('.a11y-review-record')
    await record.waitFor()
    expect(await record.locator('.verdict-line').textContent()).toMatch(
      /^Waived Accessibility review, computed on \d{4}-\d{2}-\d{2}: Waived: \d+ violations? under a waiver in force/,
    )
    expect(await record.textContent()).toMatch(/Passed by Max Manager \([0-9a-f]{16}\) on /)
    expect(await record.textContent()).toContain('one column, nothing lost')
    expect(await record.textContent()).toMatch(
      /Waived until \d{4}-\d{2}-\d{2} by Max Manager .* as Accountable manager: “Partner-supplied card/,
    )
    await shot(page, 'record')
    await expectAccessibleInBothSchemes(page, 'Accessibility review record as evidence')

    // Attach it to the packet beside the report, and save.
    await page.goto(`${app.server.url}#/packets/${encodeURIComponent(packetId)}`)
    await attachEvidence(page, 'a11y-review', reviewFile)

    // The gate passes.
    await page.goto(`${app.server.url}#/packets/${encodeURIComponent(packetId)}/review`)
    await verdict.getByText(/Not ready to sync|Ready to sync/).waitFor({ timeout: 90_000 })
    expect(await gate.textContent()).toMatch(/Passed.*1 sweep report reviewed: waived\./)
    expect(await gate.textContent()).toContain(`Review attached as ${reviewFile}.`)
    await expectAccessibleInBothSchemes(page, 'Pre-sync review, accessibility waived')

    // The matrix shows it, as a word and an icon, with the legend.
    await page.goto(`${app.server.url}#/readiness`)
    await expect.poll(() => badge.getAttribute('data-a11y-state')).toBe('waived')
    expect(await badge.textContent()).toBe('Waived')
    expect(await badge.locator('svg').count()).toBe(1)
    await shot(page, 'readiness')
    await expectAccessibleInBothSchemes(page, 'Readiness matrix with accessibility')

    // The audit trail lists each decision and waiver.
    await page.goto(`${app.server.url}#/audit`)
    const timeline = page.getByRole('listbox', { name: 'Timeline' })
    await timeline
      .getByRole('option', { name: /Accessibility violation waived/ })
      .first()
      .waitFor()
    expect(
      await timeline.getByRole('option', { name: /Accessibility item decided/ }).count(),
    ).toBeGreaterThanOrEqual(Math.min(total, 5))
    expect(
      await timeline
        .getByRole('option', { name: /Accessibility review saved as evidence/ })
        .count(),
    ).toBe(1)
    expect(errors).toEqual([])
  })
})

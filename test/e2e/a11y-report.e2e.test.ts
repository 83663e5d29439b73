// End to end, a sweep report as evidence: `evw a11y`'s engine sweeps the fixture pages, the report
// is added to the evidence library through the file chooser, and its preview reads as a report:
// violations grouped by WCAG criterion with impact, the element, an outlined screenshot crop,
// why it fails (the measured contrast) and how to fix it, what axe could not decide, and the
// blocked requests. axe-core (WCAG 2.2 AA) finds nothing on the report, light and dark.
// EVW_SCREENSHOTS=1 saves screenshots to /tmp/evw-a11y-report-*.png.
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { sweep } from '../../src/node/a11y/sweep'
import {
  expectAccessible,
  hasChromium,
  SCREENSHOTS,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { openEmptyWorkspace, useE2eApp } from '../helpers/e2e-suite'
import { a11yFixture } from '../helpers/sweep-compare'

warnIfNoChromium('a11y report')

describe.skipIf(!hasChromium)('Accessibility sweep report as evidence (browser host)', () => {
  let reportPath: string
  let page: Page
  const suite = useE2eApp({
    scratchPrefix: 'evw-a11y-report-',
    setup: async (dir) => {
      const report = await sweep({
        paths: [a11yFixture('failing/index.html'), a11yFixture('scripted/index.html')],
      })
      reportPath = path.join(dir, 'partner-card-a11y-sweep.json')
      await writeFile(reportPath, JSON.stringify(report, null, 2))
    },
    timeout: 120_000,
  })

  beforeAll(async () => {
    ;({ page } = await suite.app.open('#/workspace'))
    await openEmptyWorkspace(page, 'A11y e2e')
  }, 120_000)

  it('adds the report and reads it by criterion, with crops, reasons and fixes', async () => {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Add files…' }).click(),
    ])
    await chooser.setFiles([reportPath])
    await page.getByText('Added 1 item to the library.').waitFor()
    await page.getByRole('listbox', { name: 'Library' }).getByRole('option').first().click()
    const report = page.locator('.a11y-report')
    await report.waitFor()
    expect(await report.getByRole('status').textContent()).toMatch(
      /^Fail Accessibility sweep of 2 pages: 5 violations on 7 elements/,
    )
    const failing = report.getByRole('region', { name: /failing\/index\.html: 1\.4\.3/ })
    expect(await failing.textContent()).toContain('Contrast 1.67:1, needs 4.5:1')
    expect(await failing.textContent()).toContain('How to fix: Darken the text')
    expect(await failing.textContent()).toContain('Impact: serious')
    // Criteria in WCAG order, each with its name.
    const criteria = await report.locator('h5').allTextContents()
    expect(criteria.slice(0, 3)).toEqual([
      '1.1.1 Non-text Content',
      '1.4.3 Contrast (Minimum)',
      '2.5.8 Target Size (Minimum)',
    ])
    // Each failing element of the first page has its crop, described for screen readers.
    const crops = report.getByRole('img', { name: /outlined in red/ })
    expect(await crops.count()).toBeGreaterThanOrEqual(5)
    expect(
      await crops.first().evaluate((img) => (img as HTMLImageElement).naturalWidth),
    ).toBeGreaterThan(0)
    // The blocked requests of the scripted page, opened with the keyboard.
    const blocked = report.getByText(/requests blocked by the isolation/)
    await blocked.focus()
    await page.keyboard.press('Enter')
    expect(await report.locator('.a11y-blocked').textContent()).toContain(
      'image https://images.example.com/remote.png',
    )
    if (SCREENSHOTS)
      await page.screenshot({ path: '/tmp/evw-a11y-report-light.png', fullPage: true })
    await expectAccessible(page, 'a11y report (light)')
  })

  it('has no axe violations in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' })
    await page.locator('.a11y-report').waitFor()
    if (SCREENSHOTS)
      await page.screenshot({ path: '/tmp/evw-a11y-report-dark.png', fullPage: true })
    await expectAccessible(page, 'a11y report (dark)')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('follows the high-contrast preference, light and dark, with no axe violations', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme, contrast: 'more' })
      const text = await page.evaluate(() => getComputedStyle(document.body).color)
      expect(text).toBe(colorScheme === 'light' ? 'rgb(0, 0, 0)' : 'rgb(255, 255, 255)')
      if (SCREENSHOTS) await page.screenshot({ path: `/tmp/evw-a11y-report-hc-${colorScheme}.png` })
      await expectAccessible(page, `a11y report (high contrast, ${colorScheme})`)
    }
    await page.emulateMedia({ colorScheme: 'light', contrast: 'no-preference' })
  })
})

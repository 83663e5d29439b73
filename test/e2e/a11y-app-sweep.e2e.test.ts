// End to end, the app's own accessibility sweep gives what `evw a11y` gives. The browser app is
// served by the same local server as `npm run web`, which offers the sweep (scripts/
// web-sweep.mjs); the user sweeps the fixture pages with "Sweep pages…", the report lands in
// the evidence library and opens; the built CLI sweeps the same pages with --json; both report
// the same violations (page, rule, element) and the same blocked requests. Also: Cancel stops
// a sweep and adds nothing, the endpoint refuses other origins, and the new controls pass axe
// (WCAG 2.2 AA) light and dark.
import { request as httpRequest } from 'node:http'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepReport } from '../../src/core/a11y/sweep-report'
import { ensureCliBuilt, removeScratchDirs } from '../helpers/cli'
import {
  expectAccessibleInBothSchemes,
  hasChromium,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { openEmptyWorkspace, useE2eApp } from '../helpers/e2e-suite'
import { a11yFixture, cliSweep, sweepBlocked, sweepViolations } from '../helpers/sweep-compare'

warnIfNoChromium('a11y app sweep')
const T = 120_000

/**
 * Keeps a copy of every answer of the sweep endpoint in the page (a clone of the response, so
 * the app still reads its progress as it streams).
 */
async function recordSweepAnswers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __sweepAnswers?: Promise<string>[] }
    if (w.__sweepAnswers) return
    w.__sweepAnswers = []
    const original = window.fetch.bind(window)
    window.fetch = async (input, init) => {
      const response = await original(input, init)
      if (String(input).includes('api/a11y/sweep')) w.__sweepAnswers!.push(response.clone().text())
      return response
    }
  })
}

/** The report the app received, read from the endpoint's NDJSON answer. */
async function appSweep(page: Page, files: string[]): Promise<SweepReport> {
  await recordSweepAnswers(page)
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Sweep pages…' }).click(),
  ])
  await chooser.setFiles(files)
  await page.getByText('Added 1 item to the library.').waitFor({ timeout: 60_000 })
  const answer = await page.evaluate(() => {
    const w = window as unknown as { __sweepAnswers: Promise<string>[] }
    return w.__sweepAnswers.at(-1)!
  })
  const lines = answer.trim().split('\n')
  expect(lines.length).toBeGreaterThan(1)
  const last = JSON.parse(lines.at(-1)!) as { type: string; report: SweepReport }
  expect(last.type).toBe('report')
  return last.report
}

function post(
  url: string,
  headers: Record<string, string>,
  body = 'x',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (text += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }))
    })
    req.on('error', reject)
    req.end(body)
  })
}

describe.skipIf(!hasChromium)(
  'Accessibility sweep in the app (browser host + local server)',
  () => {
    const suite = useE2eApp({ setup: ensureCliBuilt, timeout: T })
    let page: Page

    beforeAll(async () => {
      ;({ page } = await suite.app.open('#/workspace'))
      await openEmptyWorkspace(page, 'Sweep e2e')
    }, T)

    afterAll(() => removeScratchDirs())

    it(
      'finds what evw a11y finds on a page with a contrast failure, a missing alt and small targets',
      async () => {
        await page.getByRole('button', { name: 'Sweep pages…' }).waitFor()
        await expectAccessibleInBothSchemes(page, 'evidence with the sweep actions')
        const files = ['index.html', 'card.css', 'logo.png'].map((f) => a11yFixture(`failing/${f}`))
        const fromApp = await appSweep(page, files)
        const fromCli = cliSweep(a11yFixture('failing'))
        expect(sweepViolations(fromApp)).toEqual(sweepViolations(fromCli))
        expect(fromApp.pages[0]!.axe!.violations.map((v) => v.id).sort()).toEqual([
          'color-contrast',
          'image-alt',
          'target-size',
        ])
        expect(sweepBlocked(fromApp)).toEqual(sweepBlocked(fromCli))
        expect(fromApp.pages[0]!.crops).toHaveLength(fromCli.pages[0]!.crops.length)
        expect(fromApp.pages[0]!.assets).toEqual(fromCli.pages[0]!.assets)
        expect(fromApp.isolation.csp).toBe(fromCli.isolation.csp)
        expect(fromApp.viewport).toEqual(fromCli.viewport)
        // The inputs are named as the user chose them, not by the server's temporary folder.
        expect(fromApp.inputs[0]!.path).toBe('chosen files')
        // The report opened as a report, and the screen passes its own sweep.
        await page
          .getByRole('status')
          .getByText(/Swept 1 page: 3 rules violated/)
          .waitFor()
        const report = page.locator('.a11y-report')
        await report.waitFor()
        expect(await report.getByRole('status').textContent()).toMatch(/^Fail Accessibility sweep/)
        await expectAccessibleInBothSchemes(page, 'swept report opened')
      },
      T,
    )

    it(
      'blocks the page’s scripts and lists the same requests as evw a11y',
      async () => {
        const files = ['index.html', 'tracker.js'].map((f) => a11yFixture(`scripted/${f}`))
        const fromApp = await appSweep(page, files)
        const fromCli = cliSweep(a11yFixture('scripted'))
        const swept = fromApp.pages[0]!
        expect(swept.status, swept.error).toBe('swept')
        // The inline script would have named the empty button; axe still finds it unnamed.
        const unnamed = swept.axe!.violations.find((v) => v.id === 'button-name')
        expect(unnamed?.nodes.map((n) => n.target)).toEqual([['#unnamed']])
        expect(sweepViolations(fromApp)).toEqual(sweepViolations(fromCli))
        expect(sweepBlocked(fromApp)).toEqual(sweepBlocked(fromCli))
        expect(sweepBlocked(fromApp)).toEqual(
          expect.arrayContaining([
            expect.stringMatching(
              /^index\.html script http:\/\/input-1\.sweep\.invalid\/tracker\.js refused by the CSP/,
            ),
            expect.stringMatching(
              /^index\.html image https:\/\/images\.example\.com\/remote\.png /,
            ),
          ]),
        )
        expect(swept.assets).toEqual([])
      },
      T,
    )

    it(
      'cancels a sweep and adds nothing',
      async () => {
        const [chooser] = await Promise.all([
          page.waitForEvent('filechooser'),
          page.getByRole('button', { name: 'Sweep pages…' }).click(),
        ])
        await chooser.setFiles([a11yFixture('clean/index.html')])
        const cancel = page.getByRole('button', { name: 'Cancel' })
        await cancel.waitFor()
        // Focus moved to Cancel, so a keyboard user stops it with Enter.
        await expect.poll(() => cancel.evaluate((el) => el === document.activeElement)).toBe(true)
        await page.keyboard.press('Enter')
        await page.getByText('Sweep cancelled. Nothing was added').waitFor()
        expect(
          await page.getByRole('listbox', { name: 'Library' }).getByRole('option').count(),
        ).toBe(2)
        // The server is free again: the next sweep runs.
        const fromApp = await appSweep(page, [a11yFixture('clean/index.html')])
        expect(fromApp.summary.violations).toBe(0)
      },
      T,
    )

    it('refuses sweeps from other origins and malformed uploads', async () => {
      const { app } = suite
      const url = `${app.server.url}api/a11y/sweep`
      const own = app.server.url.replace(/\/$/, '')
      const files = encodeURIComponent(JSON.stringify([{ path: 'a.html', size: 1 }]))
      const base = { 'content-type': 'application/octet-stream', 'x-evw-files': files }
      expect((await post(url, base)).status).toBe(403)
      expect((await post(url, { ...base, origin: 'http://evil.example' })).status).toBe(403)
      expect(
        (await post(url, { ...base, origin: own, 'sec-fetch-site': 'cross-site' })).status,
      ).toBe(403)
      expect((await post(url, { ...base, origin: own, host: 'evil.example' })).status).toBe(403)
      const badName = encodeURIComponent(JSON.stringify([{ path: '../a.html', size: 1 }]))
      const r = await post(url, { ...base, origin: own, 'x-evw-files': badName })
      expect(r.status).toBe(400)
      expect(r.text).toContain('Not an acceptable file name')
      const caps = await fetch(`${app.server.url}api/capabilities`)
      expect(await caps.json()).toEqual({ a11ySweep: { available: true } })
    })

    it('says on the About screen that this server sweeps', async () => {
      await page.getByRole('link', { name: 'About', exact: true }).click()
      const row = page.getByRole('row', { name: /Sweep HTML pages for accessibility/ })
      await row.getByText(/the local server of npm run web sweeps/).waitFor()
      await expectAccessibleInBothSchemes(page, 'about')
    })
  },
)

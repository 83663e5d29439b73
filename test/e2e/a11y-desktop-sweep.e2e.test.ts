// End to end in the desktop app: "Sweep a folder of pages…" sweeps the fixture pages in the
// hidden, sandboxed sweep window (src/main/a11y-sweep-window.ts) and finds what `evw a11y` finds
// on the same pages: the same violations (page, rule, element) and the same blocked requests;
// page scripts do not run. The native open dialog is stubbed in main to answer with the fixture
// folder. Needs the Electron binary; where it is absent (as on CI machines without network) the
// suite is skipped with one line saying so.
import type { ElectronApplication, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepReport } from '../../src/core/a11y/sweep-report'
import { ensureCliBuilt, removeScratchDirs } from '../helpers/cli'
import { hasChromium } from '../helpers/e2e-browser'
import {
  electronBinary,
  ensureElectronBuild,
  launchElectronApp,
  warnIfNoElectron,
} from '../helpers/electron-app'
import { a11yFixture, cliSweep, sweepBlocked, sweepViolations } from '../helpers/sweep-compare'

const T = 120_000

warnIfNoElectron(
  'a11y-desktop-sweep',
  'The same comparison runs through the browser host in a11y-app-sweep.e2e.test.ts.',
)
if (electronBinary && !hasChromium)
  console.warn('[e2e] SKIPPED a11y-desktop-sweep: the CLI side needs /usr/bin/chromium.')

describe.skipIf(!electronBinary || !hasChromium)('desktop sweep window (Electron)', () => {
  let app: ElectronApplication
  let page: Page

  beforeAll(async () => {
    ensureCliBuilt()
    ensureElectronBuild()
    ;({ app, page } = await launchElectronApp())
    await page.goto(page.url().replace(/#.*$/, '#/workspace'))
    await page.getByLabel('Workspace name').fill('Desktop sweep')
    await page.getByRole('button', { name: 'Create and open' }).click()
    await page.getByText('Created and opened Desktop sweep.').waitFor()
    await page.getByRole('link', { name: 'Evidence', exact: true }).click()
  }, T)

  afterAll(async () => {
    await app?.close()
    removeScratchDirs()
  })

  for (const name of ['failing', 'scripted']) {
    it(
      `sweeps ${name}/ as evw a11y does`,
      async () => {
        const folder = a11yFixture(name)
        await app.evaluate(({ dialog }, chosen) => {
          dialog.showOpenDialog = (async () => ({
            canceled: false,
            filePaths: [chosen],
          })) as typeof dialog.showOpenDialog
        }, folder)
        // The report as main hands it to the renderer, through the preload's bridge.
        const answered = page.evaluate(async () => {
          const evw = (
            window as unknown as { evw: Record<string, (...a: unknown[]) => Promise<unknown>> }
          ).evw
          const started = (await evw['a11y:sweep-start']!('folder')) as { job: string }
          for (;;) {
            const s = (await evw['a11y:sweep-status']!(started.job)) as {
              state: string
              report?: unknown
            }
            if (s.state !== 'running') return s
            await new Promise((r) => setTimeout(r, 200))
          }
        })
        const status = (await answered) as { state: string; report: SweepReport }
        expect(status.state).toBe('done')
        const fromApp = status.report
        const fromCli = cliSweep(folder)
        expect(sweepViolations(fromApp)).toEqual(sweepViolations(fromCli))
        expect(sweepBlocked(fromApp)).toEqual(sweepBlocked(fromCli))
        expect(fromApp.viewport).toEqual({ width: 1280, height: 800, deviceScaleFactor: 1 })
        expect(fromApp.isolation.csp).toBe(fromCli.isolation.csp)
        expect(fromApp.pages[0]!.status).toBe('swept')
        expect(fromApp.pages[0]!.crops.length).toBe(fromCli.pages[0]!.crops.length)
        // And through the screen: the report is added to the library and opened.
        await page.getByRole('button', { name: 'Sweep a folder of pages…' }).click()
        await page.getByText('Added 1 item to the library.').waitFor({ timeout: 60_000 })
        await page.locator('.a11y-report').waitFor()
      },
      T,
    )
  }
})

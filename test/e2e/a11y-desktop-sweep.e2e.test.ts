// End to end in the desktop app: "Sweep a folder of pages…" sweeps the fixture pages in the
// hidden, sandboxed sweep window (src/main/a11y-sweep-window.ts) and finds what `evw a11y` finds
// on the same pages: the same violations (page, rule, element) and the same blocked requests;
// page scripts do not run. The native open dialog is stubbed in main to answer with the fixture
// folder. Needs the Electron binary; where it is absent (as on CI machines without network) the
// suite is skipped with one line saying so.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SweepReport } from '../../src/core/a11y/sweep-report'
import { ensureCliBuilt, removeScratchDirs, scratch } from '../helpers/cli'
import { hasChromium } from '../helpers/e2e-browser'

const REPO_ROOT = path.resolve(__dirname, '../..')
const require = createRequire(import.meta.url)
const fixture = (p: string) => path.join(REPO_ROOT, 'test/fixtures/a11y', p)
const T = 120_000

function electronBinary(): string | undefined {
  let dir: string
  try {
    dir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return undefined
  }
  const pathFile = path.join(dir, 'path.txt')
  if (!existsSync(pathFile)) return undefined
  const full = path.join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(full) ? full : undefined
}

const binary = electronBinary()
if (!binary) {
  console.warn(
    '[e2e] SKIPPED a11y-desktop-sweep: no Electron binary is installed on this machine (node_modules/electron/dist is missing; `npx install-electron` fetches it where there is network). The same comparison runs through the browser host in a11y-app-sweep.e2e.test.ts.',
  )
} else if (!hasChromium) {
  console.warn('[e2e] SKIPPED a11y-desktop-sweep: the CLI side needs /usr/bin/chromium.')
}

const violations = (r: SweepReport) =>
  r.pages
    .flatMap((p) =>
      (p.axe?.violations ?? []).flatMap((v) =>
        v.nodes.map((n) => `${p.path} ${v.id} ${JSON.stringify(n.target)}`),
      ),
    )
    .sort()

// A denied navigation (the fixture's delayed meta refresh) depends on the sweep's duration;
// the source location of a CSP refusal is not reported every time.
const blocked = (r: SweepReport) =>
  r.pages
    .flatMap((p) =>
      p.blocked
        .filter((b) => b.reason !== 'navigation denied')
        .map((b) => `${p.path} ${b.resourceType} ${b.url} ${b.reason.replace(/ at \S+$/, '')}`),
    )
    .sort()

describe.skipIf(!binary || !hasChromium)('desktop sweep window (Electron)', () => {
  let app: ElectronApplication
  let page: Page

  beforeAll(async () => {
    ensureCliBuilt()
    const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
    if (!built.every((p) => existsSync(path.join(REPO_ROOT, p)))) {
      execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
        cwd: REPO_ROOT,
        stdio: 'inherit',
      })
    }
    const env = { ...process.env } as Record<string, string>
    delete env.ELECTRON_RENDERER_URL
    delete env.ELECTRON_RUN_AS_NODE
    app = await _electron.launch({
      executablePath: binary!,
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), REPO_ROOT],
      env,
    })
    page = await app.firstWindow()
    await page.locator('main h1').waitFor()
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
        const folder = fixture(name)
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
        const s = scratch()
        const r = s.evw(['a11y', folder, '--json'])
        const fromCli = JSON.parse(r.stdout) as SweepReport
        expect(violations(fromApp)).toEqual(violations(fromCli))
        expect(blocked(fromApp)).toEqual(blocked(fromCli))
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

// The desktop app for end-to-end tests: finds the Electron executable without triggering its
// download, builds the app when out/ lacks it, and launches it with Playwright's
// _electron.launch on its first window.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { _electron, type ElectronApplication, type Page } from 'playwright-core'

export const REPO_ROOT = path.resolve(__dirname, '../..')
const require = createRequire(import.meta.url)

/** The Electron executable when installed, found without triggering its download. */
function findElectronBinary(): string | undefined {
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

export const electronBinary = findElectronBinary()

/** Prints the one line a suite shows when no Electron binary is installed (then it skips). */
export function warnIfNoElectron(suite: string, note = ''): void {
  if (!electronBinary)
    console.warn(
      `[e2e] SKIPPED ${suite}: no Electron binary is installed on this machine (node_modules/electron/dist is missing; \`npx install-electron\` fetches it where there is network).${note ? ` ${note}` : ''}`,
    )
}

/** Builds the desktop app (electron-vite) unless out/ already holds main, preload and renderer. */
export function ensureElectronBuild(): void {
  const built = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']
  if (!built.every((p) => existsSync(path.join(REPO_ROOT, p)))) {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    })
  }
}

/** Launches the built desktop app and waits for its first window to show a screen. */
export async function launchElectronApp(): Promise<{ app: ElectronApplication; page: Page }> {
  if (!electronBinary) throw new Error('No Electron binary is installed on this machine.')
  const env = { ...process.env } as Record<string, string>
  delete env.ELECTRON_RENDERER_URL
  delete env.ELECTRON_RUN_AS_NODE
  const app = await _electron.launch({
    executablePath: electronBinary,
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), REPO_ROOT],
    env,
  })
  const page = await app.firstWindow()
  await page.locator('main h1').waitFor()
  return { app, page }
}

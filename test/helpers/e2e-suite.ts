// The frame of a browser end-to-end suite: its app (the browser build in Chromium, with failure
// snapshots), started before the suite's tests and closed after them, an optional scratch folder
// removed afterwards, and the empty workspace a suite can start from.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { snapshotFailures, startE2eApp, type E2eApp } from './e2e-browser'

export interface E2eSuiteOptions {
  /** Makes a scratch folder named after this prefix in the system's temporary folder. */
  scratchPrefix?: string
  /** Runs before the app starts (after the scratch folder is made), e.g. to build the CLI. */
  setup?: (dir: string) => unknown
  /** The time beforeAll may take, in ms. */
  timeout?: number
}

/**
 * Starts the suite's app before its tests and closes it after them, with failure snapshots.
 * Call inside describe; read `app` and `dir` inside the tests.
 */
export function useE2eApp(options: E2eSuiteOptions = {}): {
  readonly app: E2eApp
  readonly dir: string
} {
  let app: E2eApp | undefined
  let dir: string | undefined
  snapshotFailures(() => app)
  beforeAll(async () => {
    if (options.scratchPrefix) dir = await mkdtemp(path.join(tmpdir(), options.scratchPrefix))
    await options.setup?.(dir ?? '')
    app = await startE2eApp()
  }, options.timeout)
  afterAll(async () => {
    await app?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })
  return {
    get app() {
      if (!app) throw new Error('The app starts in beforeAll: use it inside a test.')
      return app
    },
    get dir() {
      if (!dir) throw new Error('No scratch folder: pass scratchPrefix, and use it inside a test.')
      return dir
    },
  }
}

/**
 * From the demo workspace, creates and opens an empty workspace named `name`, then opens its
 * (empty) evidence library.
 */
export async function openEmptyWorkspace(page: Page, name: string): Promise<void> {
  await page.getByTestId('demo-banner').waitFor()
  await page.getByLabel('Workspace name').fill(name)
  await page.getByRole('button', { name: 'Create and open' }).click()
  await page.getByText(`Created and opened ${name}.`).waitFor()
  await page.getByRole('link', { name: 'Evidence', exact: true }).click()
  await page.getByText('The library is empty').waitFor()
}

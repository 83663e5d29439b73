// Runs once before any test file. The end-to-end files run in parallel workers and each
// checks that the browser build is current; building it here first means no two workers ever
// rebuild out/web at once (a build empties the folder, which would break the other worker's
// pages mid-test).
// The CLI is built here too, once, for the same reason; ensureCliBuilt then finds it built.
import { ensureCliBuilt } from './helpers/cli'
import { ensureWebBuild, hasChromium } from './helpers/e2e-browser'

export default async function setup(): Promise<void> {
  ensureCliBuilt()
  if (!hasChromium) return
  try {
    await ensureWebBuild()
  } catch (e) {
    // Unit tests need no browser build; the e2e files will try again and fail on their own.
    console.warn(`[e2e] the browser build failed: ${String(e)}`)
  }
}

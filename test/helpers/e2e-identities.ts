// Steps the end-to-end tests share around identities and sign-offs: moving through a screen with
// the keyboard, creating identities on the Keys screen, signing in the Sign dialog by keyboard,
// exporting the signed bundle and the workspace keyring, reading a packet's audit trail, and
// running the built `evw` CLI on what was exported.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect } from 'vitest'
import { EVW } from './cli'

/** The passphrase of every identity these tests create. */
export const E2E_PASSPHRASE = 'copper kettle morning tide'

/** Keyboard helpers for one page. */
export function keyboard(page: Page) {
  /** The focused element as `tag:name` (its aria-label, else its id, else its text). */
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const name = el.getAttribute('aria-label') ?? el.id ?? ''
      return `${el.tagName.toLowerCase()}:${name || (el.textContent ?? '').trim()}`
    })
  /** Presses Tab until the focused element matches, or fails saying where focus is. */
  const tabTo = async (pattern: RegExp, maxPresses = 80) => {
    for (let i = 0; i < maxPresses; i++) {
      await page.keyboard.press('Tab')
      if (pattern.test(await focused())) return
    }
    throw new Error(`Tab never reached ${pattern}; focus is on ${await focused()}`)
  }
  /** Focuses a control and presses Enter on it (a button or link, used with the keyboard). */
  const press = async (target: Locator) => {
    await target.focus()
    await page.keyboard.press('Enter')
  }
  /** Focuses a field, selects what it holds and types the text. */
  const typeInto = async (target: Locator, text: string) => {
    await target.focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    await page.keyboard.type(text)
  }
  return { focused, tabTo, press, typeInto }
}

/** Waits for the Keys screen's heading. */
export async function waitForKeysScreen(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
}

/**
 * Creates an identity on the open Keys screen with E2E_PASSPHRASE and the given role ids, and
 * waits for the screen to say so. The first identity of a workspace is the one it acts as.
 */
export async function createIdentity(page: Page, name: string, roles: string[]): Promise<void> {
  await page.locator('#identity-name').fill(name)
  await page.locator('#identity-passphrase').fill(E2E_PASSPHRASE)
  await page.locator('#identity-confirm').fill(E2E_PASSPHRASE)
  for (const role of roles) await page.locator(`#identity-roles-${role}`).check()
  await page.getByRole('button', { name: 'Create identity' }).click()
  await page
    .getByRole('status')
    .filter({ hasText: `Created the identity ${name}` })
    .waitFor({ timeout: 60_000 })
}

/** Presses ArrowDown (at most four times) until the select shows an option starting with `text`. */
async function chooseByArrows(page: Page, select: Locator, text: string): Promise<void> {
  const checked = () => select.locator('option:checked').textContent()
  for (let i = 0; i < 4 && !(await checked())?.startsWith(text); i++) {
    await page.keyboard.press('ArrowDown')
  }
  expect(await checked()).toMatch(new RegExp(`^${text}`))
}

/**
 * Signs in the open packet's sign-off panel with the keyboard only: opens the dialog of the
 * given revision, picks the identity and role with the arrow keys, runs `check` on the dialog
 * if given, enters E2E_PASSPHRASE and presses Enter.
 */
export async function signByKeyboard(
  page: Page,
  who: string,
  role: string,
  options: { revision: number; check?: (dialog: Locator) => Promise<void> },
): Promise<void> {
  const { tabTo, focused } = keyboard(page)
  await page.getByRole('button', { name: 'Sign or reject…' }).focus()
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', {
    name: new RegExp(`^Sign off “.*”, revision ${options.revision}$`),
  })
  await dialog.waitFor()
  // Focus starts on the first choice, the identity.
  await expect.poll(focused).toMatch(/^select:.*identity/)
  await chooseByArrows(page, dialog.getByLabel('Sign as'), who)
  await page.keyboard.press('Tab')
  await chooseByArrows(page, dialog.getByLabel('Role you sign in'), role)
  if (options.check) await options.check(dialog)
  if (!/^input:.*passphrase/.test(await focused())) await tabTo(/^input:.*passphrase/)
  await page.keyboard.type(E2E_PASSPHRASE)
  await page.keyboard.press('Enter')
  await dialog.waitFor({ state: 'detached', timeout: 60_000 })
}

/**
 * Exports the open packet's bundle with "Export bundle…", checks the name it is offered under,
 * saves it in `dir` and waits for the sign-off panel to say so. Returns the saved file's path.
 */
export async function exportBundle(page: Page, dir: string, fileName: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export bundle…' }).click(),
  ])
  expect(download.suggestedFilename()).toBe(fileName)
  const file = path.join(dir, fileName)
  await download.saveAs(file)
  await page.getByTestId('signoff-panel').getByText(`Saved ${fileName}`).waitFor()
  return file
}

/** Exports the workspace keyring on the Keys screen into `dir`. Returns the saved file's path. */
export async function exportWorkspaceKeyring(
  page: Page,
  appUrl: string,
  dir: string,
): Promise<string> {
  await page.goto(`${appUrl}#/identities`)
  await waitForKeysScreen(page)
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export the workspace keyring' }).click(),
  ])
  const file = path.join(dir, 'workspace-keyring.json')
  await download.saveAs(file)
  return file
}

/** Runs the built `evw verify <bundle> --keyring <keyring>`. */
export function evwVerify(bundlePath: string, keyringPath: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [EVW, 'verify', bundlePath, '--keyring', keyringPath], {
    encoding: 'utf8',
  })
}

/**
 * Opens the audit trail of a packet, waits until it lists the signature, and returns the text
 * of every entry, one a line.
 */
export async function packetAuditSteps(
  page: Page,
  appUrl: string,
  packetId: string,
): Promise<string> {
  await page.goto(`${appUrl}#/audit?packet=${encodeURIComponent(packetId)}`)
  const timeline = page.getByRole('listbox', { name: 'Timeline' })
  await timeline
    .getByRole('option', { name: /Packet signed/ })
    .first()
    .waitFor()
  return (await timeline.getByRole('option').allTextContents()).join('\n')
}

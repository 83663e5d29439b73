// End to end, in Chromium against the browser build: an identity is created with the keyboard
// alone (name, passphrase twice, a role) and shows its fingerprint grouped for reading aloud
// and its protection in words; a wrong passphrase is said at the field; a colleague's PEM key
// is imported with roles and validity, revoked with a reason, and the workspace keyring is
// exported as the JSON `evw verify --keyring` reads; a colleague's roles, validity and note are
// changed in place with the keyboard (refusals said in the dialog), shown in the list and in the
// audit trail as key.updated. Zero axe violations, light and dark.
// Set EVW_SCREENSHOTS=1 to write screenshots to /tmp/evw-identities-*.png.
import { generateKeyPairSync } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { parseKeyring } from '../../src/core/keys/keyring'
import {
  expectAccessible,
  expectAccessibleInBothSchemes,
  hasChromium,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { useE2eApp } from '../helpers/e2e-suite'

const SCREENSHOTS = process.env.EVW_SCREENSHOTS === '1'
const PASS = 'orange tractor violin lamp'
const GROUPED_KEYID = /^([0-9a-f]{4} ){15}[0-9a-f]{4}$/

warnIfNoChromium('identities')

function keyboard(page: Page) {
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (!el) return ''
      const label = el.id ? `#${el.id}` : (el.textContent ?? '').trim()
      return `${el.tagName.toLowerCase()}:${label}`
    })
  const tabTo = async (pattern: RegExp, maxPresses = 60) => {
    for (let i = 0; i < maxPresses; i++) {
      await page.keyboard.press('Tab')
      if (pattern.test(await focused())) return
    }
    throw new Error(`Tab never reached ${pattern}; focus is on ${await focused()}`)
  }
  return { focused, tabTo }
}

/** Creates an identity using the keyboard only; returns its grouped fingerprint. */
async function createByKeyboard(page: Page, name: string, roleId: string): Promise<string> {
  const { tabTo } = keyboard(page)
  await tabTo(/^input:#identity-name$/)
  await page.keyboard.type(name)
  await tabTo(/^input:#identity-passphrase$/)
  await page.keyboard.type(PASS)
  await tabTo(/^input:#identity-confirm$/)
  await page.keyboard.type(PASS)
  await tabTo(new RegExp(`^input:#identity-roles-${roleId}$`))
  await page.keyboard.press('Space')
  await tabTo(/^button:Create identity$/)
  await page.keyboard.press('Enter')
  const notice = page.getByRole('status').filter({ hasText: `Created the identity ${name}` })
  await notice.waitFor({ timeout: 30_000 })
  const fingerprint = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name }) })
    .locator('code.fingerprint')
  const grouped = (await fingerprint.textContent()) ?? ''
  expect(grouped).toMatch(GROUPED_KEYID)
  expect(await notice.textContent()).toContain(grouped)
  return grouped
}

describe.skipIf(!hasChromium)('Identities and keyring (browser host)', () => {
  const suite = useE2eApp({ scratchPrefix: 'evw-identities-' })

  it('creates an identity with the keyboard alone and shows its fingerprint', async () => {
    const { page, errors } = await suite.app.open('#/identities')
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    await page
      .getByText('In the browser your keys are protected by your passphrase alone')
      .first()
      .waitFor()
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Keys' })
      .waitFor()

    // A short passphrase is refused with a clear message, focus on the error summary.
    const { focused, tabTo } = keyboard(page)
    await tabTo(/^input:#identity-name$/)
    await page.keyboard.type('Dana Ruiz')
    await tabTo(/^input:#identity-passphrase$/)
    await page.keyboard.type('too short')
    await tabTo(/^button:Create identity$/)
    await page.keyboard.press('Enter')
    await page.getByRole('alert').filter({ hasText: 'at least 12 characters' }).waitFor()
    expect(await focused()).toMatch(/^div:There is 1 problem/)
    await page.locator('#identity-passphrase').fill('')
    await page.locator('#identity-name').fill('')
    await page.locator('#identity-name').focus()
    await page.keyboard.press('Shift+Tab')

    const grouped = await createByKeyboard(page, 'Dana Ruiz', 'legal')
    const card = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Dana Ruiz' }) })
    expect(await card.textContent()).toContain('Your passphrase alone')
    expect(await card.textContent()).toContain('You act as this identity')
    expect(await card.textContent()).toContain('Legal')
    expect(await page.getByLabel('Dana Ruiz', { exact: false }).first().isChecked()).toBe(true)

    // Its public key is in the workspace keyring as the user's own, with the claimed role.
    const row = page.locator('.keyring-table tbody tr').filter({ hasText: 'Dana Ruiz' })
    expect(await row.textContent()).toContain('Your identity')
    expect(await row.textContent()).toContain('Legal')
    expect(await row.textContent()).toContain(grouped.slice(0, 19))

    // The choice of identity survives a reload (kept per browser profile).
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    await card.getByText('You act as this identity').waitFor()
    expect(errors).toEqual([])
  })

  it('says a wrong passphrase at the field, and accepts the right one', async () => {
    const { page, errors } = await suite.app.open('#/identities')
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    await createByKeyboard(page, 'Sam Okafor', 'dpo')
    const { tabTo } = keyboard(page)
    await page.getByRole('heading', { level: 1 }).focus()
    await tabTo(/^button:Check passphrase… of Sam Okafor$/)
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Check the passphrase of Sam Okafor' })
    await dialog.waitFor()
    await page.keyboard.type('not my passphrase at all')
    await page.keyboard.press('Enter')
    await dialog.getByText('That passphrase does not unlock this identity').waitFor({
      timeout: 30_000,
    })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('password')
    expect(
      await dialog.getByLabel('Passphrase', { exact: true }).getAttribute('aria-invalid'),
    ).toBe('true')
    await expectAccessible(page, 'Wrong passphrase dialog')
    await page.keyboard.type(PASS)
    await page.keyboard.press('Enter')
    await page
      .getByRole('status')
      .filter({ hasText: 'The passphrase of Sam Okafor is right' })
      .waitFor({ timeout: 30_000 })
    expect(await dialog.count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('imports a colleague key with roles, revokes it, and exports the keyring', async () => {
    const { publicKey } = generateKeyPairSync('ed25519')
    const pemPath = path.join(suite.dir, 'lee-chen.pem')
    await writeFile(pemPath, publicKey.export({ type: 'spki', format: 'pem' }))

    const { page, errors } = await suite.app.open('#/identities')
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    page.on('filechooser', () => undefined)
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import a PEM public key…' }).click(),
    ])
    await chooser.setFiles(pemPath)
    const form = page.locator('form.keyring-import')
    await form.getByRole('heading', { name: 'Import a key from lee-chen.pem' }).waitFor()
    expect(
      await page.evaluate(() => document.activeElement?.textContent),
      'focus on the import form',
    ).toBe('Import a key from lee-chen.pem')
    expect(await form.getByLabel('Whose key is it?').inputValue()).toBe('lee-chen')
    await form.getByLabel('Whose key is it?').fill('Lee Chen')
    await form.getByLabel('Data Protection Officer').check()
    await form.getByLabel('Other roles (optional)').fill('ombuds')
    await form.getByLabel('Valid from (optional)').fill('2026-01-01')
    await form.getByLabel('Valid until (optional)').fill('2099-12-31')
    await form.getByLabel('Note (optional)').fill('lee@example.org, fingerprint read by phone')
    await expectAccessible(page, 'Import form')
    await form.getByRole('button', { name: 'Import key' }).click()
    await page.getByRole('status').filter({ hasText: 'Imported the key of Lee Chen' }).waitFor()
    const row = page.locator('.keyring-table tbody tr').filter({ hasText: 'Lee Chen' })
    expect(await row.textContent()).toContain('Data Protection Officer, Ombuds')
    expect(await row.textContent()).toContain('Imported')
    expect(await row.textContent()).toContain('Trusted')
    expect(await row.textContent()).toContain('Valid from 2026-01-01 until 2099-12-31')

    // Importing the same key again is refused, changing nothing.
    const [again] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import a PEM public key…' }).click(),
    ])
    await again.setFiles(pemPath)
    await form.getByText('This key is already in the keyring.').waitFor()
    await form.getByRole('button', { name: 'Cancel' }).click()

    // Revoke, with the reason required.
    await row.getByRole('button', { name: 'Revoke… the key of Lee Chen' }).click()
    const dialog = page.getByRole('dialog', { name: 'Revoke the key of Lee Chen?' })
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Revoke key' }).click()
    await dialog.getByText('Say why the key is revoked').waitFor()
    await expectAccessible(page, 'Revoke dialog')
    await dialog.getByLabel('Reason').fill('laptop lost')
    await dialog.getByRole('button', { name: 'Revoke key' }).click()
    await page.getByRole('status').filter({ hasText: 'Revoked the key of Lee Chen' }).waitFor()
    expect(await row.textContent()).toMatch(/Revoked on \d{4}-\d{2}-\d{2}: laptop lost/)
    expect(await row.getByRole('button').count()).toBe(0)

    // Export: the core keyring JSON, every key, the revocation kept.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the workspace keyring' }).click(),
    ])
    const saved = path.join(suite.dir, download.suggestedFilename())
    await download.saveAs(saved)
    expect(download.suggestedFilename()).toMatch(/-keyring\.json$/)
    const keyring = parseKeyring(new Uint8Array(await readFile(saved)))
    const lee = keyring.keys.find((k) => k.name === 'Lee Chen')
    expect(lee).toMatchObject({
      roles: ['dpo', 'ombuds'],
      validFrom: '2026-01-01T00:00:00.000Z',
      validUntil: '2099-12-31T23:59:59.999Z',
      revoked: { reason: 'laptop lost' },
    })
    expect(JSON.stringify(keyring)).not.toContain('origin')
    expect(errors).toEqual([])
  })

  it('edits a colleague’s roles, validity and note with the keyboard, logged as key.updated', async () => {
    const { publicKey } = generateKeyPairSync('ed25519')
    const pemPath = path.join(suite.dir, 'mo-farah.pem')
    await writeFile(pemPath, publicKey.export({ type: 'spki', format: 'pem' }))

    const { page, errors } = await suite.app.open('#/identities')
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Import a PEM public key…' }).click(),
    ])
    await chooser.setFiles(pemPath)
    const form = page.locator('form.keyring-import')
    await form.getByLabel('Whose key is it?').fill('Mo Farah')
    await form.getByLabel('Data Protection Officer').check()
    await form.getByRole('button', { name: 'Import key' }).click()
    await page.getByRole('status').filter({ hasText: 'Imported the key of Mo Farah' }).waitFor()
    const row = page.locator('.keyring-table tbody tr').filter({ hasText: 'Mo Farah' })
    expect(await row.textContent()).toContain('Data Protection Officer')

    // Keyboard only from here: open the dialog, focus on its heading.
    const { focused, tabTo } = keyboard(page)
    await page.getByRole('heading', { level: 1 }).focus()
    await tabTo(/^button:Edit roles… of Mo Farah$/)
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog', { name: 'Edit the roles of Mo Farah' })
    await dialog.waitFor()
    expect(await focused()).toBe('h2:#edit-key-title')
    expect(await dialog.getByLabel('Data Protection Officer').isChecked()).toBe(true)
    await expectAccessibleInBothSchemes(page, 'Edit roles dialog')

    // Escape cancels, changing nothing, and focus returns to the button.
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await focused()).toBe('button:Edit roles… of Mo Farah')
    await page.keyboard.press('Enter')
    await dialog.waitFor()

    // No role left: refused in words, focus on the message.
    await tabTo(/^input:#edit-roles-dpo$/)
    await page.keyboard.press('Space')
    await tabTo(/^button:Save changes$/)
    await page.keyboard.press('Enter')
    await dialog.getByRole('alert').filter({ hasText: 'Choose at least one role' }).waitFor()
    expect(await focused()).toMatch(/^p:#edit-key-error$/)
    await expectAccessibleInBothSchemes(page, 'Edit roles dialog, no role chosen')
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/evw-identities-edit.png' })

    // Two roles, then dates the wrong way round: refused, the date fields marked invalid.
    await tabTo(/^input:#edit-roles-ombuds$/)
    await page.keyboard.press('Space')
    await tabTo(/^input:#edit-roles-seceng$/)
    await page.keyboard.press('Space')
    await tabTo(/^input:#edit-from$/)
    await dialog.getByLabel('Valid from (optional)').fill('2099-12-31')
    await dialog.getByLabel('Valid until (optional)').fill('2026-01-01')
    await dialog.getByLabel('Valid until (optional)').focus()
    await tabTo(/^textarea:#edit-note$/)
    await page.keyboard.type('moved to security; fingerprint read again by phone')
    await tabTo(/^button:Save changes$/)
    await page.keyboard.press('Enter')
    await dialog
      .getByRole('alert')
      .filter({ hasText: '“Valid until” is before “Valid from”' })
      .waitFor()
    expect(await dialog.getByLabel('Valid until (optional)').getAttribute('aria-invalid')).toBe(
      'true',
    )
    expect(await row.textContent()).toContain('Data Protection Officer')
    await dialog.getByLabel('Valid from (optional)').fill('2026-01-01')
    await dialog.getByLabel('Valid until (optional)').fill('2099-12-31')
    await dialog.getByLabel('Valid until (optional)').focus()
    await tabTo(/^button:Save changes$/)
    await page.keyboard.press('Enter')

    await page
      .getByRole('status')
      .filter({
        hasText: 'Changed the key of Mo Farah: it may sign as Ombuds, Security Engineering',
      })
      .waitFor()
    await dialog.waitFor({ state: 'hidden' })
    const text = await row.textContent()
    expect(text).toContain('Ombuds, Security Engineering')
    expect(text).not.toContain('Data Protection Officer')
    expect(text).toContain('Valid from 2026-01-01 until 2099-12-31')
    expect(text).toContain('moved to security')
    expect(text).toContain('Trusted')
    expect(text).toContain('Imported')

    // The audit trail has the change, with the roles and validity before and after.
    await page.goto(page.url().replace(/#.*$/, '#/audit'))
    const option = page
      .getByRole('listbox', { name: 'Timeline' })
      .getByRole('option', { name: /Key roles or validity changed/ })
    await option.first().waitFor()
    expect(await option.count()).toBe(1)
    await option.first().click()
    const bytes = page.getByTestId('audit-canonical-bytes')
    await bytes.waitFor()
    const entry = JSON.parse((await bytes.textContent()) ?? '') as Record<string, unknown>
    expect(entry).toMatchObject({
      action: 'key.updated',
      details: {
        name: 'Mo Farah',
        origin: 'imported',
        before: { roles: ['dpo'] },
        after: {
          roles: ['ombuds', 'seceng'],
          validFrom: '2026-01-01T00:00:00.000Z',
          validUntil: '2099-12-31T23:59:59.999Z',
        },
        noteChanged: true,
      },
    })
    expect(errors).toEqual([])
  })

  it('has zero axe violations, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await suite.app.open('#/identities', { colorScheme: scheme })
      await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
      await page.getByText('You have no signing identity').waitFor()
      await expectAccessible(page, `Identities, none yet (${scheme})`)
      await createByKeyboard(page, `Ari ${scheme}`, 'seceng')
      await expectAccessible(page, `Identities with one (${scheme})`)
      if (SCREENSHOTS)
        await page.screenshot({ path: `/tmp/evw-identities-${scheme}.png`, fullPage: true })
      await page.getByRole('button', { name: `Delete… Ari ${scheme}` }).click()
      const confirm = page.getByRole('dialog', { name: `Delete the identity Ari ${scheme}?` })
      await confirm.waitFor()
      await expectAccessible(page, `Delete confirmation (${scheme})`)
      await confirm.getByRole('button', { name: 'Delete identity' }).click()
      await page
        .getByRole('status')
        .filter({ hasText: `Deleted the identity Ari ${scheme}` })
        .waitFor()
      expect(errors).toEqual([])
    }
  })
})

// End to end, in Chromium against the browser build: the #/reviews screens by keyboard. Without
// an identity the new-campaign page says to choose one on Keys. With one, a campaign is created
// from the generic sample and a file with unfamiliar headers: its columns are mapped by hand
// (the refused mapping is listed first), a reviewer rule routes the Okta grants, and the row
// that cannot be imported is shown with its line before creating and stays in the import report.
// Then: a privileged grant kept with the required justification, a bulk revoke over a filter,
// the revocations confirmed with a change reference, a reassignment, the decisions CSV exported
// with formula cells neutralised; a second campaign pre-fills the remembered mapping. Zero axe
// violations light and dark on each screen.
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import {
  expectAccessibleInBothSchemes,
  focused,
  hasChromium,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { useE2eApp } from '../helpers/e2e-suite'

warnIfNoChromium('reviews-ui')

const ROOT = path.resolve(__dirname, '../..')
const GENERIC = path.join(ROOT, 'resources/access-review/generic-grants.csv')
const PASS = 'lantern harbour evening'
const ME = 'Rita Reviewer'
const JUSTIFICATION = 'Needed for the quarterly close, approved by finance lead'
// Unfamiliar headers (no suggestion matches), a formula-like entitlement, and line 4 with a
// value too many.
const CUSTOM = [
  'Account ID,Access,Platform',
  'zoe.admin,=HYPERLINK("x")|reader,Ledger',
  'yan.li,reader,Ledger',
  'bad.row,reader,Ledger,extra',
  'xu.wei,writer,Ledger',
  '',
].join('\n')

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

async function press(page: Page, target: Locator) {
  await target.focus()
  await page.keyboard.press('Enter')
}

async function typeInto(page: Page, target: Locator, text: string) {
  await target.focus()
  await page.keyboard.press('ControlOrMeta+a')
  await page.keyboard.type(text)
}

async function addFiles(page: Page, files: string[]) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    press(page, page.getByRole('button', { name: 'Add CSV files…' })),
  ])
  await chooser.setFiles(files)
  for (const f of files)
    await page.getByRole('group', { name: path.basename(f), exact: true }).waitFor()
}

async function createIdentity(page: Page) {
  await page.locator('#identity-name').fill(ME)
  await page.locator('#identity-passphrase').fill(PASS)
  await page.locator('#identity-confirm').fill(PASS)
  await page.getByRole('button', { name: 'Create identity' }).click()
  await page
    .getByRole('status')
    .filter({ hasText: `Created the identity ${ME}` })
    .waitFor({ timeout: 60_000 })
}

describe.skipIf(!hasChromium)('Access review screens (browser host)', () => {
  let customPath: string
  const suite = useE2eApp({
    scratchPrefix: 'evw-reviews-ui-',
    setup: async (dir) => {
      customPath = path.join(dir, 'ledger-export.csv')
      await writeFile(customPath, CUSTOM)
    },
  })

  it('creates, maps, reviews, confirms and exports a campaign by keyboard', async () => {
    const { page, errors } = await suite.app.open('#/reviews/new')
    await page.getByRole('heading', { level: 1, name: 'New access review campaign' }).waitFor()
    expect(await page.getByRole('link', { name: 'Reviews' }).getAttribute('aria-current')).toBe(
      'page',
    )
    // No identity chosen yet: say what to do, with the way to Keys.
    const note = page.getByRole('note')
    await note.getByRole('link', { name: 'Keys' }).waitFor()
    expect(await note.textContent()).toContain('Choose who you are first')
    expect(await page.getByRole('button', { name: 'Create campaign' }).count()).toBe(0)
    await expectAccessibleInBothSchemes(page, 'New campaign without an identity')

    await press(page, note.getByRole('link', { name: 'Keys' }))
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    await createIdentity(page)

    await page.goto(`${suite.app.server.url}#/reviews`)
    await page.getByRole('heading', { level: 1, name: 'Access reviews' }).waitFor()
    // The demo workspace's campaigns: this quarter's, open, and last quarter's, closed.
    const demoCampaigns = page.getByRole('table', { name: 'Campaigns' })
    await demoCampaigns.getByRole('link', { name: 'Quarterly access review' }).waitFor()
    await demoCampaigns.getByRole('link', { name: 'AWS account review, last quarter' }).waitFor()
    // The open one is past due, with something in each gap its owner reads.
    await press(page, demoCampaigns.getByRole('link', { name: 'Quarterly access review' }))
    const demoGaps = page.getByRole('region', { name: 'Progress and gaps' })
    await demoGaps.waitFor()
    await expect.poll(() => demoGaps.textContent()).toContain('Priya Raman (8 open)')
    expect(await demoGaps.textContent()).toContain(
      'Revocations and modifications not yet confirmed as done: 1',
    )
    expect(await demoGaps.textContent()).toContain('Marked unsure: 1')
    await expectAccessibleInBothSchemes(page, 'Demo campaign with gaps')
    await page.goto(`${suite.app.server.url}#/reviews`)
    await demoCampaigns.getByRole('link', { name: 'Quarterly access review' }).waitFor()
    await press(page, page.getByRole('link', { name: 'New campaign' }))
    await page.getByRole('heading', { level: 1, name: 'New access review campaign' }).waitFor()
    await expect.poll(() => page.getByLabel('Owner', { exact: true }).inputValue()).toBe(ME)
    await typeInto(page, page.getByLabel('Campaign name'), 'Ledger and SaaS review')

    // A reviewer rule: focus lands in its first text field.
    await press(page, page.getByRole('button', { name: 'Add reviewer rule' }))
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ar-rule-0-match')
    await page.keyboard.type('Okta')
    await typeInto(page, page.getByLabel('Rule 1 reviewer'), 'Ola Okta')

    await addFiles(page, [GENERIC, customPath])
    const custom = page.getByRole('group', { name: 'ledger-export.csv', exact: true })
    expect(await custom.getByLabel('Format').inputValue()).toBe('generic')
    expect(await custom.textContent()).toContain('Account ID, Access, Platform')
    expect(await custom.textContent()).toContain('Choose the column that holds "Login"')

    // Creating with required fields unmapped is refused; the summary takes focus.
    await press(page, page.getByRole('button', { name: 'Create campaign' }))
    const summary = page.getByRole('alert').filter({ hasText: /There (is|are) \d+ problem/ })
    await summary.waitFor()
    expect(await summary.textContent()).toContain('ledger-export.csv: the column mapping has 3')
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toMatch(/error/)
    await expectAccessibleInBothSchemes(page, 'New campaign with mapping problems')

    for (const [label, column] of [
      ['Login (required)', 'Account ID'],
      ['Entitlements (separated by |) (required)', 'Access'],
      ['Application (required)', 'Platform'],
    ] as const) {
      const select = custom.getByLabel(label, { exact: true })
      await select.focus()
      await select.selectOption(column)
    }
    await expect.poll(() => custom.textContent()).not.toContain('Choose the column')

    // The malformed row is shown with its line before anything is stored.
    await press(page, page.getByRole('button', { name: 'Create campaign' }))
    const rows = page.getByRole('alert').filter({ hasText: 'Rows that will not be imported' })
    await rows.waitFor()
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Rows that will not be imported')
    expect(await rows.textContent()).toContain('ledger-export.csv: Line 4: 4 values')
    await expectAccessibleInBothSchemes(page, 'New campaign, rows not imported')
    // Cancel goes back to the form; creating again asks again.
    await press(page, rows.getByRole('button', { name: 'Cancel' }))
    await expect.poll(() => rows.count()).toBe(0)
    await press(page, page.getByRole('button', { name: 'Create campaign' }))
    await press(page, rows.getByRole('button', { name: 'Create without these rows' }))
    await page.waitForURL(/#\/reviews\/review-/, { timeout: 60_000 })
    await page.getByRole('heading', { level: 1, name: 'Ledger and SaaS review' }).waitFor()

    // The frozen population: both files with their SHA-256 and the import report.
    const files = page.getByRole('table', { name: 'Imported files' })
    const genericHash = sha256(new Uint8Array(await readFile(GENERIC)))
    expect(await files.textContent()).toContain(genericHash)
    expect(await files.textContent()).toContain(sha256(new Uint8Array(await readFile(customPath))))
    await press(page, page.getByText('Rows not imported (the import report)'))
    expect(await page.locator('.ar-details').textContent()).toContain('Line 4:')

    const list = page.getByRole('listbox', { name: 'Items' })
    const total = Number(await list.getAttribute('data-count'))
    expect(total).toBeGreaterThan(50)
    const itemStatus = () =>
      page
        .locator('section')
        .filter({ has: page.getByRole('heading', { level: 2, name: 'Items' }) })
        .getByRole('status')
        .textContent()

    // The rule sent the Okta grants to Ola Okta.
    const reviewer = page.getByLabel('Reviewer', { exact: true })
    await reviewer.focus()
    await reviewer.selectOption('Ola Okta')
    await expect.poll(() => list.getAttribute('data-count')).not.toBe(String(total))
    const okta = Number(await list.getAttribute('data-count'))
    expect(okta).toBeGreaterThan(0)
    expect(await list.getByRole('option').first().textContent()).toContain('Okta')
    await reviewer.selectOption('')
    await expectAccessibleInBothSchemes(page, 'Campaign, open')

    // Keep a privileged grant: refused without a justification, recorded with one.
    await typeInto(page, page.getByLabel('Search items'), 'amara.okafor system administrator')
    await expect.poll(() => list.getAttribute('data-count')).toBe('1')
    expect(await list.getByRole('option').first().textContent()).toContain('privileged')
    await list.focus()
    await page.keyboard.press('Space')
    await expect.poll(() => list.getByRole('option', { selected: true }).count()).toBe(1)
    const keep = page.getByRole('radio', { name: 'Keep' })
    await keep.focus()
    await page.keyboard.press('Space')
    await press(page, page.getByRole('button', { name: 'Record decision' }))
    const refusal = page.getByRole('alert').filter({ hasText: /justification/ })
    await refusal.waitFor()
    expect(await refusal.textContent()).toMatch(/Keeping|privileged|stale/i)
    await page.keyboard.type(JUSTIFICATION)
    await press(page, page.getByRole('button', { name: 'Record decision' }))
    await expect.poll(itemStatus).toBe('Recorded keep for 1 item.')

    // Bulk: every Okta grant revoked, one decision each.
    await page.getByLabel('Search items').focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    const application = page.getByLabel('Application', { exact: true })
    await application.focus()
    await application.selectOption('Okta')
    await expect.poll(() => list.getAttribute('data-count')).toBe(String(okta))
    const all = page.getByLabel(/^Select all \d+ shown items?$/)
    expect(await all.getAttribute('id')).toBe('ar-select-all')
    await all.focus()
    await page.keyboard.press('Space')
    await page.getByText(`Showing ${okta} of ${total} items; ${okta} selected.`).waitFor()
    const revoke = page.getByRole('radio', { name: 'Revoke' })
    await revoke.focus()
    await page.keyboard.press('Space')
    await press(page, page.getByRole('button', { name: 'Record decision' }))
    await expect.poll(itemStatus).toBe(`Recorded revoke for ${okta} items.`)
    await expectAccessibleInBothSchemes(page, 'Campaign, after a bulk decision')

    // The revocations confirmed as done.
    await application.selectOption('')
    const status = page.getByLabel('Status', { exact: true })
    await status.focus()
    await status.selectOption('unconfirmed')
    await expect.poll(() => list.getAttribute('data-count')).toBe(String(okta))
    // Ctrl+A in the list selects every item shown.
    await list.focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.getByText(`Showing ${okta} of ${total} items; ${okta} selected.`).waitFor()
    await typeInto(page, page.getByLabel('Change reference'), 'CHG-2041')
    await press(page, page.getByRole('button', { name: 'Confirm changes carried out' }))
    await expect.poll(itemStatus).toBe(`Confirmed ${okta} changes as carried out (CHG-2041).`)
    await expect.poll(() => list.getAttribute('data-count')).toBe('0')

    // Reassign an undecided item.
    await status.selectOption('undecided')
    await list.focus()
    await page.keyboard.press('Space')
    await typeInto(page, page.getByLabel('New reviewer'), 'Bea Backup')
    await press(page, page.getByRole('button', { name: 'Reassign selected items' }))
    await expect.poll(itemStatus).toBe('Reassigned 1 item to Bea Backup.')
    await status.selectOption('')
    await reviewer.selectOption('Bea Backup')
    await expect.poll(() => list.getAttribute('data-count')).toBe('1')

    // Progress and gaps, and what still stops the close.
    const gaps = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { level: 2, name: 'Progress and gaps' }) })
    expect(await gaps.textContent()).toContain(`${okta + 1} of ${total} items decided`)
    const close = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { level: 2, name: 'Close the campaign' }) })
    expect(await close.textContent()).toContain(`${total - okta - 1} items have no decision`)
    await close
      .getByRole('button', {
        name: `Apply the no-response default to the ${total - okta - 1} undecided items`,
      })
      .waitFor()

    // The decisions CSV: one row per item, formula cells written as text.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      press(page, page.getByRole('button', { name: 'Export decisions CSV' })),
    ])
    expect(download.suggestedFilename()).toBe('ledger-and-saas-review-decisions.csv')
    const csvPath = path.join(suite.dir, 'decisions.csv')
    await download.saveAs(csvPath)
    const csv = await readFile(csvPath, 'utf8')
    expect(csv.trimEnd().split('\r\n')).toHaveLength(total + 1)
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`)
    expect(csv).toContain(JUSTIFICATION)

    // The campaign list shows the progress; a second campaign pre-fills the remembered mapping.
    await page.goto(`${suite.app.server.url}#/reviews`)
    const campaigns = page.getByRole('table', { name: 'Campaigns' })
    await campaigns.getByRole('link', { name: 'Ledger and SaaS review' }).waitFor()
    expect(await campaigns.textContent()).toContain(`${okta + 1} of ${total} decided`)
    await expectAccessibleInBothSchemes(page, 'Campaign list')
    await press(page, page.getByRole('link', { name: 'New campaign' }))
    await page.getByRole('heading', { level: 1, name: 'New access review campaign' }).waitFor()
    await addFiles(page, [customPath])
    const again = page.getByRole('group', { name: 'ledger-export.csv', exact: true })
    expect(await again.getByLabel('Login (required)', { exact: true }).inputValue()).toBe(
      'Account ID',
    )
    expect(await again.textContent()).toContain('Pre-filled from the mapping remembered')
    expect(errors).toEqual([])
  })

  it('keeps 50,000 items usable: create, filter, scroll, select all and decide', async () => {
    const big = path.join(suite.dir, 'big-grants.csv')
    const lines = ['login,entitlements,application,last_used']
    for (let i = 0; i < 25_000; i++)
      lines.push(
        `user${i},read|write,App ${i % 20},2026-${String((i % 9) + 1).padStart(2, '0')}-01`,
      )
    await writeFile(big, lines.join('\n') + '\n')
    const { page, errors } = await suite.app.open('#/identities')
    await page.getByRole('heading', { level: 1, name: 'Identities and keyring' }).waitFor()
    await createIdentity(page)
    await page.goto(`${suite.app.server.url}#/reviews/new`)
    await page.getByRole('heading', { level: 1, name: 'New access review campaign' }).waitFor()
    await typeInto(page, page.getByLabel('Campaign name'), 'Fifty thousand grants')
    await addFiles(page, [big])
    let t = Date.now()
    await press(page, page.getByRole('button', { name: 'Create campaign' }))
    await page.waitForURL(/#\/reviews\/review-/, { timeout: 120_000 })
    const list = page.getByRole('listbox', { name: 'Items' })
    await expect.poll(() => list.getAttribute('data-count'), { timeout: 60_000 }).toBe('50000')
    const created = Date.now() - t

    // A filter answers quickly, and the list keeps only the rows in view in the DOM.
    t = Date.now()
    await typeInto(page, page.getByLabel('Search items'), 'user24999 write')
    await expect.poll(() => list.getAttribute('data-count')).toBe('1')
    const filtered = Date.now() - t
    await page.getByLabel('Search items').focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.press('Delete')
    await expect.poll(() => list.getAttribute('data-count')).toBe('50000')
    await list.focus()
    await page.keyboard.press('End')
    await list
      .getByRole('option', { name: /^user24999/ })
      .last()
      .waitFor()
    expect(await list.getByRole('option').count()).toBeLessThan(60)

    // Select all 50,000 and revoke: one decision each.
    t = Date.now()
    const all = page.getByLabel('Select all 50,000 shown items')
    await all.focus()
    await page.keyboard.press('Space')
    await page.getByText('Showing 50,000 of 50,000 items; 50,000 selected.').waitFor()
    const selectedIn = Date.now() - t
    await page.getByRole('radio', { name: 'Revoke' }).focus()
    await page.keyboard.press('Space')
    const status = page
      .locator('section')
      .filter({ has: page.getByRole('heading', { level: 2, name: 'Items' }) })
      .getByRole('status')
      .first()

    // The write shows its progress and can be cancelled from the keyboard (focus moves to
    // Cancel); cancelled, it records nothing and keeps the selection.
    await press(page, page.getByRole('button', { name: 'Record decision' }))
    const progress = page.getByRole('progressbar', { name: 'Decide progress' })
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000 })
      .toBeGreaterThan(0)
    expect(await focused(page)).toBe('button:Cancel')
    const axeStart = Date.now()
    await expectAccessibleInBothSchemes(page, 'Items, recording 50,000 decisions')
    // The check must finish while the write still runs, or Cancel below would come too late.
    expect(await progress.count()).toBe(1)
    console.info(`[reviews-ui] axe during the write: ${Date.now() - axeStart} ms`)
    await page.keyboard.press('Enter')
    await expect
      .poll(() => status.textContent(), { timeout: 60_000 })
      .toBe('Cancelled: no decision was recorded.')
    expect(await focused(page)).toBe('button:Record decision')
    await page.getByText('Showing 50,000 of 50,000 items; 50,000 selected.').waitFor()
    await page
      .locator('label[for="ar-progress"]', { hasText: '0 of 50,000 items decided' })
      .waitFor()

    t = Date.now()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => status.textContent(), { timeout: 180_000 })
      .toBe('Recorded revoke for 50,000 items.')
    const decided = Date.now() - t
    await page
      .locator('label[for="ar-progress"]', { hasText: '50,000 of 50,000 items decided' })
      .waitFor({ timeout: 60_000 })
    console.info(
      `[reviews-ui] 50,000 items: create ${created} ms, filter ${filtered} ms, select all ${selectedIn} ms, bulk decide ${decided} ms`,
    )
    expect(filtered).toBeLessThan(5_000)
    expect(selectedIn).toBeLessThan(5_000)
    expect(errors).toEqual([])
  }, 600_000)
})

// End to end, in Chromium against the browser build: an access review from the sample files to
// a verified bundle. Two identities are created on the Keys screen (Security Engineering and
// Ombuds, the access-review template's required roles); a campaign is started from the three
// sample CSVs in resources/access-review/ (generic who-has-what, AWS IAM credential report, HR
// roster); items are decided (a privileged grant kept with a justification, a bulk decision over
// a filter), the owner applies the no-response default and closes it; the access-review packet
// is filed, completed, submitted and signed in both roles with the keyboard; the bundle and the
// workspace keyring are exported and `evw verify` accepts the bundle (exit 0). The bundle holds
// the frozen inputs, the decisions (CSV and JSON), the gap report and packet.pdf. Zero axe
// violations on each access-review screen, light and dark.
// Set EVW_SCREENSHOTS=1 to write screenshots to /tmp/evw-access-review-*.png.
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ensureCliBuilt, ROOT } from '../helpers/cli'
import {
  expectAccessibleInBothSchemes,
  hasChromium,
  SCREENSHOTS,
  screenshotter,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import {
  createIdentity,
  evwVerify,
  exportBundle,
  exportWorkspaceKeyring,
  keyboard,
  packetAuditSteps,
  signByKeyboard,
  waitForKeysScreen,
} from '../helpers/e2e-identities'
import { useE2eApp } from '../helpers/e2e-suite'
import { unpack } from '../helpers/zip-surgery'

warnIfNoChromium('access-review')

const shot = screenshotter('access-review')
const SAMPLES = path.join(ROOT, 'resources/access-review')
const INPUTS = ['generic-grants.csv', 'aws-credential-report.csv', 'hr-roster.csv']
const CAMPAIGN = 'Q2 2026 SaaS and AWS review'
const SECENG = 'Sam Okoro'
const OMBUDS = 'Oona Lind'
const JUSTIFICATION = 'Break-glass administrator for Salesforce, reviewed with the CISO'

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

describe.skipIf(!hasChromium)('Access review from import to verified bundle (browser host)', () => {
  const suite = useE2eApp({ scratchPrefix: 'evw-access-review-', setup: ensureCliBuilt })

  it('imports, reviews, closes, files, signs by SecEng and Ombuds, exports and verifies', async () => {
    const { app, dir } = suite
    const { page, errors } = await app.open('#/identities')
    const { press, typeInto } = keyboard(page)
    await waitForKeysScreen(page)
    // The first identity becomes the one the workspace acts as: the campaign owner.
    await createIdentity(page, SECENG, ['seceng'])
    await createIdentity(page, OMBUDS, ['ombuds'])

    // ---- The campaigns, then a new campaign from the three sample files. -------------------
    await page.goto(`${app.server.url}#/reviews`)
    await page.getByRole('heading', { level: 1, name: 'Access reviews' }).waitFor()
    await expectAccessibleInBothSchemes(page, 'Access reviews, the demo’s campaigns')
    await press(page.getByRole('link', { name: 'New campaign' }))
    await page.getByRole('heading', { level: 1, name: 'New access review campaign' }).waitFor()
    await typeInto(page.getByLabel('Campaign name'), CAMPAIGN)
    await typeInto(page.getByLabel('Scope'), 'GitHub, Salesforce, Jira, Snowflake, Okta and AWS')
    await expect.poll(() => page.getByLabel('Owner', { exact: true }).inputValue()).toBe(SECENG)
    expect(await page.getByRole('radio', { name: 'Snapshot' }).isChecked()).toBe(true)
    expect(await page.getByRole('radio', { name: 'Revoke' }).isChecked()).toBe(true)
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      press(page.getByRole('button', { name: 'Add CSV files…' })),
    ])
    await chooser.setFiles(INPUTS.map((f) => path.join(SAMPLES, f)))
    const group = (name: string) => page.getByRole('group', { name, exact: true })
    for (const f of INPUTS) await group(f).waitFor()
    // Each format is recognised from its header and its columns are mapped.
    await expect
      .poll(() => group('aws-credential-report.csv').getByLabel('Format').inputValue())
      .toBe('aws-iam-credential-report')
    await expect
      .poll(() => group('hr-roster.csv').getByLabel('Format').inputValue())
      .toBe('hr-roster')
    expect(await group('generic-grants.csv').getByLabel('Format').inputValue()).toBe('generic')
    await shot(page, 'new')
    await expectAccessibleInBothSchemes(page, 'New campaign with three files')
    await press(page.getByRole('button', { name: 'Create campaign' }))
    await page.waitForURL(/#\/reviews\/(?!new$)[^/]+$/, { timeout: 60_000 })
    const campaignId = decodeURIComponent(page.url().split('#/reviews/')[1] ?? '')
    await page.getByRole('heading', { level: 1, name: CAMPAIGN }).waitFor()

    // ---- Review: a privileged keep needs a justification; a bulk decision over a filter. ---
    const bulk = await reviewCampaign(page)

    // ---- Close, then file the packet. -------------------------------------------------------
    await closeCampaign(page)
    const fileButton = page.getByRole('button', { name: 'File access-review packet' })
    await fileButton.waitFor()
    await expectAccessibleInBothSchemes(page, 'Closed campaign, packet not filed')
    await press(fileButton)
    const open = page.getByRole('link', { name: 'Open the access-review packet' })
    await open.waitFor({ timeout: 60_000 })
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Open the access-review packet')
    await shot(page, 'filed')
    if (SCREENSHOTS)
      await page
        .locator('section.review-packet')
        .screenshot({ path: '/tmp/evw-access-review-packet-section.png' })
    await expectAccessibleInBothSchemes(page, 'Closed campaign, packet filed')
    // Coming back to the campaign shows the link, not the button.
    await page.reload()
    await open.waitFor()
    expect(await fileButton.count()).toBe(0)
    await press(open)

    // ---- The packet: what the campaign cannot state, then review and sign-offs. -------------
    await page.locator('.packet-editor h1').waitFor()
    const packetId = decodeURIComponent(page.url().split('#/packets/')[1] ?? '')
    expect(packetId).toMatch(/^access-review-/)
    await expect.poll(() => page.locator('#f-populationSize').inputValue()).toMatch(/^\d+$/)
    await page.locator('#f-cadence').focus()
    await page.locator('#f-cadence').selectOption('quarterly')
    await page.locator('#f-populationComplete').focus()
    await page.keyboard.press('Space')
    await page.locator('.unsaved').first().waitFor()
    await press(page.getByRole('button', { name: 'Save', exact: true }).first())
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/version 2/)
    await press(page.getByRole('button', { name: 'Submit for review' }).first())
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/In review/)

    const panel = page.getByTestId('signoff-panel')
    await signByKeyboard(page, SECENG, 'Security Engineering', { revision: 1 })
    await expect.poll(() => panel.textContent()).toMatch(/1 of 2 approved/)
    await signByKeyboard(page, OMBUDS, 'Ombuds', { revision: 1 })
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/Signed/)

    // ---- Export the bundle and the keyring; evw verify. -------------------------------------
    const bundlePath = await exportBundle(page, dir, `${packetId}-r1.evb`)
    const keyringPath = await exportWorkspaceKeyring(page, app.server.url, dir)
    const verify = evwVerify(bundlePath, keyringPath)
    expect(verify.status, verify.stdout + verify.stderr).toBe(0)

    // ---- What the bundle holds. --------------------------------------------------------------
    const entries = await unpack(new Uint8Array(await readFile(bundlePath)))
    const byName = new Map(entries.map((e) => [e.name, e.data]))
    for (const f of INPUTS) {
      const original = new Uint8Array(await readFile(path.join(SAMPLES, f)))
      expect(sha256(byName.get(`files/${f}`) ?? new Uint8Array()), f).toBe(sha256(original))
    }
    const text = (name: string) => new TextDecoder().decode(byName.get(name))
    const csv = text('files/decisions.csv')
    expect(csv.split('\n')[0]).toMatch(/^item,application,login,/)
    expect(csv).toContain(JUSTIFICATION)
    expect(csv).toContain('no-response-default')
    const decisions = JSON.parse(text('files/decisions.json'))
    expect(decisions.format).toBe('evw.access-review.decisions/1')
    expect(decisions.decisions.length).toBe(decisions.items.length)
    // Who decided what and why: the justified keep, one decision per item of the bulk revoke.
    const byPerson = decisions.decisions.filter((d: { via: string }) => d.via === 'reviewer')
    expect(byPerson).toHaveLength(1 + bulk)
    expect(byPerson[0]).toMatchObject({ outcome: 'keep', justification: JUSTIFICATION })
    expect(byPerson[0].actor).toMatch(new RegExp(`^${SECENG} \\([0-9a-f]{16}\\)$`))
    const gaps = JSON.parse(text('files/gap-report.json'))
    expect(gaps.format).toBe('evw.access-review.gaps/1')
    expect(gaps.undecided).toEqual([])
    expect(gaps.total).toBe(decisions.items.length)
    expect(text('packet.pdf').startsWith('%PDF-')).toBe(true)

    // ---- The audit trail names the filing and the sign-offs. ---------------------------------
    const steps = await packetAuditSteps(page, app.server.url, packetId)
    for (const label of ['Access-review packet filed', 'Packet created', 'Sign-off added'])
      expect(steps).toContain(label)
    // The campaigns list now names the closed campaign.
    await page.goto(`${app.server.url}#/reviews`)
    await page.getByRole('link', { name: CAMPAIGN }).waitFor()
    expect(await page.getByRole('link', { name: CAMPAIGN }).getAttribute('href')).toBe(
      `#/reviews/${encodeURIComponent(campaignId)}`,
    )
    await expectAccessibleInBothSchemes(page, 'Access reviews, one closed campaign')
    expect(errors).toEqual([])
  }, 300_000)
})

/** The text of the campaign screen's (visually hidden) item status line. */
const itemStatus = (page: Page) =>
  page
    .locator('.ar-section')
    .filter({ has: page.getByRole('heading', { name: 'Items', exact: true }) })

/**
 * Decides the campaign's items on the campaign screen with the keyboard: a privileged grant kept
 * (refused without a justification, recorded with one), then every Okta grant revoked in one
 * bulk decision over a filter (one decision per item).
 */
async function reviewCampaign(page: Page) {
  const { press, typeInto } = keyboard(page)
  await page.getByRole('heading', { level: 2, name: 'Items', exact: true }).waitFor()
  await shot(page, 'campaign')
  await expectAccessibleInBothSchemes(page, 'Campaign, open')
  const list = page.getByRole('listbox', { name: 'Items' })
  const status = () => itemStatus(page).getByRole('status').last().textContent()

  // A privileged grant: found by search, selected with Space in the list.
  await typeInto(page.getByLabel('Search items'), 'amara.okafor system administrator')
  await expect.poll(() => list.getAttribute('data-count')).toBe('1')
  await list.focus()
  await page.keyboard.press('Space')
  await expect.poll(() => list.getByRole('option', { selected: true }).count()).toBe(1)
  expect(await list.getByRole('option').first().textContent()).toMatch(
    /amara\.okafor.*Salesforce.*System Administrator.*privileged/i,
  )
  const keep = page.getByRole('radio', { name: 'Keep' })
  await keep.focus()
  await page.keyboard.press('Space')
  expect(await keep.isChecked()).toBe(true)
  // Keep without a justification is refused, saying why; with one it is recorded.
  await press(page.getByRole('button', { name: 'Record decision' }))
  await page
    .getByRole('alert')
    .filter({ hasText: /justification/i })
    .waitFor()
  await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('ar-justification')
  await page.keyboard.type(JUSTIFICATION)
  await press(page.getByRole('button', { name: 'Record decision' }))
  await expect.poll(status).toMatch(/^Recorded keep for 1 item/i)

  // A bulk decision: the Okta grants, filtered, all selected, revoked.
  await typeInto(page.getByLabel('Search items'), '')
  await page.getByLabel('Application').focus()
  await page.getByLabel('Application').selectOption('Okta')
  await expect.poll(async () => Number(await list.getAttribute('data-count'))).toBeGreaterThan(5)
  const okta = Number(await list.getAttribute('data-count'))
  const all = page.getByLabel(/^Select all \d+ shown items?$/)
  await all.focus()
  await page.keyboard.press('Space')
  await expect.poll(() => list.getByRole('option', { selected: true }).count()).toBeGreaterThan(0)
  const revoke = page.getByRole('radio', { name: 'Revoke' })
  await revoke.focus()
  await page.keyboard.press('Space')
  await press(page.getByRole('button', { name: 'Record decision' }))
  await expect.poll(status).toMatch(new RegExp(`^Recorded revoke for ${okta} items`, 'i'))
  await page.getByLabel('Application').selectOption('')
  await expectAccessibleInBothSchemes(page, 'Campaign, after a bulk decision')
  return okta
}

/** The owner applies the no-response default to what is left, then closes the campaign. */
async function closeCampaign(page: Page) {
  const { press } = keyboard(page)
  const section = page.locator('section').filter({
    has: page.getByRole('heading', { level: 2, name: 'Close the campaign' }),
  })
  await press(section.getByRole('button', { name: /^Apply the no-response default to the \d+/ }))
  const apply = section.getByRole('button', { name: /^Apply to \d+ items?$/ })
  await apply.waitFor()
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent))
    .toMatch(/^Apply to/)
  await page.keyboard.press('Enter')
  await expect
    .poll(() => section.getByRole('status').textContent())
    .toMatch(/Applied the no-response default \(revoke\)/)
  await press(section.getByRole('button', { name: 'Close campaign' }))
  await expect.poll(() => section.getByRole('status').textContent()).toMatch(/is closed/)
}

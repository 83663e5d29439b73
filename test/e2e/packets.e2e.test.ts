// End to end, in Chromium against the browser build (the demo workspace opens on first start):
// from the readiness matrix, create a DPIA for a partner source that lacks one, fill it with
// the keyboard, see inline errors and the completeness meter move, attach evidence with a role,
// save, read the history and its diff, submit for review and see the matrix cell change; then
// import a CNIL PIA export and read the report of what was not imported. Every packet screen is
// checked with axe-core (WCAG 2.2 AA), light and dark.
// Set EVW_SCREENSHOTS=1 to write screenshots of the packet screens to /tmp/evw-packets-*.png.
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../scripts/web-app.mjs'
import { dpiaTemplate } from '../../src/core/templates/dpia'
import { examplePacket } from '../../src/core/templates/example-packet'
import {
  expectAccessible,
  hasChromium,
  snapshotFailures,
  startE2eApp,
  warnIfNoChromium,
  type E2eApp,
} from '../helpers/e2e-browser'

warnIfNoChromium('packets')

const SHOTS = process.env.EVW_SCREENSHOTS === '1'
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/cnil-pia')

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `/tmp/evw-packets-${name}.png`, fullPage: true })
}

async function completeness(page: Page): Promise<[number, number]> {
  const text = (await page.locator('.completeness-label').textContent()) ?? ''
  const m = /(\d+) of (\d+) required items/.exec(text)
  if (!m) throw new Error(`no completeness text in ${text}`)
  return [Number(m[1]), Number(m[2])]
}

/** Types into the field with the keyboard, then leaves it with Tab. */
async function typeInto(page: Page, id: string, text: string) {
  await page.locator(`#${id}`).focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
  await page.keyboard.press('Tab')
}

/** Writes the rest of a complete DPIA straight into the workspace (what a person typed before). */
async function fillRestInDatabase(page: Page, packetId: string) {
  const rest = JSON.parse(JSON.stringify(examplePacket(dpiaTemplate).fields)) as Record<
    string,
    string
  >
  await page.evaluate(
    async ({ packetId, rest }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('evw-workspace-demo')
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      const store = db.transaction('packets', 'readwrite').objectStore('packets')
      await new Promise<void>((resolve, reject) => {
        const get = store.get(packetId)
        get.onsuccess = () => {
          const p = get.result as { fields: Record<string, unknown> }
          // Typed values stay; the lists and risks take the complete example entries.
          p.fields = {
            ...rest,
            ...p.fields,
            dataCategories: rest.dataCategories,
            risks: rest.risks,
          }
          const put = store.put(p)
          put.onsuccess = () => resolve()
          put.onerror = () => reject(put.error)
        }
      })
      db.close()
    },
    { packetId, rest },
  )
}

describe.skipIf(!hasChromium)('Packets in Chromium (browser host)', () => {
  let app: E2eApp
  snapshotFailures(() => app)

  beforeAll(async () => {
    app = await startE2eApp()
  })
  afterAll(async () => {
    await app?.close()
  })

  it('creates a DPIA from the readiness matrix, fills it, attaches evidence, saves, diffs and submits', async () => {
    const { page, errors } = await app.open('#/readiness')
    await page.locator('table').first().waitFor()
    const row = page.getByRole('row', { name: /Woodgrove FX Rates/ })
    const dpiaCell = row.locator('td[data-template="dpia"]')
    await expect.poll(() => dpiaCell.textContent()).toMatch(/Missing/)
    await dpiaCell.getByRole('link').click()

    // New packet, prefilled from the link.
    await page.getByRole('heading', { level: 1, name: 'New packet' }).waitFor()
    expect(page.url()).toContain('#/packets/new?template=dpia&source=woodgrove-fx')
    await expect.poll(() => page.locator('#new-template').inputValue()).toBe('dpia')
    await expect.poll(() => page.locator('#new-source').inputValue()).toBe('woodgrove-fx')
    await expect
      .poll(() => page.locator('#new-title').inputValue())
      .toMatch(/^DPIA: Woodgrove FX Rates \d{4}$/)
    await expectAccessible(page, 'New packet')
    await page.getByRole('button', { name: 'Create packet' }).focus()
    await page.keyboard.press('Enter')

    // The editor.
    await page.locator('.packet-editor h1').waitFor()
    const packetId = decodeURIComponent(page.url().split('#/packets/')[1] ?? '')
    expect(packetId).toMatch(/^dpia-woodgrove-fx-rates/)
    const [filled0, total] = await completeness(page)
    expect(filled0).toBe(0)
    expect(total).toBeGreaterThan(15)
    await expect
      .poll(() => page.locator('.packet-meta').textContent())
      .toMatch(/Draft.*Revision 1, version 1/)

    // Inline validation: too short an overview says so, next to the field.
    await typeInto(page, 'f-processingOverview', 'Too short.')
    const overview = page.locator('#f-processingOverview')
    await expect.poll(() => overview.getAttribute('aria-invalid')).toBe('true')
    expect(await overview.getAttribute('aria-describedby')).toContain('f-processingOverview-error')
    await expect
      .poll(() => page.locator('#f-processingOverview-error').textContent())
      .toMatch(/write at least 40/)
    await typeInto(
      page,
      'f-processingOverview',
      'Woodgrove FX Rates sends currency rates; requests carry a pseudonymous tenant id.',
    )
    await expect.poll(() => overview.getAttribute('aria-invalid')).toBe(null)
    await typeInto(page, 'f-controller', 'Contoso Marketplace SAS')
    await typeInto(page, 'f-dataSubjects', 'Marketplace tenants’ staff')
    const [filled1] = await completeness(page)
    expect(filled1).toBe(3)

    // A list entry and a risk, with the keyboard.
    await page.getByRole('button', { name: 'Add entry to Personal data processed' }).focus()
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('f-dataCategories-0-category')
    await page.keyboard.type('Tenant id')
    await page.getByRole('button', { name: 'Add risk: illegitimate access to data' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('f-risks-0-title')
    await page.keyboard.type('Rate requests linked to a tenant')
    await page.locator('#f-risks-0-before-severity').selectOption('3')
    await page.locator('#f-risks-0-before-likelihood').selectOption('2')
    await page.locator('#f-risks-0-after-severity').selectOption('2')
    await page.locator('#f-risks-0-after-likelihood').selectOption('1')
    const map = page.locator('.risk-map-table')
    await expect
      .poll(() => map.locator('tbody tr', { hasText: '3 Significant' }).textContent())
      .toContain('R1 before')
    await expect
      .poll(() => map.locator('tbody tr', { hasText: '2 Limited' }).textContent())
      .toContain('R1 after')

    // Evidence from the library, with a role.
    await expect
      .poll(() => page.locator('.req-unmet').textContent())
      .toMatch(/Missing: Data flow diagram/)
    await page.getByRole('button', { name: 'Attach evidence…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Attach evidence' })
    await dialog.waitFor()
    await dialog.locator('.picker-item').first().waitFor()
    await dialog.locator('.picker-item input').first().check()
    await expect.poll(() => dialog.locator('select').inputValue()).toBe('data-flow-diagram')
    await expectAccessible(page, 'Evidence picker')
    await dialog.getByRole('button', { name: 'Attach' }).click()
    await expect
      .poll(() => page.locator('.req-met').textContent())
      .toMatch(/Met: Data flow diagram/)
    const [filled2] = await completeness(page)
    expect(filled2).toBeGreaterThan(filled1)

    // Save: a version in the history; the summary lists what is still missing.
    await page.getByRole('button', { name: 'Save', exact: true }).first().click()
    await page.locator('.notice-ok').waitFor()
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/version 2/)
    await page.locator('.error-summary').waitFor()
    await shot(page, 'editor')
    await expectAccessible(page, 'Packet editor with risk map')

    // Submitting an incomplete packet is refused and explained.
    await page.getByRole('button', { name: 'Submit for review' }).first().click()
    await expect
      .poll(() => page.locator('.notice-bad').textContent())
      .toMatch(/problems to fix before review/)

    // The refusal is read out (an alert) and the list of problems, with a link to each field,
    // takes focus on the next frame; type only after that.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
      .toBe(true)

    // A second save with a change, then the diff between the two.
    await typeInto(page, 'f-controller', 'Contoso Marketplace SAS (EU)')
    // Save only once the editor holds the change (a loaded machine can lag the keystrokes).
    await page.locator('.unsaved').first().waitFor()
    await page.getByRole('button', { name: 'Save', exact: true }).first().click()
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/version 3/)
    await page.getByRole('link', { name: /^History/ }).click()
    await page.getByRole('heading', { level: 1, name: /^History:/ }).waitFor()
    const diff = page.locator('.diff-list')
    await expect.poll(() => diff.textContent()).toContain('Contoso Marketplace SAS (EU)')
    expect(await diff.textContent()).toMatch(
      /Changed Controller \(Context\): from Contoso Marketplace SAS → to Contoso Marketplace SAS \(EU\)/,
    )
    await page.locator('#diff-from').selectOption('1.1')
    await expect.poll(() => diff.textContent()).toMatch(/Evidence attached/)
    expect(await diff.textContent()).toMatch(/Added.*Risks.*Rate requests linked to a tenant/)
    await shot(page, 'history')
    await expectAccessible(page, 'History and diff')

    // The rest of the packet, then submit for review: the matrix cell follows.
    await fillRestInDatabase(page, packetId)
    await page.goto(`${app.server.url}#/packets/${encodeURIComponent(packetId)}`)
    await page.locator('.packet-editor h1').waitFor()
    const [filled3, total3] = await completeness(page)
    expect(filled3).toBe(total3)
    await page.getByRole('button', { name: 'Submit for review' }).first().focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/In review/)
    expect(await page.locator('#f-controller').isDisabled()).toBe(true)

    await page.getByRole('link', { name: 'Readiness', exact: true }).click()
    await page.locator('table').first().waitFor()
    await expect
      .poll(() =>
        page
          .getByRole('row', { name: /Woodgrove FX Rates/ })
          .locator('td[data-template="dpia"]')
          .textContent(),
      )
      .toMatch(/In review/)
    expect(errors).toEqual([])
  })

  it('imports a CNIL PIA export and lists what was not imported', async () => {
    const { page, errors } = await app.open('#/packets')
    await page.getByRole('heading', { level: 1, name: 'Packets' }).waitFor()
    await page.getByRole('link', { name: 'Import from CNIL PIA…' }).click()
    await page.getByRole('heading', { level: 1, name: 'Import from CNIL PIA' }).waitFor()

    const choose = async (file: string) => {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: /Choose PIA export/ }).click(),
      ])
      await chooser.setFiles(path.join(FIXTURES, file))
      await page
        .getByRole('heading', { level: 2, name: new RegExp(`Import report: ${file}`) })
        .waitFor()
    }

    await choose('hostile.json')
    const report = page.locator('.import-dropped')
    await expect.poll(() => report.textContent()).toMatch(/A script was removed/)
    expect(await report.textContent()).toMatch(
      /Remote content was removed.*tracker\.example\/pixel\.gif/,
    )
    expect(await report.textContent()).toMatch(/An event handler was removed: onerror/)
    await shot(page, 'import-hostile')
    await expectAccessible(page, 'Import report')

    await choose('northwind-weather-with-attachments.json')
    await expect.poll(() => page.locator('.import-dropped').textContent()).toMatch(/old-dpa\.pdf/)
    await expect.poll(() => page.locator('#import-role-0').inputValue()).toBe('data-flow-diagram')
    await page.locator('#import-source').selectOption('woodgrove-fx')
    await page.getByRole('button', { name: 'Create DPIA packet' }).click()
    await page.locator('.packet-editor h1').waitFor()
    await expect
      .poll(() => page.locator('.notice-ok').textContent())
      .toMatch(/Imported from northwind-weather-with-attachments\.json: \d+ answers/)
    expect(await page.locator('#f-controller').inputValue()).toMatch(/Contoso Marketplace SAS/)
    await expect
      .poll(() => page.locator('.req-met').textContent())
      .toMatch(/Met: Data flow diagram/)
    expect(await page.locator('.risk-map-table').textContent()).toContain('R1 before')
    expect(errors).toEqual([])
  })

  it('has zero axe violations on the packet screens, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await app.open('#/packets', { colorScheme: scheme })
      await page.locator('table').first().waitFor()
      await expectAccessible(page, `Packets list (${scheme})`)
      if (scheme === 'light') await shot(page, 'list')
      // A demo packet with content, read-only (signed): the editor and its risk map. Its
      // signatures are real: the sign-off panel lists the demo role holders' approvals.
      await page.locator('#filter-template').selectOption('dpia')
      await page.locator('#filter-status').selectOption('signed')
      await page.locator('tbody a').first().click()
      await page.locator('.packet-editor h1').waitFor()
      await page.getByRole('button', { name: 'Start a new revision' }).waitFor()
      await expect
        .poll(() => page.getByTestId('signoff-panel').textContent())
        .toMatch(/3 of 3 approved/)
      await expectAccessible(page, `Signed packet (${scheme})`)
      if (scheme === 'dark') await shot(page, 'editor-dark')
      await page.getByRole('button', { name: 'Start a new revision' }).click()
      await expect
        .poll(() => page.locator('.packet-meta').textContent())
        .toMatch(/Draft.*Revision 2, version 1/)
      await page.getByRole('button', { name: 'Submit for review' }).first().click()
      await page.locator('.error-summary, .notice-ok').first().waitFor()
      await expectAccessible(page, `Editor after submit (${scheme})`)
      await page.getByRole('link', { name: /^History/ }).click()
      await page.locator('.diff-list, .panel p').first().waitFor()
      await expectAccessible(page, `History (${scheme})`)
      await page.goto(`${app.server.url}#/packets/import`)
      await page.getByRole('heading', { level: 1, name: 'Import from CNIL PIA' }).waitFor()
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: /Choose PIA export/ }).click(),
      ])
      await chooser.setFiles(path.join(FIXTURES, 'northwind-weather.json'))
      await page.locator('.import-notes').first().waitFor()
      await expectAccessible(page, `Import (${scheme})`)
      if (scheme === 'light') await shot(page, 'import')
      expect(errors).toEqual([])
    }
  })
})

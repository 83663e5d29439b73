// End to end, the audit trail in Chromium (browser host, the app's CSP): add a partner source and
// an evidence file in the demo workspace, see both in the timeline, filter it with the keyboard
// alone, open an entry's details (its leaf hash and canonical bytes), verify the whole log with
// progress, then change one entry's bytes in IndexedDB behind the app's back: verification names
// that entry and the app keeps working. The log is exported (a download that verifies on its
// own), and so is one packet's trail with its inclusion proofs. axe-core finds nothing on the
// screen, light and dark.
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditLogExport, verifyPacketTrail } from '../../src/core/audit/log-export'
import { portableCrypto } from '../../src/core/crypto/portable-crypto'
import { expectAccessible, hasChromium, warnIfNoChromium } from '../helpers/e2e-browser'
import { useE2eApp } from '../helpers/e2e-suite'

warnIfNoChromium('audit')

const DB = 'evw-workspace-demo'

/** Entry count and the largest checkpoint size, read straight from IndexedDB. */
function logCounts(page: Page): Promise<{ entries: number; signed: number }> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name)
      req.onsuccess = () => resolve(req.result)
      req.onerror = () => reject(req.error)
    })
    const tx = db.transaction(['auditEntries', 'checkpoints'], 'readonly')
    const get = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result)
        r.onerror = () => reject(r.error)
      })
    const entries = await get(tx.objectStore('auditEntries').count())
    const checkpoints = (await get(tx.objectStore('checkpoints').getAll())) as { size: number }[]
    db.close()
    return { entries, signed: Math.max(0, ...checkpoints.map((c) => c.size)) }
  }, DB)
}

/** Waits until a checkpoint covers every entry (the app signs a moment after each change). */
async function waitSigned(page: Page): Promise<number> {
  await expect
    .poll(
      async () => {
        const c = await logCounts(page)
        return c.entries > 0 && c.signed === c.entries
      },
      { timeout: 15_000 },
    )
    .toBe(true)
  return (await logCounts(page)).entries
}

describe.runIf(hasChromium)('audit trail (Chromium, browser host)', () => {
  let page: Page
  let evidenceIndex: number
  const suite = useE2eApp({ scratchPrefix: 'evw-audit-e2e-' })

  beforeAll(async () => {
    ;({ page } = await suite.app.open('#/'))
  })

  const timeline = () => page.getByRole('listbox', { name: 'Timeline' })
  const count = () => page.locator('#audit-count')

  it('records a new source and new evidence, and shows them in the timeline', async () => {
    // The demo starts with its sample history, signed a moment after the workspace opens.
    expect(await waitSigned(page)).toBeGreaterThan(40)
    await page.goto(`${suite.app.server.url}#/sources/new`)
    await page.getByLabel('Name').fill('Audit Trail Weather')
    await page.getByLabel('Owner').fill('Quinn Auditor')
    await page.getByRole('button', { name: 'Add source' }).click()
    await page.getByText('Added Audit Trail Weather.').waitFor()
    const afterSource = await waitSigned(page)

    await page.getByRole('link', { name: 'Evidence', exact: true }).click()
    const file = path.join(suite.dir, 'audit-note.txt')
    await writeFile(file, 'Who changed what, and when.\n')
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Add files…' }).click(),
    ])
    await chooser.setFiles([file])
    await page.getByText('Added 1 item to the library.').waitFor()
    evidenceIndex = afterSource
    expect(await waitSigned(page)).toBe(afterSource + 1)

    await page.getByRole('link', { name: 'Audit trail', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor()
    await expect.poll(() => timeline().getAttribute('data-count')).toBe(String(afterSource + 1))
    // Newest first.
    const options = timeline().getByRole('option')
    await expect.poll(() => options.nth(0).textContent()).toMatch(/Evidence added.*Audit note/)
    expect(await options.nth(1).textContent()).toMatch(/Partner source added.*Audit Trail Weather/)
    expect(await options.nth(0).textContent()).toContain('local user')
    await page.getByText(/all covered by a checkpoint/).waitFor()
  })

  it('filters by action, actor, packet and date with the keyboard alone', async () => {
    const total = Number(await timeline().getAttribute('data-count'))
    await page.locator('main h1').focus()
    // Tab to the "What" filter and choose by typing, as a keyboard user does.
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab')
      if (await page.evaluate(() => document.activeElement?.id === 'audit-filter-action')) break
    }
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('audit-filter-action')
    await page.keyboard.type('Partner source added')
    await expect.poll(() => count().textContent()).toBe(`11 of ${total} entries match.`)

    // "Who": shift-tab back; only the source added here was added by this user.
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.type('local user')
    await expect.poll(() => count().textContent()).toBe(`1 of ${total} entries match.`)
    expect(await timeline().getByRole('option').first().textContent()).toContain(
      'Audit Trail Weather',
    )

    // Clear, then a packet: its creation and its evidence's arrival.
    await page.getByRole('button', { name: 'Clear filters' }).press('Enter')
    await expect.poll(() => count().textContent()).toMatch(/entries, newest first/)
    await page.getByLabel('Packet').focus()
    await page.keyboard.type('DPIA: Northwind')
    await expect.poll(() => count().textContent()).not.toMatch(/^0 of|newest first/)
    const packetOptions = await timeline().getByRole('option').allTextContents()
    expect(packetOptions.some((t) => t.includes('Packet created'))).toBe(true)

    // A date range in the future matches nothing.
    await page.getByRole('button', { name: 'Clear filters' }).press('Enter')
    await page.getByLabel('From').focus()
    await page.keyboard.type('01012099')
    await expect.poll(() => count().textContent()).toBe(`0 of ${total} entries match.`)
    await page.getByRole('button', { name: 'Clear filters' }).press('Enter')
    await expect.poll(() => count().textContent()).toMatch(/entries, newest first/)

    // The timeline: one tab stop, arrows move, Enter opens the details.
    await timeline().focus()
    await page.keyboard.press('Home')
    await page.keyboard.press('Enter')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id))
      .toBe('audit-details-title')
    expect(await page.locator('#audit-details-title').textContent()).toMatch(
      new RegExp(`^Entry ${evidenceIndex}: Evidence added`),
    )
    expect(await page.getByTestId('audit-leaf-hash').textContent()).toMatch(/^[0-9a-f]{64}$/)
    expect(await page.getByTestId('audit-canonical-bytes').textContent()).toContain(
      '"action":"evidence.added"',
    )
  })

  it('verifies the whole log and is accessible, light and dark', async () => {
    await page.getByRole('button', { name: 'Verify the whole log' }).click()
    await page.getByRole('heading', { name: 'Log verified' }).waitFor()
    expect(await page.locator('.audit-verify .verdict-sentence').textContent()).toMatch(
      /^All \d+ entries are intact and \d+ signed checkpoints match them\.$/,
    )
    await expectAccessible(page, 'audit trail (light)')

    // Dark: the same screen, switched to the dark colour scheme.
    await page.emulateMedia({ colorScheme: 'dark' })
    await expectAccessible(page, 'audit trail (dark)')
    await page.emulateMedia({ colorScheme: 'light' })
  })

  it('names an entry changed in IndexedDB behind the app, and keeps working', async () => {
    await page.evaluate(
      async ({ name, index }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const req = indexedDB.open(name)
          req.onsuccess = () => resolve(req.result)
          req.onerror = () => reject(req.error)
        })
        const store = db.transaction('auditEntries', 'readwrite').objectStore('auditEntries')
        await new Promise<void>((resolve, reject) => {
          const get = store.get(index)
          get.onsuccess = () => {
            const row = get.result as { index: number; entry: Uint8Array }
            const text = new TextDecoder().decode(row.entry).replace('Audit note', 'Audit nope')
            const put = store.put({ index, entry: new TextEncoder().encode(text) })
            put.onsuccess = () => resolve()
            put.onerror = () => reject(put.error)
          }
          get.onerror = () => reject(get.error)
        })
        db.close()
      },
      { name: DB, index: evidenceIndex },
    )
    await page.getByRole('button', { name: 'Verify again' }).click()
    await page.getByRole('heading', { name: 'Log not verified' }).waitFor()
    const problem = page.locator('.audit-verify .problem[data-code="LOG_EDITED"]')
    await problem.first().waitFor()
    // The timeline re-reads what is stored, so the entry is named as it reads now.
    await expect
      .poll(() => problem.first().textContent())
      .toContain(`Entry ${evidenceIndex} (Evidence added: Audit nope`)
    expect(await problem.first().textContent()).toContain('is no longer what was signed')
    // "Show entry" takes the user to it; the timeline and the rest of the app still work.
    await problem
      .first()
      .getByRole('button', { name: `Show entry ${evidenceIndex}` })
      .click()
    await expect
      .poll(() => page.locator('#audit-details-title').textContent())
      .toMatch(new RegExp(`^Entry ${evidenceIndex}: Evidence added`))
    await expectAccessible(page, 'audit trail with a damaged log')
    await page.getByRole('link', { name: 'Sources' }).click()
    await page.getByRole('heading', { level: 1, name: /Partner sources/ }).waitFor()
    await page.getByRole('link', { name: 'Audit trail', exact: true }).click()
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor()
  })

  it('exports the whole log as a download that verifies on its own, and logs it', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the whole log' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(/^audit-log-demo-[\d-]+\.json$/)
    const file = path.join(suite.dir, 'log.json')
    await download.saveAs(file)
    const bytes = new Uint8Array(await readFile(file))
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { verifierKeys: string[] }
    const report = await verifyAuditLogExport(bytes, json.verifierKeys, portableCrypto)
    // The exported copy carries the damage too: exports never repair.
    expect(report.issues.map((i) => i.code)).toContain('LOG_EDITED')
    await page.getByText(/^Saved audit-log-demo-/).waitFor()
    await expect
      .poll(() => timeline().getByRole('option').first().textContent())
      .toMatch(/Audit log exported/)
  })

  it("exports one packet's trail with an inclusion proof per entry", async () => {
    await page.getByLabel('Packet').selectOption({ label: 'DPIA: Northwind Weather API' })
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export this packet’s trail' }).click(),
    ])
    expect(download.suggestedFilename()).toMatch(
      /^audit-trail-dpia-northwind-weather-2026-04-[\d-]+\.json$/,
    )
    const file = path.join(suite.dir, 'trail.json')
    await download.saveAs(file)
    const bytes = new Uint8Array(await readFile(file))
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { verifierKeys: string[] }
    const report = await verifyPacketTrail(bytes, json.verifierKeys, portableCrypto)
    expect(report).toMatchObject({ ok: true, packetId: 'dpia-northwind-weather-2026-04' })
    expect(report.entries).toBeGreaterThan(1)
    await page.getByText(/each with its inclusion proof/).waitFor()
  })
})

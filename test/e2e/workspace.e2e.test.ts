// End to end, in Chromium against the browser build: a fresh profile opens the demo
// workspace (banner on every screen), the register and the readiness matrix pass axe in light
// and dark, a partner source is added with the keyboard alone and shows as 0 of 4 in the
// matrix, the demo resets, and a database of a newer version is refused and left intact.
// Set EVW_SCREENSHOTS=1 to write screenshots of the screens to /tmp/evw-workspace-*.png.
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  expectAccessible,
  hasChromium,
  snapshotFailures,
  startE2eApp,
  warnIfNoChromium,
  type E2eApp,
} from '../helpers/e2e-browser'

const SCREENSHOTS = process.env.EVW_SCREENSHOTS === '1'

warnIfNoChromium('workspace')

const headline = (page: Page) => page.getByTestId('readiness-headline').textContent()

describe.skipIf(!hasChromium)('Workspace, partner sources and readiness (browser host)', () => {
  let app: E2eApp
  snapshotFailures(() => app)

  beforeAll(async () => {
    app = await startE2eApp()
  })

  afterAll(async () => {
    await app?.close()
  })

  it('opens the demo workspace on first start, with the banner on every screen', async () => {
    const { page, errors } = await app.open('#/')
    await page.getByRole('heading', { level: 1, name: 'Demo workspace' }).waitFor()
    const banner = page.getByTestId('demo-banner')
    expect(await banner.textContent()).toContain('Demo workspace — sample data')
    await page.getByText('7 of 10 sources ready').waitFor()
    await expectAccessible(page, 'Home')
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/evw-workspace-home.png', fullPage: true })
    for (const [link, heading] of [
      ['Sources', 'Partner sources'],
      ['Readiness', 'Readiness matrix'],
      ['Verify', /Verify/],
      ['Templates', 'Templates'],
      ['About', 'About this workbench'],
    ] as const) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: link, exact: true })
        .click()
      await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      expect(await banner.isVisible(), `banner on ${link}`).toBe(true)
    }
    expect(errors).toEqual([])
  })

  it('shows the register and the matrix with zero axe violations, light and dark', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const { page, errors } = await app.open('#/sources', { colorScheme: scheme })
      await page.locator('tbody tr').nth(9).waitFor()
      expect(await page.locator('tbody tr').count()).toBe(10)
      expect(await page.locator('tr[data-source-id="woodgrove-fx"]').textContent()).toContain(
        '0 of 4',
      )
      await expectAccessible(page, `Sources (${scheme})`)
      if (SCREENSHOTS)
        await page.screenshot({ path: `/tmp/evw-workspace-sources-${scheme}.png`, fullPage: true })

      await page.getByRole('link', { name: 'Add partner source' }).click()
      await page.getByRole('heading', { level: 1, name: 'Add a partner source' }).waitFor()
      await page.getByRole('button', { name: 'Add source' }).click()
      await page.getByRole('alert').waitFor()
      expect(await page.getByRole('alert').textContent()).toContain('There are 2 problems')
      await expectAccessible(page, `Add source with errors (${scheme})`)

      await page.goto(`${app.server.url}#/readiness`)
      await page.getByText('7 of 10 sources ready').waitFor()
      expect(await headline(page)).toBe('7 of 10 sources ready')
      // The demo's sweep reports: one source passes, one needs review, the others have none.
      const a11y = (id: string) =>
        page
          .locator(`tr[data-source-id="${id}"] td[data-column="a11y"] [data-a11y-state]`)
          .getAttribute('data-a11y-state')
      await expect.poll(() => a11y('fabrikam-traffic')).toBe('pass')
      expect(await a11y('litware-reviews')).toBe('needs-review')
      expect(await a11y('northwind-weather')).toBe('no-report')
      await expectAccessible(page, `Readiness (${scheme})`)
      if (SCREENSHOTS)
        await page.screenshot({
          path: `/tmp/evw-workspace-readiness-${scheme}.png`,
          fullPage: true,
        })

      await page.goto(`${app.server.url}#/workspace`)
      await page.getByRole('heading', { level: 1, name: 'Workspaces' }).waitFor()
      await expectAccessible(page, `Workspaces (${scheme})`)
      expect(errors).toEqual([])
    }
  })

  it('links each cell to its packet, or to creating it', async () => {
    const { page } = await app.open('#/readiness')
    await page.getByText('7 of 10 sources ready').waitFor()
    const northwind = page.locator('tr[data-source-id="northwind-weather"]')
    expect(await northwind.locator('td[data-template="dpia"] a').getAttribute('href')).toBe(
      '#/packets/dpia-northwind-weather-2026-04',
    )
    const woodgrove = page.locator('tr[data-source-id="woodgrove-fx"]')
    expect(await woodgrove.locator('td[data-template="dpia"] a').getAttribute('href')).toBe(
      '#/packets/new?template=dpia&source=woodgrove-fx',
    )
    expect(await woodgrove.locator('td[data-template="dpia"]').textContent()).toContain('Missing')
    const proseware = page.locator('tr[data-source-id="proseware-news"]')
    expect(await proseware.locator('td[data-template="dpia"]').textContent()).toContain('Rejected')
    // What each source lacks is listed under the matrix, each item a link.
    const lacks = page.locator('section[aria-labelledby="lacks-title"] li', {
      hasText: 'Proseware',
    })
    expect(await lacks.textContent()).toContain('DPIA (rejected), Request to connect (draft)')
  })

  it('adds a partner source with the keyboard alone; it shows in the matrix as 0 of 4', async () => {
    const { page, errors } = await app.open('#/sources')
    await page.locator('tbody tr').nth(9).waitFor()
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        if (!el) return ''
        const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : ''
        return `${el.tagName.toLowerCase()}:${(label || el.textContent || '').trim()}`
      })
    const tabTo = async (pattern: RegExp, max = 60) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab')
        if (pattern.test(await focused())) return
      }
      throw new Error(`Tab never reached ${pattern}; focus is on ${await focused()}`)
    }
    await tabTo(/^a:Add partner source$/)
    await page.keyboard.press('Enter')
    await expect.poll(focused).toBe('h1:Add a partner source')
    await tabTo(/^input:Name$/)
    await page.keyboard.type('Trey Research Datasets')
    await tabTo(/^input:Owner$/)
    await page.keyboard.type('Data Eng Lead')
    await tabTo(/^select:SLA tier$/)
    await page.keyboard.press('End')
    await tabTo(/^button:Add source$/)
    await page.keyboard.press('Enter')
    await page.getByRole('heading', { level: 1, name: 'Partner sources' }).waitFor()
    await page.getByText('Added Trey Research Datasets.').waitFor()
    // The register re-reads the sources after the save: wait for the row as it will be.
    const row = page.locator('tr[data-source-id="trey-research-datasets"]')
    await row.filter({ hasText: 'Tier 3 (best effort)' }).filter({ hasText: '0 of 4' }).waitFor()

    await tabTo(/^a:Readiness$/, 80).catch(async () => {
      // The nav comes before main: go round once more from the top.
      await tabTo(/^a:Readiness$/)
    })
    await page.keyboard.press('Enter')
    await page.getByText('7 of 11 sources ready').waitFor()
    const matrixRow = page.locator('tr[data-source-id="trey-research-datasets"]')
    await matrixRow.filter({ hasText: '0 of 4' }).waitFor()
    expect(await matrixRow.locator('[data-state="missing"]').count()).toBe(4)
    const lacks = page.locator('section[aria-labelledby="lacks-title"] li', { hasText: 'Trey' })
    expect(await lacks.textContent()).toContain('create DPIA, create License, create Partner SLA')
    expect(errors).toEqual([])
  })

  it('edits and removes a source with confirmation', async () => {
    const { page } = await app.open('#/sources')
    await page.locator('tbody tr').nth(9).waitFor()
    await page.getByRole('link', { name: 'Edit Litware Reviews' }).click()
    await page.getByRole('heading', { level: 1, name: 'Edit Litware Reviews' }).waitFor()
    await page.getByLabel('Owner').fill('Review team')
    await page.getByRole('button', { name: 'Save changes' }).click()
    await page.getByText('Saved Litware Reviews.').waitFor()
    expect(await page.locator('tr[data-source-id="litware-reviews"]').textContent()).toContain(
      'Review team',
    )
    await page.getByRole('button', { name: 'Remove Woodgrove FX Rates' }).click()
    const dialog = page.getByRole('dialog', { name: 'Remove Woodgrove FX Rates?' })
    await dialog.waitFor()
    await expectAccessible(page, 'Remove confirmation')
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    expect(await page.locator('tbody tr').count()).toBe(10)
    await page.getByRole('button', { name: 'Remove Woodgrove FX Rates' }).click()
    await dialog.getByRole('button', { name: 'Remove source' }).click()
    await page.getByText('Removed Woodgrove FX Rates.').waitFor()
    expect(await page.locator('tbody tr').count()).toBe(9)
  })

  it('resets the demo workspace, and creates and switches workspaces', async () => {
    const { page, errors } = await app.open('#/sources')
    await page.locator('tbody tr').nth(9).waitFor()
    await page.getByRole('button', { name: 'Remove Contoso Maps' }).click()
    await page.getByRole('button', { name: 'Remove source' }).click()
    await page.getByText('Removed Contoso Maps.').waitFor()

    await page.getByRole('link', { name: 'Manage workspaces' }).click()
    await page.getByRole('heading', { level: 1, name: 'Workspaces' }).waitFor()
    await page.getByRole('button', { name: 'Reset demo workspace' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Reset demo' }).click()
    await page.getByText('The demo workspace has its original sample data again.').waitFor()
    await page.getByRole('link', { name: 'Readiness', exact: true }).click()
    await page.getByText('7 of 10 sources ready').waitFor()

    await page.getByRole('link', { name: 'Manage workspaces' }).click()
    await page.getByLabel('Workspace name').fill('Q2 partner reviews')
    await page.getByRole('button', { name: 'Create and open' }).click()
    await page.getByText('Created and opened Q2 partner reviews.').waitFor()
    expect(await page.getByTestId('demo-banner').count()).toBe(0)
    await page.getByRole('link', { name: 'Sources', exact: true }).click()
    await page.getByRole('heading', { name: 'No partner sources yet' }).waitFor()
    await expectAccessible(page, 'Empty workspace')

    await page.getByRole('link', { name: 'Switch or create workspaces' }).click()
    await page.getByRole('button', { name: 'Open Demo workspace' }).click()
    await page.getByTestId('demo-banner').waitFor()
    // The choice survives a reload.
    await page.reload()
    await page.getByTestId('demo-banner').waitFor()
    expect(errors).toEqual([])
  })

  it('refuses a database of a newer version with a clear message and keeps its data', async () => {
    const context = await app.browser.newContext()
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    // Before the app's own scripts run: a workspace database from "the future".
    await page.addInitScript(() => {
      localStorage.setItem(
        'evw.workspaces',
        JSON.stringify({
          entries: [
            {
              id: 'future',
              name: 'Future workspace',
              dbName: 'evw-workspace-future',
              isDemo: false,
              createdAt: '2030-01-01T00:00:00.000Z',
            },
          ],
          activeId: 'future',
        }),
      )
      const req = indexedDB.open('evw-workspace-future', 999)
      req.onupgradeneeded = () => {
        const store = req.result.createObjectStore('partnerSources', { keyPath: 'id' })
        store.add({ id: 'kept', name: 'Kept source', hologram: true })
      }
      req.onsuccess = () => req.result.close()
    })
    await page.goto(`${app.server.url}#/sources`)
    await page
      .getByRole('heading', {
        level: 1,
        name: 'This workspace needs a newer version of the workbench',
      })
      .waitFor()
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain('saved by a newer version of Evidence Workbench')
    expect(text).toContain('Install the newer version')
    expect(text).toContain('has not deleted or changed it')
    await expectAccessible(page, 'Newer-version workspace')
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/evw-workspace-newer.png', fullPage: true })

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export raw records as JSON' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('evw-workspace-future.raw-records.json')

    const stored = await page.evaluate(
      () =>
        new Promise<{ version: number; records: unknown[] }>((resolve, reject) => {
          const req = indexedDB.open('evw-workspace-future')
          req.onsuccess = () => {
            const db = req.result
            const get = db.transaction('partnerSources').objectStore('partnerSources').getAll()
            get.onsuccess = () => {
              resolve({ version: db.version, records: get.result })
              db.close()
            }
          }
          req.onerror = () => reject(req.error)
        }),
    )
    expect(stored).toEqual({
      version: 999,
      records: [{ id: 'kept', name: 'Kept source', hologram: true }],
    })
    // Verify still works without a workspace.
    await page.getByRole('link', { name: 'Verify', exact: true }).click()
    await page.getByRole('heading', { level: 1 }).waitFor()
    expect(errors).toEqual([])
    await context.close()
  })

  it('finds a damaged record that the check at open does not reach, and changes nothing', async () => {
    const { page, errors } = await app.open('#/evidence')
    await page
      .locator('#evidence-count')
      .getByText(/^[\d,]+ items\.$/)
      .waitFor()
    // 1,000 more items written behind the app's back, one of them damaged, in the middle by key:
    // opening checks only the first and last records of a large table, so the workspace opens
    // and the background check of every record must find it.
    const damaged = (500).toString(16).padStart(64, '0')
    const readEvidence = () =>
      page.evaluate(async () => {
        const { entries, activeId } = JSON.parse(localStorage.getItem('evw.workspaces')!) as {
          entries: { id: string; dbName: string }[]
          activeId: string
        }
        const name = entries.find((e) => e.id === activeId)!.dbName
        return new Promise<unknown[]>((resolve, reject) => {
          const req = indexedDB.open(name)
          req.onsuccess = () => {
            const get = req.result.transaction('evidence').objectStore('evidence').getAll()
            get.onsuccess = () => {
              req.result.close()
              resolve(get.result)
            }
          }
          req.onerror = () => reject(req.error)
        })
      })
    await page.evaluate(async (bad) => {
      const { entries, activeId } = JSON.parse(localStorage.getItem('evw.workspaces')!) as {
        entries: { id: string; dbName: string }[]
        activeId: string
      }
      const name = entries.find((e) => e.id === activeId)!.dbName
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => {
          const tx = req.result.transaction('evidence', 'readwrite')
          for (let i = 0; i < 1000; i++) {
            const sha256 = i.toString(16).padStart(64, '0')
            tx.objectStore('evidence').put({
              sha256,
              size: i,
              mimeType: 'text/plain',
              fileName: `note-${i}.txt`,
              folder: '',
              title: `Note ${i}`,
              kind: 'other',
              tags: sha256 === bad ? 'not a list' : [],
              classification: 'internal',
              addedAt: '2026-01-01T00:00:00.000Z',
              addedBy: 'someone',
            })
          }
          tx.oncomplete = () => {
            req.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
        req.onerror = () => reject(req.error)
      })
    }, damaged)
    const before = await readEvidence()
    expect(before.length).toBeGreaterThan(1000)

    await page.reload()
    await page
      .getByRole('heading', { level: 1, name: 'This workspace’s data is damaged' })
      .waitFor()
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain('some records are not what the workbench wrote')
    expect(text).toContain(`evidence record "${damaged}" has “tags” that is not an array.`)
    expect(text).toContain('has not deleted or changed it')
    await expectAccessible(page, 'Damaged workspace')
    expect(await readEvidence()).toEqual(before)
    expect(errors).toEqual([])
  })
})

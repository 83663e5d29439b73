// End to end, the evidence library in Chromium (browser host, the app's CSP): add files through
// the file chooser with progress, see them listed with their hashes, add one again (duplicate
// reported), cancel a large batch (nothing added), edit details with the keyboard (validation,
// then an expired item flagged), search and filter, and preview an image, a CSV, a PDF and a
// hostile HTML file whose script and remote loads must neither run nor reach the network.
// axe-core (WCAG 2.2 AA) finds nothing on the screen with the details and previews open, in
// light and dark. EVW_SCREENSHOTS=1 saves screenshots to /tmp/evw-evidence-*.png.
import { createHash } from 'node:crypto'
import { copyFile, mkdtemp, open, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../scripts/web-app.mjs'
import {
  expectAccessible,
  hasChromium,
  snapshotFailures,
  startE2eApp,
  warnIfNoChromium,
  type E2eApp,
} from '../helpers/e2e-browser'

warnIfNoChromium('evidence')
const SCREENSHOTS = process.env.EVW_SCREENSHOTS === '1'

/** A one-page PDF with a line of text, offsets computed so that the xref table is exact. */
function minimalPdf(text: string): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    null,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  const stream = `BT /F1 24 Tf 40 100 Td (${text}) Tj ET`
  objects[3] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

const hostileHtml = (origin: string) => `<!doctype html>
<html><head><title>Partner notes</title>
<link rel="stylesheet" href="${origin}/beacon-css.css">
<style>body { background: url(${origin}/beacon-bg.png) }</style>
<meta http-equiv="refresh" content="0; url=${origin}/beacon-refresh">
</head><body>
<h1 id="heading">Partner notes</h1>
<p id="para">Original text of the notes.</p>
<script>
  document.getElementById('para').textContent = 'PWNED by script'
  fetch('${origin}/beacon-fetch')
</script>
<img src="${origin}/beacon-img.png" alt="remote">
<img src="x" onerror="document.body.innerHTML = 'PWNED by onerror'; fetch('${origin}/beacon-onerror')">
<iframe src="${origin}/beacon-frame"></iframe>
<a href="${origin}/beacon-link" id="link">A link</a>
<svg><image href="${origin}/beacon-svg.png"/></svg>
</body></html>`

interface Fixtures {
  dir: string
  csv: string
  png: string
  html: string
  txt: string
  pdf: string
  big: string
  sha: Record<string, string>
}

async function writeFixtures(origin: string): Promise<Fixtures> {
  const dir = await mkdtemp(path.join(tmpdir(), 'evw-evidence-'))
  const f = {
    csv: path.join(dir, 'access-export.csv'),
    png: path.join(dir, 'dashboard-capture.png'),
    html: path.join(dir, 'partner-notes.html'),
    txt: path.join(dir, 'release-notes.txt'),
    pdf: path.join(dir, 'dpia-summary.pdf'),
    big: path.join(dir, 'large-archive.bin'),
  }
  await writeFile(
    f.csv,
    'user,role,"last, first"\nalice,admin,"Liddell, Alice"\nbob,viewer,"said ""hi"""\n',
  )
  await copyFile(path.join(REPO_ROOT, 'docs/images/verify-screen.png'), f.png)
  await writeFile(f.html, hostileHtml(origin))
  await writeFile(f.txt, 'Release 2.4: partner source MP-D-7 went live.\n')
  await writeFile(f.pdf, minimalPdf('DPIA summary for MP-D'))
  // 2 GB, sparse: costs no disk, but takes seconds to hash, so Cancel can be pressed.
  const big = await open(f.big, 'w')
  await big.truncate(2 * 1024 ** 3)
  await big.close()
  const sha: Record<string, string> = {}
  for (const [k, p] of Object.entries(f)) {
    if (k === 'big') continue
    const { readFile } = await import('node:fs/promises')
    sha[k] = createHash('sha256')
      .update(await readFile(p))
      .digest('hex')
  }
  return { dir, ...f, sha }
}

describe.skipIf(!hasChromium)('Evidence library in Chromium (browser host)', () => {
  let app: E2eApp
  snapshotFailures(() => app)
  let fx: Fixtures
  let page: Page
  let errors: string[]
  const beacons: string[] = []

  beforeAll(async () => {
    app = await startE2eApp()
    fx = await writeFixtures(app.server.url.replace(/\/$/, ''))
    ;({ page, errors } = await app.open('#/workspace'))
    page.on('request', (r) => {
      if (/beacon/.test(r.url())) beacons.push(r.url())
    })
    // A new empty workspace (the first start opens the demo one, which has evidence already).
    await page.getByTestId('demo-banner').waitFor()
    await page.getByLabel('Workspace name').fill('Evidence e2e')
    await page.getByRole('button', { name: 'Create and open' }).click()
    await page.getByText('Created and opened Evidence e2e.').waitFor()
    await page.getByRole('link', { name: 'Evidence', exact: true }).click()
    await page.getByText('The library is empty').waitFor()
  })

  afterAll(async () => {
    await app?.close()
    if (fx) await rm(fx.dir, { recursive: true, force: true })
  })

  async function addFiles(files: string[]): Promise<void> {
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: 'Add files…' }).click(),
    ])
    await chooser.setFiles(files)
  }

  const list = () => page.getByRole('listbox', { name: 'Library' })
  const search = () => page.getByRole('searchbox', { name: 'Search' })
  const status = () => page.locator('.evidence-add-result')

  async function searchFor(text: string): Promise<void> {
    await search().fill(text)
    await expect.poll(() => list().getAttribute('data-query')).toBe(text)
  }

  async function open(title: RegExp): Promise<void> {
    await searchFor('')
    await list().getByRole('option', { name: title }).click()
    await expect.poll(() => page.locator('#evidence-details-title').textContent()).toMatch(title)
  }

  it('adds files through the chooser and lists them with their hashes', async () => {
    await addFiles([fx.csv, fx.png, fx.html, fx.txt, fx.pdf])
    await status().getByText('Added 5 items to the library.').waitFor()
    await expect.poll(() => list().getByRole('option').count()).toBe(5)
    for (const k of ['csv', 'png', 'html', 'txt', 'pdf']) {
      await expect(list().getByText(fx.sha[k]!.slice(0, 12))).toBeTruthy()
      expect(await list().getByText(fx.sha[k]!.slice(0, 12)).count()).toBe(1)
    }
    expect(await page.locator('#evidence-count').textContent()).toBe('5 items.')
    // Defaults: title from the file name, kind guessed, classification internal.
    await open(/Access export/)
    expect(await page.getByLabel('Kind', { exact: true }).last().inputValue()).toBe('export')
    expect(await page.getByRole('textbox', { name: 'SHA-256' }).inputValue()).toBe(fx.sha.csv)
  })

  it('reports a file already in the library and does not add it twice', async () => {
    await addFiles([fx.txt, fx.txt])
    await status().getByText('Nothing new was added.').waitFor()
    const text = await status().textContent()
    expect(text).toContain('release-notes.txt is already in the library as "Release notes"')
    expect(await list().getByRole('option').count()).toBe(5)
  })

  it('shows progress while hashing and adds nothing when cancelled', async () => {
    await addFiles([fx.big, fx.png])
    const progress = page.locator('#evidence-hash-progress')
    await progress.waitFor()
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(0)
    expect(await page.getByText(/Hashing 2 files: 0 done, .* of 2\.1 GB/).count()).toBe(1)
    // Focus moved to Cancel when the add buttons were disabled: Enter presses it.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel')
    await page.keyboard.press('Enter')
    await status()
      .getByText(/Cancelled\. None of the 2 files was added/)
      .waitFor()
    expect(await list().getByRole('option').count()).toBe(5)
  })

  it('searches and filters, with the count announced', async () => {
    await search().fill('access')
    await expect.poll(() => list().getAttribute('data-query')).toBe('access')
    expect(await list().getByRole('option').count()).toBe(1)
    expect(await page.locator('#evidence-count').textContent()).toBe('1 of 5 items match.')
    await expect
      .poll(() => page.locator('[role="status"].visually-hidden').textContent())
      .toBe('1 of 5 items match.')
    await searchFor(fx.sha.png!.slice(0, 8))
    expect(await list().getByRole('option').count()).toBe(1)
    expect(await list().getByRole('option').textContent()).toContain('dashboard-capture.png')
    await search().fill('')
    await page.getByLabel('Kind', { exact: true }).first().selectOption('screenshot')
    await expect.poll(() => list().getByRole('option').count()).toBe(1)
    expect(await list().getByRole('option').textContent()).toContain('Dashboard capture')
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await expect.poll(() => list().getByRole('option').count()).toBe(5)
  })

  it('edits details with the keyboard: validation first, then an expired item is flagged', async () => {
    await searchFor('release')
    await list().focus()
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('evidence-details-title')
    const form = page.getByRole('form', { name: 'Evidence details' })
    // Keyboard only: Tab into the title, replace it, and save with Enter.
    const title = form.getByLabel('Title')
    await title.focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Release notes 2.4')
    await form.getByLabel('Effective date').fill('2024-06-01')
    await form.getByLabel('Expiry date').fill('2024-01-31')
    await title.press('Enter')
    const summary = form.getByRole('alert')
    await summary.waitFor()
    expect(await summary.textContent()).toContain('The expiry date is before the effective date')
    expect(await form.getByLabel('Expiry date').getAttribute('aria-invalid')).toBe('true')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert')
    await form.getByLabel('Effective date').fill('2023-06-01')
    await form.getByLabel('Tags').fill('release, mp-d')
    await form.getByLabel('Tags').press('Enter')
    await form.getByText('Saved.').waitFor()
    // The list shows the new title with its expired flag (text + icon), and the filter finds it.
    await search().fill('')
    await page.getByLabel('Expiry', { exact: true }).selectOption('expired')
    await expect.poll(() => list().getByRole('option').count()).toBe(1)
    const row = list().getByRole('option')
    expect(await row.textContent()).toContain('Release notes 2.4')
    expect(await row.locator('.expiry-expired').textContent()).toBe('Expired')
    expect(await row.locator('.expiry-expired svg').count()).toBe(1)
    expect(await page.locator('.evidence-expiry-line').textContent()).toMatch(
      /Expired \d+ days ago/,
    )
    await page.getByRole('button', { name: 'Clear filters' }).click()
    await search().fill('mp-d')
    await expect.poll(() => list().getByRole('option').count()).toBe(1)
    await search().fill('')
  })

  it('moves through the list with the arrow keys', async () => {
    await list().focus()
    await page.keyboard.press('Home')
    const first = await list().getAttribute('aria-activedescendant')
    await page.keyboard.press('ArrowDown')
    const second = await list().getAttribute('aria-activedescendant')
    expect(second).not.toBe(first)
    expect(await page.locator(`#${second}`).getAttribute('aria-selected')).toBe('true')
    await page.keyboard.press('End')
    expect(
      await page
        .locator(`#${await list().getAttribute('aria-activedescendant')}`)
        .getAttribute('aria-posinset'),
    ).toBe('5')
  })

  it('previews an image and a CSV table', async () => {
    await open(/Dashboard capture/)
    const img = page.getByRole('img', { name: 'Preview of Dashboard capture' })
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth))
      .toBeGreaterThan(0)
    await open(/Access export/)
    const table = page.getByRole('region', { name: 'Preview of Access export' })
    await table.locator('table').waitFor()
    expect(await table.locator('thead th').allTextContents()).toEqual([
      'user',
      'role',
      'last, first',
    ])
    expect(await table.locator('tbody tr').nth(1).locator('td').allTextContents()).toEqual([
      'bob',
      'viewer',
      'said "hi"',
    ])
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/evw-evidence-csv.png', fullPage: true })
  })

  it('renders a PDF offline with pdf.js', async () => {
    await open(/Dpia summary/)
    const canvas = page.getByRole('img', { name: 'Page 1 of Dpia summary' })
    await canvas.waitFor()
    await page.getByText('Page 1 of 1').waitFor()
    // Something was drawn: the canvas is not all one colour.
    await expect
      .poll(() =>
        canvas.evaluate((c: HTMLCanvasElement) => {
          const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
          let dark = 0
          for (let i = 0; i < d.length; i += 4) if (d[i]! < 128) dark++
          return dark
        }),
      )
      .toBeGreaterThan(50)
  })

  it('shows hostile HTML without running its script or reaching the network', async () => {
    await open(/Partner notes/)
    const frame = page.frameLocator('iframe.evidence-html')
    await frame.locator('#para').waitFor()
    // Give a script, an onerror handler or a refresh every chance to act.
    await page.waitForTimeout(1000)
    expect(await frame.locator('#para').textContent()).toBe('Original text of the notes.')
    expect(await frame.locator('#heading').textContent()).toBe('Partner notes')
    expect(await frame.locator('body').textContent()).not.toContain('PWNED')
    expect(
      await frame.locator('script, iframe, link, style, meta[http-equiv="refresh"]').count(),
    ).toBe(0)
    expect(await frame.locator('#link').getAttribute('href')).toBeNull()
    expect(await page.locator('iframe.evidence-html').getAttribute('sandbox')).toBe('')
    expect(await page.getByText(/Removed before showing: .*1 script/).count()).toBe(1)
    expect(beacons).toEqual([])
    if (SCREENSHOTS) await page.screenshot({ path: '/tmp/evw-evidence-html.png', fullPage: true })
  })

  it('has zero axe violations with details and previews open, light and dark', async () => {
    for (const item of [/Access export/, /Partner notes/, /Release notes 2\.4/]) {
      await open(item)
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme })
        await expectAccessible(page, `evidence library (${item.source}, ${scheme})`)
        if (SCREENSHOTS) {
          await page.screenshot({
            path: `/tmp/evw-evidence-${item.source.replace(/\W+/g, '')}-${scheme}.png`,
            fullPage: true,
          })
        }
      }
    }
    await page.emulateMedia({ colorScheme: 'light' })
    expect(beacons).toEqual([])
    expect(errors).toEqual([])
  })
})

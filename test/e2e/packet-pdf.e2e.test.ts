// End to end, in Chromium against the browser build: the packet PDF in the suite.app.
// - The demo workspace's signed DPIA is exported with "Export PDF…" (a download): it renders
//   from the stored bundle, verified against the workspace keyring, with the evidence attached;
//   qpdf --check passes, pdftotext finds the title, the verdict and a field, pdfdetach lists the
//   attachments. A new revision (a draft) exports as an unsigned DRAFT.
// - A bundle with a signed packet.pdf verifies on the Verify screen, which says the PDF is the
//   one that was signed and saves it ("Open the signed PDF…") byte for byte; a bundle without
//   one says so. Zero axe violations on the new parts, light and dark.
// The PDF tool checks are skipped, with a line saying so, when qpdf or poppler is missing.
// Set EVW_SCREENSHOTS=1 to write screenshots to /tmp/evw-packet-pdf-*.png.
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { bytesSource } from '../../src/core/bundle/byte-io'
import { keyringBytes } from '../../src/core/keys/keyring'
import { digestEvidence, renderBundlePdf } from '../../src/core/pdf/bundle-pdf'
import { TemplateRegistry } from '../../src/core/templates/registry'
import { nodeCrypto } from '../../src/node/crypto/node-crypto'
import { loadPdfFonts } from '../../src/node/pdf/font-files'
import { dpiaPacket, evidenceBytes, fullySignedDpia, NOW, parties } from '../helpers/bundle-fixture'
import {
  expectAccessibleInBothSchemes,
  hasChromium,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { useE2eApp } from '../helpers/e2e-suite'

warnIfNoChromium('packet-pdf')

const PACKET = 'dpia-fabrikam-traffic-2026-04'
const tools = ['qpdf', 'pdftotext', 'pdfdetach']
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0)
if (missing.length) {
  console.warn(
    `SKIPPED packet PDF tool checks in the e2e test: ${missing.join(', ')} not installed (apt-get install qpdf poppler-utils).`,
  )
}
const SHOTS = process.env.EVW_SCREENSHOTS === '1'
const shot = async (page: Page, name: string, fullPage = true) => {
  if (SHOTS) await page.screenshot({ path: `/tmp/evw-packet-pdf-${name}.png`, fullPage })
}
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

describe.skipIf(!hasChromium)('Packet PDF in the app (browser host)', () => {
  const suite = useE2eApp({ scratchPrefix: 'evw-packet-pdf-' })

  async function exportPdf(page: Page): Promise<{ file: string; download: Download }> {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      page.getByRole('button', { name: 'Export PDF…' }).click(),
    ])
    const file = path.join(suite.dir, download.suggestedFilename())
    await download.saveAs(file)
    return { file, download }
  }

  const text = (file: string) =>
    execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    )

  it('exports the signed demo DPIA, and a draft marked DRAFT', async () => {
    const { page, errors } = await suite.app.open(`#/packets/${PACKET}`)
    await page.locator('.packet-editor h1').waitFor()
    await page.getByTestId('signoff-panel').getByText('Dana Okafor').waitFor()
    const title = (await page.locator('.packet-editor h1').textContent())!.trim()

    const { file, download } = await exportPdf(page)
    expect(download.suggestedFilename()).toBe(`${PACKET}-r1.pdf`)
    const status = page.locator('.pdf-export-status')
    await expect
      .poll(() => status.textContent())
      .toMatch(/made from the signed bundle \(cover: Verified\)/)
    const bytes = new Uint8Array(await readFile(file))
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-')
    await page.locator('.packet-pdf-export').scrollIntoViewIfNeeded()
    await shot(page, 'editor-exported', false)
    await expectAccessibleInBothSchemes(page, 'Packet editor after PDF export')

    if (missing.length === 0) {
      const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' })
      expect(check.status, check.stdout + check.stderr).toBe(0)
      const t = text(file)
      expect(t).toContain(title)
      expect(t).toContain('Verified')
      expect(t).toContain('Evidence index')
      const list = execFileSync('pdfdetach', ['-list', file], { encoding: 'utf8' })
      expect(list).toMatch(/^\d+ embedded files/)
      expect(Number(list.match(/^(\d+) embedded files/)![1])).toBeGreaterThan(0)
    }

    // A new revision is a draft: its PDF is made from the record and says it is unsigned.
    await page.getByRole('button', { name: 'Start a new revision' }).click()
    await expect.poll(() => page.locator('.packet-meta').textContent()).toMatch(/Draft.*Revision 2/)
    const draft = await exportPdf(page)
    expect(draft.download.suggestedFilename()).toBe(`${PACKET}-r2-draft.pdf`)
    await expect.poll(() => status.textContent()).toMatch(/an unsigned DRAFT/)
    if (missing.length === 0) {
      expect(spawnSync('qpdf', ['--check', draft.file]).status).toBe(0)
      const t = text(draft.file)
      expect(t).toContain('DRAFT, unsigned')
      expect(t).toContain('Nobody: this is an unsigned draft')
    }
    expect(errors).toEqual([])
  }, 240_000)

  it('says the bundle’s packet.pdf is the signed one and saves it; or that there is none', async () => {
    const ps = await parties()
    const packet = dpiaPacket()
    const digests = await digestEvidence(nodeCrypto, packet, (p) => bytesSource(evidenceBytes(p)))
    const pdf = await renderBundlePdf({
      packet,
      digests: (p) => digests.get(p)!,
      signer: { name: ps.packer.identity.name, keyid: ps.packer.identity.keyid },
      now: NOW,
      logOrigin: `test/${ps.packer.identity.keyid.slice(0, 16)}`,
      template: new TemplateRegistry().resolve(packet.template)!,
      fonts: await loadPdfFonts(),
    })
    const withPdf = await fullySignedDpia({ pdf })
    const without = await fullySignedDpia()
    const files = {
      withPdf: path.join(suite.dir, 'with-pdf.evb'),
      without: path.join(suite.dir, 'without-pdf.evb'),
      keyring: path.join(suite.dir, 'team-keyring.json'),
    }
    await writeFile(files.withPdf, withPdf.bundle)
    await writeFile(files.without, without.bundle)
    await writeFile(files.keyring, keyringBytes(withPdf.keyring))

    const { page, errors } = await suite.app.open('#/verify')
    const choose = async (button: RegExp, file: string) => {
      const [chooser] = await Promise.all([
        page.waitForEvent('filechooser'),
        page.getByRole('button', { name: button }).click(),
      ])
      await chooser.setFiles(file)
    }
    const verify = async (bundle: string) => {
      await choose(/^Choose (another )?bundle/, bundle)
      await page.getByRole('button', { name: 'Verify bundle' }).click()
      await page.locator('[data-verdict]').waitFor({ timeout: 60_000 })
    }
    await choose(/^Choose keyring/, files.keyring)
    await page.locator('.trust-choice').getByText('team-keyring.json').waitFor()
    await verify(files.withPdf)
    const panel = page.locator('.signed-pdf')
    await panel.getByRole('heading', { name: 'Signed PDF: yes' }).waitFor()
    expect(await panel.textContent()).toContain(
      'packet.pdf: the PDF you read is the one that was signed',
    )
    await shot(page, 'verify-signed-pdf')
    await expectAccessibleInBothSchemes(page, 'Verify screen with a signed PDF')
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Open the signed PDF…' }).click(),
    ])
    expect(download.suggestedFilename()).toBe('with-pdf.pdf')
    const saved = path.join(suite.dir, 'signed.pdf')
    await download.saveAs(saved)
    expect(sha256(new Uint8Array(await readFile(saved)))).toBe(sha256(pdf))
    await panel
      .getByRole('status')
      .getByText(/Downloaded the signed PDF as with-pdf\.pdf/)
      .waitFor()

    await verify(files.without)
    await panel.getByRole('heading', { name: 'Signed PDF: none in this bundle' }).waitFor()
    expect(await panel.textContent()).toContain('No signed PDF in this bundle')
    expect(await panel.getByRole('button').count()).toBe(0)
    expect(errors).toEqual([])
  }, 180_000)
})

// End to end, in Chromium against the browser build: the demo deck builder (#/decks). From the
// demo workspace, by keyboard: keep two of the demo script's steps, pick a packet for each and
// a screenshot and a KPI for the first, preview (slides drawn with pdf.js), export the deck PDF
// and the release notes (downloads) and check the files: qpdf --check, and pdftotext finds the
// step, the KPI in words and the footer tracing the slide to the screenshot and packet. Zero
// axe violations light and dark, with the form, the problems list and the preview shown. Then
// the deck becomes a draft Demo deck packet, opened in the packet editor. Decks are kept: a
// deck saved with Save deck, and a change saved automatically, are there after a reload; the
// saved list (zero axe violations light and dark) opens, duplicates and deletes them. The
// builder opens the most recently updated saved deck; a new one only when asked for.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  expectAccessibleInBothSchemes,
  hasChromium,
  warnIfNoChromium,
} from '../helpers/e2e-browser'
import { useE2eApp } from '../helpers/e2e-suite'

warnIfNoChromium('deck')
const tools = ['qpdf', 'pdftotext']
const missing = tools.filter((t) => spawnSync('sh', ['-c', `command -v ${t}`]).status !== 0)
if (missing.length)
  console.warn(`SKIPPED deck PDF tool checks in the e2e test: ${missing.join(', ')} missing.`)

describe.skipIf(!hasChromium)('Demo deck builder (browser host)', () => {
  const suite = useE2eApp({ scratchPrefix: 'evw-deck-' })

  it('builds, previews and exports a deck by keyboard', async () => {
    const { page, errors } = await suite.app.open('#/decks')
    await page.getByRole('heading', { level: 1, name: 'Demo deck' }).waitFor()
    expect(await page.getByRole('link', { name: 'Decks' }).getAttribute('aria-current')).toBe(
      'page',
    )
    const press = async (name: string, key = 'Enter') => {
      await page.getByRole('button', { name, exact: true }).focus()
      await page.keyboard.press(key)
    }
    // The demo workspace's saved deck opens, named as the one being edited.
    await page
      .getByRole('status')
      .filter({ hasText: 'Opened the most recently updated deck, “Sprint 34 demo”' })
      .waitFor()
    await expect
      .poll(() => page.locator('#deck-editor-title').textContent())
      .toBe('Editing “Sprint 34 demo”')
    // A new deck, prefilled from the sprint's demo script, only when asked for.
    await press('New deck from the demo script')
    await page
      .getByRole('status')
      .filter({ hasText: 'Started a new deck from the demo script.' })
      .waitFor()
    expect(await page.locator('#deck-save-state').textContent()).toContain('A new deck')
    expect(await page.getByLabel('Step 1 title').inputValue()).toBe('FS open-GA flip')
    expect(
      await page.getByLabel('Step 1 packets').getByRole('checkbox', { checked: true }).count(),
    ).toBe(0)
    expect(await page.getByLabel('Step 7 title').inputValue()).toBe('SLO burn chart')
    const typeInto = async (label: string, text: string) => {
      await page.getByLabel(label, { exact: true }).focus()
      await page.keyboard.press('ControlOrMeta+a')
      await page.keyboard.type(text)
    }

    // Nothing picked yet: Preview lists what is missing, focus on the list.
    await press('Preview')
    const problems = page.getByRole('alert')
    await expect
      .poll(() => problems.textContent())
      .toContain('Step 1 (“FS open-GA flip”) names no packet')
    await expectAccessibleInBothSchemes(page, 'Deck builder with problems')

    for (let n = 7; n > 2; n--) await press(`Remove step ${n}`)
    await expect.poll(() => page.getByLabel('Step 3 title').count()).toBe(0)
    await typeInto('Title', 'Sprint 34 demo (e2e)')
    await typeInto('Presenter', 'Ana Keyboard')

    const step1 = page.getByRole('group', { name: /^Step 1: / })
    const step2 = page.getByRole('group', { name: /^Step 2: / })
    const firstPacket = step1
      .getByRole('group', { name: 'Step 1 packets' })
      .getByRole('checkbox')
      .first()
    await firstPacket.focus()
    await page.keyboard.press('Space')
    expect(await firstPacket.isChecked()).toBe(true)
    const packetLabel = (await firstPacket.locator('xpath=..').textContent())!
    const packetId = (await firstPacket.locator('xpath=..').locator('.mono').textContent())!.trim()
    expect(packetLabel).toContain(packetId)
    const secondPacket = step2
      .getByRole('group', { name: 'Step 2 packets' })
      .getByRole('checkbox')
      .first()
    await secondPacket.focus()
    await page.keyboard.press('Space')

    const shot = step1
      .getByRole('group', { name: 'Step 1 screenshots' })
      .getByRole('checkbox')
      .first()
    await shot.focus()
    await page.keyboard.press('Space')
    const shotSha = (await step1
      .getByRole('group', { name: 'Step 1 screenshots' })
      .locator('.mono')
      .first()
      .textContent())!.trim()
    await page.keyboard.press('Tab')
    await page.keyboard.type('Search latency dashboard')

    await press('Add KPI to step 1')
    const kpi = step1.locator('.deck-kpi').first()
    await kpi.getByLabel('KPI').focus()
    await page.keyboard.type('Search p95')
    await kpi.getByLabel('Target').focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('1.25')
    await kpi.getByLabel('Actual').focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('1.08')
    await kpi.getByLabel('Unit').focus()
    await page.keyboard.type('s')
    await page.getByLabel('Caveats').focus()
    await page.keyboard.type('Latency measured on staging.')

    await press('Preview')
    await expect.poll(() => page.getByRole('alert').count()).toBe(0)
    const preview = page.getByRole('heading', { name: /^Preview: \d+ slides$/ })
    await preview.waitFor({ timeout: 120_000 })
    // Title, agenda, two step slides, caveats.
    expect(await preview.textContent()).toBe('Preview: 5 slides')
    await page.getByRole('img', { name: /slide 3 of 5/ }).waitFor()
    await page.getByRole('status').filter({ hasText: 'Preview ready' }).waitFor()
    await expectAccessibleInBothSchemes(page, 'Deck builder with preview')

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }),
      press('Export deck PDF'),
    ])
    expect(download.suggestedFilename()).toBe('sprint-34-demo-e2e.pdf')
    const file = path.join(suite.dir, download.suggestedFilename())
    await download.saveAs(file)
    const bytes = await readFile(file)
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await page.getByRole('status').filter({ hasText: 'Saved the deck as' }).waitFor()

    const [notes] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      press('Export release notes (Markdown)'),
    ])
    const notesFile = path.join(suite.dir, notes.suggestedFilename())
    await notes.saveAs(notesFile)
    const md = await readFile(notesFile, 'utf8')
    expect(md).toContain(`- Packet: \`${packetId}\``)

    if (missing.length === 0) {
      const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' })
      expect(check.status, check.stdout + check.stderr).toBe(0)
      const slide3 = execFileSync('pdftotext', ['-enc', 'UTF-8', '-f', '3', '-l', '3', file, '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, ' ')
      expect(slide3).toContain('FS open-GA flip')
      expect(slide3).toContain('Target ≤ 1.25 s · Actual 1.08 s')
      expect(slide3).toContain('✓ Pass')
      expect(slide3).toContain(`Evidence sha256:${shotSha}`)
      expect(slide3).toContain(packetId)
    }
    // The deck as a Demo deck packet: the deck PDF and screenshot as evidence, ready to sign.
    await press('Create Demo deck packet')
    const open = page.getByRole('link', { name: /^Open “Demo deck: Sprint 34 demo \(e2e\)”$/ })
    await open.waitFor({ timeout: 120_000 })
    await expectAccessibleInBothSchemes(page, 'Deck builder after creating the packet')
    await open.focus()
    await page.keyboard.press('Enter')
    await page.locator('.packet-editor h1').waitFor()
    expect(await page.locator('.packet-editor h1').textContent()).toContain(
      'Demo deck: Sprint 34 demo (e2e)',
    )
    // The saved exports are in the audit log, the deck saves too.
    await page.goto(page.url().replace(/#.*$/, '#/audit'))
    for (const label of ['PDF exported', 'Release notes exported', 'Demo deck saved'])
      await page.getByText(label).filter({ visible: true }).first().waitFor()
    expect(errors).toEqual([])
  }, 300_000)

  it('keeps decks between visits: save, reload, reopen, autosave, duplicate, delete', async () => {
    const { page, errors } = await suite.app.open('#/decks')
    await page.getByRole('heading', { level: 1, name: 'Demo deck' }).waitFor()
    const list = page.getByRole('region', { name: /^Saved decks/ })
    const press = async (name: string) => {
      await page.getByRole('button', { name, exact: true }).focus()
      await page.keyboard.press('Enter')
    }
    // The demo workspace's deck, from the demo script, is ready and renders as it is; being
    // the only saved deck, it is the one the builder opened.
    const demoRow = list.getByRole('row', { name: /^Sprint 34 demo deck-demo-sprint-34/ })
    await demoRow.waitFor()
    expect(await demoRow.textContent()).toContain('Ready')
    await expect.poll(() => demoRow.textContent()).toContain('Editing below')
    expect(await page.locator('#deck-save-state').textContent()).toContain('All changes saved at')
    await expect
      .poll(() => page.getByLabel('Step 4 title', { exact: true }).inputValue())
      .toBe('XAI-2 SLO dashboards')
    await press('Preview')
    await page.getByRole('heading', { name: /^Preview: \d+ slides$/ }).waitFor({ timeout: 120_000 })
    await press('New deck from the demo script')
    await expect.poll(() => demoRow.textContent()).not.toContain('Editing below')

    const title = page.getByLabel('Title', { exact: true })
    await title.focus()
    await page.keyboard.press('ControlOrMeta+a')
    await page.keyboard.type('Kept deck (e2e)')
    await press('Save deck')
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved the deck “Kept deck (e2e)”.' })
      .waitFor()
    const row = list.getByRole('row', { name: /^Kept deck \(e2e\)/ })
    await row.waitFor()
    expect(await row.textContent()).toContain('Editing below')
    expect(await row.textContent()).toContain('Draft: 7 problems')
    await expectAccessibleInBothSchemes(page, 'Saved decks list')

    // After a reload the builder opens the deck saved last, and says so.
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Demo deck' }).waitFor()
    await row.waitFor()
    await expect.poll(() => title.inputValue()).toBe('Kept deck (e2e)')
    await page
      .getByRole('status')
      .filter({ hasText: 'Opened the most recently updated deck, “Kept deck (e2e)”' })
      .waitFor()
    await expect.poll(() => row.textContent()).toContain('Editing below')
    // Open switches decks and moves focus to the editor's heading.
    await press('Open “Sprint 34 demo”')
    await expect.poll(() => title.inputValue()).toBe('Sprint 34 demo')
    await press('Open “Kept deck (e2e)”')
    await expect.poll(() => title.inputValue()).toBe('Kept deck (e2e)')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Editing “Kept deck (e2e)”')
    expect(await row.textContent()).toContain('Editing below')

    // A change is saved without pressing Save, and is there after a reload.
    await page.getByLabel('Presenter', { exact: true }).focus()
    await page.keyboard.type('Zed Autosave')
    await page.locator('#deck-save-state').filter({ hasText: 'All changes saved at' }).waitFor()
    await page.reload()
    await row.waitFor()
    await expect.poll(() => title.inputValue()).toBe('Kept deck (e2e)')
    await expect
      .poll(() => page.getByLabel('Presenter', { exact: true }).inputValue())
      .toBe('Zed Autosave')

    // Duplicate opens the copy; delete asks first, and Cancel keeps the deck.
    await press('Duplicate “Kept deck (e2e)”')
    await expect.poll(() => title.inputValue()).toBe('Copy of Kept deck (e2e)')
    const copyRow = list.getByRole('row', { name: /Copy of Kept deck \(e2e\)/ })
    await copyRow.waitFor()
    await press('Delete “Kept deck (e2e)”')
    const dialog = page.getByRole('dialog', { name: 'Delete “Kept deck (e2e)”?' })
    await dialog.waitFor()
    await expectAccessibleInBothSchemes(page, 'Delete deck confirmation')
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await row.count()).toBe(1)
    await press('Delete “Kept deck (e2e)”')
    await dialog.getByRole('button', { name: 'Delete deck' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => row.count()).toBe(0)
    await page
      .getByRole('status')
      .filter({ hasText: /^Deleted the deck deck-/ })
      .waitFor()
    // The copy, open in the builder, stays; deleting it too leaves a new deck in the builder.
    await press('Delete “Copy of Kept deck (e2e)”')
    await dialog.or(page.getByRole('dialog')).first().waitFor()
    await page.getByRole('dialog').getByRole('button', { name: 'Delete deck' }).focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => copyRow.count()).toBe(0)
    await expect.poll(() => title.inputValue()).toBe('Sprint 34 demo')
    await page.reload()
    await demoRow.waitFor()
    expect(await list.getByRole('row').count()).toBe(2) // the header and the demo deck
    await expect.poll(() => title.inputValue()).toBe('Sprint 34 demo')

    // The audit log has each save and deletion.
    await page.goto(page.url().replace(/#.*$/, '#/audit'))
    await page.getByText('Demo deck deleted').filter({ visible: true }).first().waitFor()
    expect(errors).toEqual([])
  }, 300_000)
})

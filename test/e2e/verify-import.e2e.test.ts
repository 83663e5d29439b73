// End to end, in Chromium against the browser build (the demo workspace opens on first start):
// the Verify screen trusts the workspace keyring (colleagues' keys written into the workspace as
// the Keys screen imports them). A fully signed DPIA verifies and is imported: its packet
// is Verified and marked Received. A tampered copy reads Not verified naming the file, and can
// only be kept in quarantine, marked as such, then deleted after confirming. An Ombuds adds
// their sign-off to an access review that lacks it, from the keyboard alone, and the bundle
// they save verifies with the core verifier. Every state is checked with axe, light and dark.
// Set EVW_SCREENSHOTS=1 to write screenshots of each state to /tmp/evw-verify-*.png.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bytesSource } from '../../src/core/bundle/byte-io'
import { inspectBundle } from '../../src/core/bundle/inspect-bundle'
import type { Keyring } from '../../src/core/keys/keyring'
import { encryptIdentity, identityFromSeed } from '../../src/core/keys/secret-key'
import { examplePacket } from '../../src/core/templates/example-packet'
import { TemplateRegistry } from '../../src/core/templates/registry'
import { nodeCrypto } from '../../src/node/crypto/node-crypto'
import {
  dpiaPacket,
  failureCodes,
  keyringFor,
  packInMemory,
  parties,
  seed,
  signOff,
  verifyBytes,
  type Party,
} from '../helpers/bundle-fixture'
import {
  expectAccessible,
  expectAccessibleInBothSchemes,
  hasChromium,
  snapshotFailures,
  startE2eApp,
  warnIfNoChromium,
  type E2eApp,
} from '../helpers/e2e-browser'
import { entry, rewrite } from '../helpers/zip-surgery'

warnIfNoChromium('verify-import')

const SHOTS = process.env.EVW_SCREENSHOTS === '1'
const WORKSPACE_DB = 'evw-workspace-demo'
const KEYS_DB = 'evidence-workbench-keys'
const PASSPHRASE = 'correct horse battery staple'
const DPIA_ID = 'dpia-e2e-received-2026'
const REVIEW_ID = 'access-review-e2e-2026'

interface Fixtures {
  dir: string
  dpia: Uint8Array
  tampered: Uint8Array
  tamperedFile: string
  review: Uint8Array
  /** Everyone but the Ombuds: what the workspace keyring imports from colleagues. */
  colleagues: Keyring
  /** The colleagues and the Ombuds, whose own identity is in the workspace keyring too. */
  everyone: Keyring
  ombuds: { keyid: string; name: string; sealed: unknown }
}

async function makeFixtures(): Promise<Fixtures> {
  const ps = await parties()
  const secEng: Party = {
    identity: await identityFromSeed(nodeCrypto, 'Sam SecEng', seed(5)),
    roles: ['seceng'],
  }
  const ombudsParty: Party = {
    identity: await identityFromSeed(nodeCrypto, 'Olive Ombuds', seed(6)),
    roles: ['ombuds'],
  }

  // A DPIA the workspace does not have yet, signed by every required role.
  const dpia = { ...dpiaPacket(), packetId: DPIA_ID, title: 'DPIA: Received Partner 2026' }
  let dpiaBundle = await packInMemory(dpia, ps.packer.identity)
  dpiaBundle = await signOff(dpiaBundle, ps.dpo, 'dpo')
  dpiaBundle = await signOff(dpiaBundle, ps.legal, 'legal')
  dpiaBundle = await signOff(dpiaBundle, ps.manager, 'accountable-manager')

  let tamperedFile = ''
  const tampered = await rewrite(dpiaBundle, (entries) => {
    const first = entries.find((e) => e.name.startsWith('files/'))!
    tamperedFile = first.name
    const e = entry(entries, first.name)
    e.data = e.data.slice()
    e.data[0] = e.data[0]! ^ 1
    return entries
  })

  // An access review approved by Security Engineering; its required Ombuds approval is missing.
  const template = new TemplateRegistry().latest('access-review')!
  const review = { ...examplePacket(template), packetId: REVIEW_ID, title: 'Access review Q4' }
  const reviewBundle = await signOff(
    await packInMemory(review, ps.packer.identity),
    secEng,
    'seceng',
  )

  const colleagues = await keyringFor([ps.packer, ps.dpo, ps.legal, ps.manager, secEng])
  const everyone = await keyringFor([ps.packer, ps.dpo, ps.legal, ps.manager, secEng, ombudsParty])
  const sealed = await encryptIdentity(nodeCrypto, ombudsParty.identity, PASSPHRASE, {
    params: { N: 2 ** 14, r: 8, p: 1, dkLen: 32 },
  })
  return {
    dir: await mkdtemp(path.join(tmpdir(), 'evw-e2e-import-')),
    dpia: dpiaBundle,
    tampered,
    tamperedFile,
    review: reviewBundle,
    colleagues,
    everyone,
    ombuds: { keyid: ombudsParty.identity.keyid, name: ombudsParty.identity.name, sealed },
  }
}

async function shot(page: Page, name: string) {
  if (SHOTS) await page.screenshot({ path: `/tmp/evw-verify-${name}.png`, fullPage: true })
}

/** Waits until the app has created an IndexedDB database (it does so on first use). */
async function databaseExists(page: Page, name: string): Promise<boolean> {
  return page.evaluate(async (n) => (await indexedDB.databases()).some((d) => d.name === n), name)
}

/**
 * Puts records into the app's own IndexedDB stores (the workspace keyring, this browser's
 * identities), as the Keys screen would, then reloads so every screen reads them.
 */
async function seedStores(
  page: Page,
  rows: { db: string; store: string; values: unknown[] }[],
): Promise<void> {
  await page.evaluate(async (rows) => {
    for (const { db: name, store, values } of rows) {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(store, 'readwrite')
        for (const v of values) tx.objectStore(store).put(v)
        tx.oncomplete = () => resolve()
        tx.onerror = () => reject(tx.error)
      })
      db.close()
    }
  }, rows)
  await page.reload()
  await page.locator('main h1').waitFor()
}

async function readStore<T>(page: Page, dbName: string, store: string): Promise<T[]> {
  return page.evaluate(
    async ({ dbName, store }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open(dbName)
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      const all = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll()
        req.onsuccess = () => resolve(req.result)
        req.onerror = () => reject(req.error)
      })
      db.close()
      // Blobs do not cross into the test; their presence and size do.
      return JSON.parse(
        JSON.stringify(all, (_k, v: unknown) => (v instanceof Blob ? { blobSize: v.size } : v)),
      ) as unknown[]
    },
    { dbName, store },
  ) as Promise<T[]>
}

describe.skipIf(!hasChromium)('Verify, import and sign off received bundles (browser host)', () => {
  let app: E2eApp
  let fx: Fixtures
  snapshotFailures(() => app)

  beforeAll(async () => {
    ;[fx, app] = await Promise.all([makeFixtures(), startE2eApp()])
  })
  afterAll(async () => {
    await app?.close()
    if (fx) await rm(fx.dir, { recursive: true, force: true })
  })

  /** Opens Verify with the colleagues' keys in the workspace keyring (and the Ombuds's own). */
  async function openWithTrust(withOmbuds = false, scheme: 'light' | 'dark' = 'light') {
    const opened = await app.open('#/verify', { colorScheme: scheme })
    const { page } = opened
    const workspaceRadio = page.getByRole('radio', { name: 'This workspace’s keyring' })
    await page.locator('.trust-choice .keys, .trust-choice .trust-empty').first().waitFor()
    expect(await workspaceRadio.isChecked()).toBe(true)
    expect(await databaseExists(page, WORKSPACE_DB)).toBe(true)
    const keyring = (withOmbuds ? fx.everyone : fx.colleagues).keys.map((k) => ({
      ...k,
      origin: k.keyid === fx.ombuds.keyid ? 'own' : 'imported',
    }))
    const rows: { db: string; store: string; values: unknown[] }[] = [
      { db: WORKSPACE_DB, store: 'keyring', values: keyring },
    ]
    if (withOmbuds) {
      // The browser's key store exists once the app has used it (the Keys screen does).
      if (!(await databaseExists(page, KEYS_DB))) {
        await page.goto(`${app.server.url}#/identities`)
        await expect.poll(() => databaseExists(page, KEYS_DB), { timeout: 15_000 }).toBe(true)
        await page.goto(`${app.server.url}#/verify`)
      }
      rows.push({
        db: KEYS_DB,
        store: 'identities',
        values: [
          {
            keyid: fx.ombuds.keyid,
            name: fx.ombuds.name,
            createdAt: '2026-11-01T09:00:00.000Z',
            sealed: fx.ombuds.sealed,
          },
        ],
      })
    }
    await seedStores(page, rows)
    // The workspace keyring now lists them (next to any keys the workspace had already).
    await expect
      .poll(() => page.locator('.trust-choice .keys').first().textContent(), { timeout: 20_000 })
      .toContain('Sam SecEng')
    return opened
  }

  async function chooseBundle(page: Page, name: string, bytes: Uint8Array) {
    const file = path.join(fx.dir, name)
    await writeFile(file, bytes)
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.getByRole('button', { name: /^Choose (another )?bundle/ }).click(),
    ])
    await chooser.setFiles(file)
    await page.locator('.file-drop').first().getByText(name).waitFor()
  }

  async function verify(page: Page, expected: 'verified' | 'not-verified') {
    await page.getByRole('button', { name: 'Verify bundle' }).click()
    await page.locator(`[data-verdict="${expected}"]`).waitFor({ timeout: 30_000 })
  }

  it('verifies a fully signed DPIA against the workspace keyring and imports it as a verified, received packet', async () => {
    const { page, errors } = await openWithTrust()
    // The workspace keyring is the trust store; the verdict says so.
    await chooseBundle(page, 'dpia-received.evb', fx.dpia)
    await verify(page, 'verified')
    expect(await page.locator('.verdict-trust').textContent()).toMatch(
      /^Trusted keyring: the keyring of workspace “.+” \(\d+ trusted keys\)$/,
    )

    await page.getByRole('button', { name: 'Import into workspace' }).click()
    const result = page.locator('.receive-result')
    await result.getByText('Imported.').waitFor({ timeout: 30_000 })
    expect(await result.textContent()).toMatch(/Evidence: \d+ files? added to the library/)
    await expectAccessibleInBothSchemes(page, 'Imported bundle')
    await shot(page, 'imported')

    // Listed under Received bundles: verified, its packet in the workspace.
    const row = page.locator('.received-table tbody tr', { hasText: 'dpia-received.evb' })
    expect(await row.textContent()).toContain('Verified')
    expect(await row.textContent()).toContain('Packet in workspace')
    expect(await row.locator('.quarantine-badge').count()).toBe(0)

    // Stored as the brief says: the packet verified and received, its evidence in the library.
    const packets = await readStore<{ id: string; status: string; receivedFrom?: unknown }>(
      page,
      WORKSPACE_DB,
      'packets',
    )
    const packet = packets.find((p) => p.id === DPIA_ID)
    expect(packet).toMatchObject({
      status: 'verified',
      receivedFrom: { fileName: 'dpia-received.evb' },
    })
    const evidence = await readStore<{ tags: string[] }>(page, WORKSPACE_DB, 'evidence')
    expect(evidence.filter((e) => e.tags.includes('received')).length).toBeGreaterThan(0)

    // The packet screen shows it as Verified and Received.
    await result.getByRole('link', { name: 'Open the packet' }).click()
    await page.getByRole('heading', { level: 1, name: 'DPIA: Received Partner 2026' }).waitFor()
    const meta = (await page.locator('.packet-meta').textContent()) ?? ''
    expect(meta).toContain('Verified')
    expect(meta).toContain('Received')
    expect(errors).toEqual([])
  })

  it('reads a tampered copy as Not verified, names the file, and keeps it only in quarantine', async () => {
    const { page, errors } = await openWithTrust()
    await chooseBundle(page, 'dpia-tampered.evb', fx.tampered)
    await verify(page, 'not-verified')
    expect(await page.locator('.verdict-word').textContent()).toBe('Not verified')
    expect(await page.locator('.verdict-sentence').textContent()).toContain(fx.tamperedFile)
    expect(await page.locator('.problems').textContent()).toContain(`File: ${fx.tamperedFile}`)

    // No import as a packet is offered: only quarantine.
    expect(await page.getByRole('button', { name: 'Import into workspace' }).count()).toBe(0)
    await page.getByRole('button', { name: 'Keep in quarantine' }).click()
    const result = page.locator('.receive-result')
    await result.getByText('Quarantined').waitFor({ timeout: 30_000 })
    expect(await result.textContent()).toContain('none of its files were added')

    // Marked in the list, and on its stored report.
    const row = page.locator('.received-table tbody tr', { hasText: 'dpia-tampered.evb' })
    await row.locator('.quarantine-badge').waitFor()
    expect(await row.textContent()).toContain('Not verified')
    await row.getByRole('button', { name: /^Show report/ }).click()
    await page.locator('.verdict .quarantine-badge').waitFor()
    await shot(page, 'quarantined')
    // Verifying it again (against the current workspace keyring) keeps it where it is.
    await row.getByRole('button', { name: /^Verify again/ }).click()
    await page.getByText('dpia-tampered.evb verified again: Not verified.').waitFor()
    await page.locator('.verdict .quarantine-badge').waitFor()
    await expectAccessibleInBothSchemes(page, 'Quarantined bundle')

    // Nothing of it went anywhere else.
    const packets = await readStore<{ id: string }>(page, WORKSPACE_DB, 'packets')
    expect(packets.some((p) => p.id === DPIA_ID)).toBe(false)
    const evidence = await readStore<{ tags: string[] }>(page, WORKSPACE_DB, 'evidence')
    expect(evidence.some((e) => e.tags.includes('received'))).toBe(false)
    const received = await readStore<{ quarantined: boolean; verdict: string }>(
      page,
      WORKSPACE_DB,
      'receivedBundles',
    )
    expect(received).toEqual([
      expect.objectContaining({ quarantined: true, verdict: 'not-verified' }),
    ])

    // Deleting asks first.
    await row.getByRole('button', { name: /^Delete…/ }).click()
    const dialog = page.getByRole('dialog', { name: 'Delete this quarantined bundle?' })
    await dialog.waitFor()
    await expectAccessible(page, 'Delete quarantined bundle dialog')
    await dialog.getByRole('button', { name: 'Delete bundle' }).click()
    await page.getByText('Deleted the quarantined bundle dpia-tampered.evb').waitFor()
    expect(await page.locator('.received-table').count()).toBe(0)
    expect(errors).toEqual([])
  })

  it('lets an Ombuds add their sign-off from the keyboard alone; the saved bundle verifies', async () => {
    const { page, errors } = await openWithTrust(true)
    page.on('filechooser', () => undefined)
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        if (!el) return ''
        const label = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim()
        return `${el.tagName.toLowerCase()}:${label}`
      })
    const tabTo = async (pattern: RegExp, maxPresses = 60) => {
      for (let i = 0; i < maxPresses; i++) {
        await page.keyboard.press('Tab')
        if (pattern.test(await focused())) return
      }
      throw new Error(`Tab never reached ${pattern}; focus is on ${await focused()}`)
    }

    const file = path.join(fx.dir, 'access-review.evb')
    await writeFile(file, fx.review)
    await page.locator('main').focus()
    await tabTo(/^button:Choose bundle/)
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page.keyboard.press('Enter'),
    ])
    await chooser.setFiles(file)
    await page.locator('.file-drop').first().getByText('access-review.evb').waitFor()
    await tabTo(/^button:Verify bundle$/)
    await page.keyboard.press('Enter')
    await page.locator('[data-verdict="not-verified"]').waitFor({ timeout: 30_000 })
    expect(await page.locator('.verdict-sentence').textContent()).toMatch(
      /^Not fully signed: .*Ombuds/,
    )
    const codes = await page.locator('.problems .code-badge').allTextContents()
    expect(codes).toEqual(['ROLE_MISSING'])

    await tabTo(/^button:Add my sign-off/)
    await page.keyboard.press('Enter')
    const panel = page.locator('.signoff-panel')
    await panel.getByRole('heading', { name: 'Add my sign-off' }).waitFor()
    await panel.getByText('What you are signing').waitFor()
    const info = await inspectBundle(bytesSource(fx.review), nodeCrypto)
    expect(await panel.locator('.signed-scope').textContent()).toContain(info.statementSha256!)
    for (const ev of info.evidence) {
      expect(await panel.locator('.signed-scope').textContent()).toContain(ev.sha256)
    }
    expect(await panel.getByLabel('Role').inputValue()).toBe('ombuds')
    await expectAccessibleInBothSchemes(page, 'Add my sign-off')
    await shot(page, 'signoff-panel')

    // A rejection needs its reason.
    for (let i = 0; ; i++) {
      if (i > 10) throw new Error(`Tab never reached the decision; focus is on ${await focused()}`)
      await page.keyboard.press('Tab')
      const onDecision = await page.evaluate(() =>
        document.activeElement?.matches('input[type="radio"][value="approve"]'),
      )
      if (onDecision) {
        break
      }
    }
    await page.keyboard.press('ArrowRight')
    expect(await panel.getByRole('radio', { name: 'Reject' }).isChecked()).toBe(true)
    await tabTo(/^button:Reject and sign/)
    await page.keyboard.press('Enter')
    await panel.getByText('Give the reason for rejecting').waitFor()
    expect(await focused()).toMatch(/^textarea:/)
    // Approve instead.
    await page.keyboard.press('Shift+Tab')
    await page.keyboard.press('ArrowLeft')
    expect(await panel.getByRole('radio', { name: 'Approve' }).isChecked()).toBe(true)
    await tabTo(/^button:Approve and sign/)
    await page.keyboard.press('Enter')

    // The passphrase prompt: a wrong one is said at the field, the right one signs.
    const dialog = page.getByRole('dialog', { name: 'Approve as Ombuds' })
    await dialog.waitFor()
    await expectAccessible(page, 'Passphrase prompt')
    await shot(page, 'passphrase')
    await page.keyboard.type('not the passphrase')
    await page.keyboard.press('Enter')
    await dialog.getByText(/does not unlock this identity/).waitFor({ timeout: 30_000 })
    await page.keyboard.type(PASSPHRASE)
    await page.keyboard.press('Enter')

    // The new bundle is verified again against the workspace keyring: now Verified.
    await page.locator('[data-verdict="verified"]').waitFor({ timeout: 30_000 })
    await expect.poll(focused).toBe('h2:Verified')
    expect(await page.locator('.file-drop').first().textContent()).toContain(
      'access-review-ombuds.evb',
    )
    await shot(page, 'signed')
    const signed = page.locator('.signed-box')
    expect(await signed.textContent()).toContain('Your approval as Ombuds is in the bundle')
    await tabTo(/^button:Save bundle to send back/)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.keyboard.press('Enter'),
    ])
    expect(download.suggestedFilename()).toBe('access-review-ombuds.evb')
    const saved = path.join(fx.dir, 'saved-ombuds.evb')
    await download.saveAs(saved)

    // The bundle sent back verifies with the core verifier and the same keyring.
    const report = await verifyBytes(new Uint8Array(await readFile(saved)), fx.everyone, {
      now: new Date(),
    })
    expect(failureCodes(report)).toEqual([])
    expect(report.verdict).toBe('verified')
    expect(report.signoffs.map((s) => [s.role, s.signer, s.valid])).toContainEqual([
      'ombuds',
      'Olive Ombuds',
      true,
    ])
    // The sign-off is in the workspace's audit log.
    const log = await readStore<{ entry: Record<string, number> }>(
      page,
      WORKSPACE_DB,
      'auditEntries',
    )
    const actions = log.map(
      (e) =>
        (
          JSON.parse(new TextDecoder().decode(new Uint8Array(Object.values(e.entry)))) as {
            action: string
          }
        ).action,
    )
    expect(actions).toContain('signoff.added')
    expect(errors).toEqual([])
  })
})

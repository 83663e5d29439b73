// Fills a workspace database with the demo workspace: the sample files (and the short documents
// the demo generates) are hashed with WebCrypto and stored as blobs; every packet that claims a
// sign-off gets its real bundle and sign-offs, signed by the demo identities whose public keys
// go into the keyring; and the log holds the demo's history with the checkpoints its packers
// signed. Signing happens before the database transaction; every record then goes in one
// transaction, so a demo is either complete or absent. The access reviews (two campaigns built
// from the access-review sample files, one closed with its packet filed) and the decisions on
// the demo's accessibility sweep reports go in the same way. Resetting clears the demo's tables
// first, in the same transaction (the user's own keyring entries and others' imported keys stay).
import { utf8 } from '../../core/encoding/bytes'
import type { CryptoProvider } from '../../core/crypto/crypto-provider'
import { identityFromSeed } from '../../core/keys/secret-key'
import {
  buildDemoA11yReviews,
  DEMO_A11Y_REPORTS,
  type DemoA11yReportInput,
} from '../../core/workspace/demo-a11y'
import {
  DEMO_KEY_NOTE,
  DEMO_SIGNERS,
  demoSeed,
  type DemoSignerId,
} from '../../core/workspace/demo-identities'
import { buildDemoReviews } from '../../core/workspace/demo-reviews'
import { signDemoWorkspace } from '../../core/workspace/demo-signoffs'
import {
  buildDemoWorkspace,
  DEMO_GENERATED_FILES,
  type DemoFileInfo,
  type DemoWorkspace,
} from '../../core/workspace/demo-workspace'
import { forgetWorkspaceLog, workspaceLogOrigin } from '../audit/workspace-log'
import { platformCrypto } from '../host/platform-crypto'
import type { WorkspaceDb } from './workspace-db'

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** A demo sweep report's text, digest and the time it joined the library. */
function demoReport(
  files: readonly (DemoFileInfo & { bytes: Uint8Array })[],
  demo: DemoWorkspace,
  fileName: string,
): DemoA11yReportInput {
  const file = files.find((f) => f.fileName === fileName)
  const record = demo.evidence.find((e) => e.fileName === fileName)
  if (!file || !record) throw new Error(`The demo has no sweep report ${fileName}.`)
  return {
    text: new TextDecoder().decode(file.bytes),
    sha256: file.sha256,
    addedAt: record.addedAt,
  }
}

/** The demo identities' keyids, derived from their published seeds. */
async function demoKeyids(provider: CryptoProvider): Promise<Record<DemoSignerId, string>> {
  const ids = Object.keys(DEMO_SIGNERS) as DemoSignerId[]
  const keyids = await Promise.all(
    ids.map(
      async (id) =>
        (await identityFromSeed(provider, DEMO_SIGNERS[id].name, demoSeed(DEMO_SIGNERS[id]))).keyid,
    ),
  )
  return Object.fromEntries(ids.map((id, i) => [id, keyids[i]!])) as Record<DemoSignerId, string>
}

export async function seedDemoWorkspace(
  db: WorkspaceDb,
  options: { now?: Date; clear?: boolean } = {},
): Promise<void> {
  const now = options.now ?? new Date()
  const { demoAssets, demoReviewSamples } = await import('../workspace/demo-assets')
  const assets = [
    ...demoAssets(),
    ...DEMO_GENERATED_FILES.map((g) => ({
      fileName: g.fileName,
      mimeType: g.mimeType,
      bytes: utf8(g.text),
    })),
  ]
  const files: (DemoFileInfo & { bytes: Uint8Array })[] = await Promise.all(
    assets.map(async (a) => ({
      fileName: a.fileName,
      mimeType: a.mimeType,
      size: a.bytes.byteLength,
      sha256: await sha256Hex(a.bytes),
      bytes: a.bytes,
    })),
  )
  const demo = buildDemoWorkspace(files, now)
  const reviews = await buildDemoReviews(demoReviewSamples(), now, sha256Hex)
  demo.reviews = reviews
  const provider = await platformCrypto()
  const a11yReviews = buildDemoA11yReviews(
    {
      card: demoReport(files, demo, DEMO_A11Y_REPORTS.card.fileName),
      banner: demoReport(files, demo, DEMO_A11Y_REPORTS.banner.fileName),
    },
    await demoKeyids(provider),
    now,
  )
  demo.a11yReviews = a11yReviews
  const bySha = new Map(files.map((f) => [f.sha256, f.bytes]))
  const signed = await signDemoWorkspace(demo, {
    crypto: provider,
    content: (sha256) => bySha.get(sha256)!,
    logOrigin: workspaceLogOrigin(db),
    now,
  })
  const demoKeys = new Set(signed.keyring.map((k) => k.keyid))
  await db.transaction(
    'rw',
    [
      db.meta,
      db.partnerSources,
      db.packets,
      db.packetRevisions,
      db.evidence,
      db.blobs,
      db.keyring,
      db.packetBundles,
      db.signoffs,
      db.auditEntries,
      db.checkpoints,
      db.decks,
      db.reviewCampaigns,
      db.reviewItems,
      db.reviewDecisions,
      db.columnMappings,
      db.a11yReviews,
    ],
    async () => {
      if (options.clear) {
        // The demo's log starts again with its sample history: the only place a log is
        // cleared, and only for the demo, whose reset the user asked for.
        await Promise.all([
          db.partnerSources.clear(),
          db.packets.clear(),
          db.packetRevisions.clear(),
          db.evidence.clear(),
          db.blobs.clear(),
          db.packetBundles.clear(),
          db.signoffs.clear(),
          db.auditEntries.clear(),
          db.checkpoints.clear(),
          db.decks.clear(),
          db.reviewCampaigns.clear(),
          db.reviewItems.clear(),
          db.reviewDecisions.clear(),
          db.columnMappings.clear(),
          db.a11yReviews.clear(),
          db.keyring.filter((k) => demoKeys.has(k.keyid) || k.note === DEMO_KEY_NOTE).delete(),
        ])
      } else if ((await db.auditEntries.count()) > 0) {
        throw new Error('The demo can only be created in a new workspace.')
      }
      await db.meta.put(demo.meta)
      await db.partnerSources.bulkPut(demo.partnerSources)
      await db.packets.bulkPut(demo.packets)
      await db.packetRevisions.bulkPut(demo.packetRevisions)
      await db.evidence.bulkPut(demo.evidence)
      await db.decks.bulkPut(demo.decks)
      await db.packets.bulkPut(reviews.packets)
      await db.packetRevisions.bulkPut(reviews.packetRevisions)
      await db.evidence.bulkPut(reviews.files.map((f) => f.record))
      await db.reviewCampaigns.bulkPut(reviews.campaigns)
      await db.reviewItems.bulkPut(reviews.items)
      await db.reviewDecisions.bulkAdd(reviews.log)
      await db.columnMappings.bulkPut(reviews.columnMappings)
      await db.a11yReviews.bulkAdd(a11yReviews.records)
      await db.keyring.bulkPut(signed.keyring)
      await db.packetBundles.bulkPut(
        signed.bundles.map(({ bytes, ...b }) => ({
          ...b,
          data: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/zip' }),
        })),
      )
      await db.signoffs.bulkPut(signed.signoffs)
      await db.auditEntries.bulkAdd(signed.auditEntries.map((entry, index) => ({ index, entry })))
      await db.checkpoints.bulkAdd(signed.checkpoints)
      await db.blobs.bulkPut([
        ...files.map((f) => ({
          sha256: f.sha256,
          data: new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mimeType }),
        })),
        ...reviews.files.map((f) => ({
          sha256: f.record.sha256,
          data: new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.record.mimeType }),
        })),
      ])
    },
  )
  if (options.clear) forgetWorkspaceLog(db)
}

// Fills a workspace database with the demo workspace: the sample files are hashed with
// WebCrypto and stored as blobs, and every record goes in one transaction, so a demo is
// either complete or absent. Resetting clears the demo's tables first, in the same transaction.
import { buildDemoWorkspace, type DemoFileInfo } from '../../core/workspace/demo-workspace'
import type { WorkspaceDb } from './workspace-db'

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

export async function seedDemoWorkspace(
  db: WorkspaceDb,
  options: { now?: Date; clear?: boolean } = {},
): Promise<void> {
  const { demoAssets } = await import('../workspace/demo-assets')
  const assets = demoAssets()
  const files: (DemoFileInfo & { bytes: Uint8Array })[] = await Promise.all(
    assets.map(async (a) => ({
      fileName: a.fileName,
      mimeType: a.mimeType,
      size: a.bytes.byteLength,
      sha256: await sha256Hex(a.bytes),
      bytes: a.bytes,
    })),
  )
  const demo = buildDemoWorkspace(files, options.now ?? new Date())
  await db.transaction(
    'rw',
    [db.meta, db.partnerSources, db.packets, db.packetRevisions, db.evidence, db.blobs],
    async () => {
      if (options.clear) {
        await Promise.all([
          db.partnerSources.clear(),
          db.packets.clear(),
          db.packetRevisions.clear(),
          db.evidence.clear(),
          db.blobs.clear(),
        ])
      }
      await db.meta.put(demo.meta)
      await db.partnerSources.bulkPut(demo.partnerSources)
      await db.packets.bulkPut(demo.packets)
      await db.packetRevisions.bulkPut(demo.packetRevisions)
      await db.evidence.bulkPut(demo.evidence)
      await db.blobs.bulkPut(
        files.map((f) => ({
          sha256: f.sha256,
          data: new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mimeType }),
        })),
      )
    },
  )
}

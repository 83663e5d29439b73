// The pre-sync review's checks, run in order with progress and cancellation. Each check
// measures (re-hashes evidence in the hash worker, verifies the bundle in the verification
// worker, recomputes the audit log) and hands its findings to the core's judgement
// (core/packets/pre-sync-review.ts). Other features add checks through registerPreSyncCheck.
import type { Progress } from '../../core/bundle/byte-io'
import { localDate } from '../../core/evidence/expiry'
import { blobFile, type Host } from '../../core/host/host-api'
import { bundleFileName } from '../../core/packets/packet-bundle'
import { checkPacket } from '../../core/packets/packet-lifecycle'
import {
  auditItem,
  bundleItem,
  evidenceItem,
  fieldsItem,
  PRE_SYNC_ITEMS,
  signoffsItem,
  type EvidenceFinding,
  type PreSyncItem,
} from '../../core/packets/pre-sync-review'
import type { PacketTemplate } from '../../core/templates/template-model'
import type { PacketRecord } from '../../core/workspace/records'
import { verifyWorkspaceLog } from '../audit/verify-workspace-log'
import type { WorkspaceDb } from '../data/workspace-db'
import { hashFiles } from '../evidence/hash-files'
import { runVerification } from '../verify/run-verification'
import { loadWorkspaceKeyring } from '../verify/workspace-keyring'
import { evidenceBySha } from './packet-store'
import { loadSignoffState } from './signoff-store'

export interface PreSyncContext {
  db: WorkspaceDb
  host: Host
  packet: PacketRecord
  template: PacketTemplate
  now: Date
}

export interface PreSyncRun {
  signal: AbortSignal
  onProgress: (p: Progress) => void
}

/** One line of the checklist: what it checks, and how. */
export interface PreSyncCheck {
  id: string
  title: string
  run(ctx: PreSyncContext, run: PreSyncRun): Promise<PreSyncItem>
}

const titled = (id: (typeof PRE_SYNC_ITEMS)[number]['id']) => ({
  id,
  title: PRE_SYNC_ITEMS.find((i) => i.id === id)!.title,
})

const BUILT_IN: readonly PreSyncCheck[] = [
  {
    ...titled('fields'),
    async run({ db, packet, template, now }) {
      const records = await evidenceBySha(
        db,
        packet.evidence.map((e) => e.sha256),
      )
      return fieldsItem(checkPacket(packet, template, records, now))
    },
  },
  {
    ...titled('evidence'),
    async run({ db, packet, template, now }, { signal, onProgress }) {
      const shas = packet.evidence.map((e) => e.sha256)
      const [records, blobs] = await Promise.all([evidenceBySha(db, shas), db.blobs.bulkGet(shas)])
      const present = packet.evidence
        .map((link, i) => ({ link, blob: blobs[i]?.data }))
        .filter((x): x is { link: typeof x.link; blob: Blob } => x.blob !== undefined)
      const digests = await hashFiles({
        files: present.map((p) => p.blob),
        signal,
        onProgress: (p) =>
          onProgress({
            phase: 're-hashing evidence',
            done: p.filesDone,
            total: p.filesTotal,
            bytesDone: p.bytesDone,
            bytesTotal: p.bytesTotal,
          }),
      })
      const hashed = new Map(present.map((p, i) => [p.link, digests[i]]))
      const findings: EvidenceFinding[] = packet.evidence.map((link, i) => {
        const record = records.get(link.sha256)
        const actual = hashed.get(link)
        return {
          link,
          ...(record ? { record } : {}),
          blobPresent: blobs[i] !== undefined,
          ...(actual ? { actualSha256: actual } : {}),
        }
      })
      return evidenceItem(packet, template, findings, localDate(now))
    },
  },
  {
    ...titled('signoffs'),
    async run({ db, packet, template }) {
      const state = await loadSignoffState(db, packet, template)
      return signoffsItem(state.progress, template)
    },
  },
  {
    ...titled('bundle'),
    async run({ db, packet }, { signal, onProgress }) {
      const [bundle, keyring] = await Promise.all([
        db.packetBundles.get([packet.id, packet.revision]),
        loadWorkspaceKeyring(db),
      ])
      if (!bundle) return bundleItem(undefined)
      const report = await runVerification({
        bundle: blobFile(bundleFileName(packet), bundle.data),
        keyring,
        signal,
        onProgress,
      })
      return bundleItem(report)
    },
  },
  {
    ...titled('audit'),
    async run({ db, host }, { signal, onProgress }) {
      const report = await verifyWorkspaceLog(db, host.keys, {
        signal,
        onProgress: (p) =>
          onProgress({
            phase: p.phase === 'entries' ? 'hashing audit-log entries' : 'checking checkpoints',
            done: p.done,
            total: p.total,
          }),
      })
      return auditItem(report)
    },
  },
]

const added: PreSyncCheck[] = []

/**
 * EXTENSION POINT for checks that other features own. The accessibility gate (axe results and
 * waivers of a packet's HTML evidence) registers its check here when it lands; the review
 * screen then shows, runs and requires it like the built-in ones. A check with an id already
 * registered replaces it.
 */
export function registerPreSyncCheck(check: PreSyncCheck): void {
  const i = added.findIndex((c) => c.id === check.id)
  if (i >= 0) added[i] = check
  else added.push(check)
}

/** Every check of the review, in order: the built-in ones, then the registered ones. */
export const preSyncChecks = (): readonly PreSyncCheck[] => [...BUILT_IN, ...added]

/**
 * Runs the checks one after the other. Each finished item is reported through `onItem`; a
 * check that throws is a failed item saying so. On cancellation the running check and the
 * rest are reported as not concluded (failed), so nothing cancelled ever reads as a pass.
 */
export async function runPreSyncReview(
  ctx: PreSyncContext,
  options: {
    signal: AbortSignal
    onStart: (check: PreSyncCheck) => void
    onProgress: (p: Progress) => void
    onItem: (item: PreSyncItem) => void
  },
  checks: readonly PreSyncCheck[] = preSyncChecks(),
): Promise<PreSyncItem[]> {
  const items: PreSyncItem[] = []
  for (const check of checks) {
    let result: PreSyncItem
    if (options.signal.aborted) {
      result = notConcluded(check, 'The review was cancelled before this check ran.')
    } else {
      options.onStart(check)
      try {
        result = await check.run(ctx, { signal: options.signal, onProgress: options.onProgress })
        if (options.signal.aborted) result = notConcluded(check, 'The review was cancelled.')
      } catch (e) {
        result = options.signal.aborted
          ? notConcluded(check, 'The review was cancelled while this check ran.')
          : {
              id: check.id,
              title: check.title,
              status: 'fail',
              summary: `This check could not run: ${e instanceof Error ? e.message : String(e)}`,
              details: [],
              advice: 'Run the review again; if it keeps failing, the workspace may be damaged.',
            }
      }
    }
    items.push(result)
    options.onItem(result)
  }
  return items
}

function notConcluded(check: PreSyncCheck, summary: string): PreSyncItem {
  return {
    id: check.id,
    title: check.title,
    status: 'fail',
    summary,
    details: [],
    advice: 'Run the review again to get an answer.',
  }
}

// The demo workspace's signatures are real: every packet that claims a sign-off has a bundle
// per revision that verifies with the demo keyring, its sign-offs count for its template's
// required roles, the rejected packet carries a signed rejection, and the demo's log (with
// the checkpoints the packers signed, the access reviews' steps and the accessibility
// reviews' decisions) verifies.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyLog } from '../../../../src/core/audit/audit-log'
import { decodeAuditEvent } from '../../../../src/core/audit/audit-event'
import { createNoteVerifier } from '../../../../src/core/audit/signed-note'
import { bytesSource } from '../../../../src/core/bundle/byte-io'
import { noteKeyName } from '../../../../src/core/bundle/log-proof-check'
import { verifyBundle } from '../../../../src/core/bundle/verify-bundle'
import { fromBase64, utf8 } from '../../../../src/core/encoding/bytes'
import { keyringOf } from '../../../../src/core/keys/keyring'
import { signoffProgress } from '../../../../src/core/packets/signoff-rules'
import { TemplateRegistry } from '../../../../src/core/templates/registry'
import { templatePolicy } from '../../../../src/core/templates/verify-policy'
import { identityFromSeed } from '../../../../src/core/keys/secret-key'
import { buildDemoA11yReviews, DEMO_A11Y_REPORTS } from '../../../../src/core/workspace/demo-a11y'
import {
  DEMO_KEY_NOTE,
  DEMO_SIGNERS,
  demoSeed,
  type DemoSignerId,
} from '../../../../src/core/workspace/demo-identities'
import { buildDemoReviews } from '../../../../src/core/workspace/demo-reviews'
import { signDemoWorkspace } from '../../../../src/core/workspace/demo-signoffs'
import {
  buildDemoWorkspace,
  DEMO_GENERATED_FILES,
  DEMO_SAMPLE_FILE_NAMES,
} from '../../../../src/core/workspace/demo-workspace'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'
import '../../../../src/node/bundle/file-source'

const NOW = new Date('2026-04-20T09:00:00Z')
const ORIGIN = 'evidence-workbench/workspace/demo-test'
const bytes = new Map<string, Uint8Array>()
for (const name of DEMO_SAMPLE_FILE_NAMES) {
  bytes.set(name, new Uint8Array(readFileSync(path.join('resources/demo', name))))
}
for (const g of DEMO_GENERATED_FILES) bytes.set(g.fileName, utf8(g.text))
const files = await Promise.all(
  [...bytes].map(async ([fileName, b]) => ({
    fileName,
    size: b.length,
    mimeType: 'application/octet-stream',
    sha256: Buffer.from(await nodeCrypto.sha256(b)).toString('hex'),
  })),
)
const bySha = new Map(files.map((f) => [f.sha256, bytes.get(f.fileName)!]))
const demo = buildDemoWorkspace(files, NOW)
const sample = (name: string) => readFileSync(path.join('resources/access-review', name), 'utf8')
demo.reviews = await buildDemoReviews(
  {
    genericGrants: sample('generic-grants.csv'),
    awsCredentialReport: sample('aws-credential-report.csv'),
    hrRoster: sample('hr-roster.csv'),
  },
  NOW,
  async (b) => Buffer.from(await nodeCrypto.sha256(b)).toString('hex'),
)
const keyids = Object.fromEntries(
  await Promise.all(
    (Object.keys(DEMO_SIGNERS) as DemoSignerId[]).map(async (id) => [
      id,
      (await identityFromSeed(nodeCrypto, DEMO_SIGNERS[id].name, demoSeed(DEMO_SIGNERS[id]))).keyid,
    ]),
  ),
) as Record<DemoSignerId, string>
const a11yReport = (fileName: string) => {
  const file = files.find((f) => f.fileName === fileName)!
  return {
    text: new TextDecoder().decode(bytes.get(fileName)!),
    sha256: file.sha256,
    addedAt: demo.evidence.find((e) => e.fileName === fileName)!.addedAt,
  }
}
demo.a11yReviews = buildDemoA11yReviews(
  {
    card: a11yReport(DEMO_A11Y_REPORTS.card.fileName),
    banner: a11yReport(DEMO_A11Y_REPORTS.banner.fileName),
  },
  keyids,
  NOW,
)
const started = performance.now()
const signed = await signDemoWorkspace(demo, {
  crypto: nodeCrypto,
  content: (sha) => bySha.get(sha)!,
  logOrigin: ORIGIN,
  now: NOW,
})
const elapsed = performance.now() - started
const keyring = keyringOf(signed.keyring)
const registry = new TemplateRegistry()

describe('the demo workspace’s signatures', () => {
  it('are made quickly enough for a first start', () => {
    console.info(
      `[demo] signed ${signed.bundles.length} bundles, ${signed.signoffs.length} sign-offs, ${signed.auditEntries.length} log entries in ${Math.round(elapsed)} ms (node:crypto)`,
    )
    expect(signed.bundles.length).toBeGreaterThan(30)
  })

  it('come from demo keys that say what they are', () => {
    expect(signed.keyring.map((k) => [k.name, k.roles])).toEqual([
      ['Morgan Achebe', ['accountable-manager']],
      ['Dana Okafor', ['dpo']],
      ['Leila Haddad', ['legal', 'ombuds']],
      ['Sven Lindqvist', ['seceng']],
    ])
    for (const k of signed.keyring)
      expect(k).toMatchObject({ origin: 'imported', note: DEMO_KEY_NOTE })
  })

  it('give every packet that claims a sign-off a bundle per revision that verifies', async () => {
    const claims = demo.packets.filter((p) =>
      ['signed', 'verified', 'synced', 'rejected'].includes(p.status),
    )
    expect(claims.length).toBeGreaterThan(25)
    for (const p of claims) {
      const template = registry.get(p.templateId, p.templateVersion)!
      for (let r = 1; r <= p.revision; r++) {
        const bundle = signed.bundles.find((b) => b.packetId === p.id && b.revision === r)
        expect(bundle, `${p.id} r${r}`).toBeDefined()
        const report = await verifyBundle(bytesSource(bundle!.bytes), {
          crypto: nodeCrypto,
          keyring,
          policy: templatePolicy(),
          now: NOW,
        })
        const failures = report.items.filter((i) => i.status === 'fail').map((i) => i.code)
        if (p.status === 'rejected') {
          expect(new Set(failures), p.id).toEqual(new Set(['SIGNOFF_REJECTED', 'ROLE_MISSING']))
        } else {
          expect(
            failures,
            `${p.id} r${r}: ${JSON.stringify(report.items.filter((i) => i.status === 'fail'))}`,
          ).toEqual([])
          expect(report.verdict).toBe('verified')
        }
        const progress = signoffProgress({ id: p.id, revision: r }, template, signed.signoffs, {
          statementSha256: bundle!.statementSha256,
          keyring,
        })
        expect(progress.complete, `${p.id} r${r}`).toBe(p.status !== 'rejected' || r < p.revision)
      }
    }
    const rejected = demo.packets.find((p) => p.status === 'rejected')!
    expect(rejected.rejectionReason).toMatch(/^Legal \(Leila Haddad\): The DPIA treats/)
    // Nothing else is packed: drafts and the packet in review have no bundle.
    for (const p of demo.packets.filter((x) => x.status === 'draft' || x.status === 'in-review')) {
      expect(signed.bundles.some((b) => b.packetId === p.id)).toBe(false)
    }
  })

  it('keep a log in time order, with each export proven under a packer-signed checkpoint', async () => {
    const events = signed.auditEntries.map((e) => {
      const d = decodeAuditEvent(e)
      if (!d.ok) throw new Error(d.message)
      return d.event
    })
    const times = events.map((e) => e.time)
    expect([...times].sort()).toEqual(times)
    const count = (a: string) => events.filter((e) => e.action === a).length
    expect(count('bundle.exported')).toBe(signed.bundles.length)
    expect(count('signoff.added')).toBe(signed.signoffs.length)
    expect(count('packet.rejected')).toBe(1)
    // The access reviews' steps are in the same log, as the app writes them.
    const reviews = demo.reviews!
    expect(count('review.campaign-created')).toBe(reviews.campaigns.length)
    expect(count('review.decided')).toBe(reviews.log.filter((l) => l.kind === 'decision').length)
    expect(count('review.change-confirmed')).toBe(
      reviews.log.filter((l) => l.kind === 'confirmation').length,
    )
    expect(count('review.closed')).toBe(1)
    expect(count('review.packet-filed')).toBe(1)
    // So are the decisions and the waiver on the accessibility sweep reports.
    const a11y = demo.a11yReviews!.records
    expect(count('a11y.reviewed')).toBe(a11y.filter((r) => r.kind === 'decision').length)
    expect(count('a11y.waived')).toBe(1)
    expect(count('evidence.added')).toBeGreaterThanOrEqual(demo.evidence.length)
    expect(signed.checkpoints).toHaveLength(signed.bundles.length)
    const verifiers = await Promise.all(
      keyring.keys.map((k) =>
        createNoteVerifier(noteKeyName(k.keyid), fromBase64(k.publicKey), nodeCrypto),
      ),
    )
    const report = await verifyLog(
      signed.auditEntries,
      signed.checkpoints.map((c) => c.note),
      verifiers,
      nodeCrypto,
      { origin: ORIGIN },
    )
    expect(report.issues).toEqual([])
    expect(report.verifiedCheckpoints).toBe(signed.checkpoints.length)
  })

  it('record the demo deck’s save under a packer-signed checkpoint', () => {
    const index = signed.auditEntries.findIndex((bytes) => {
      const d = decodeAuditEvent(bytes)
      return d.ok && d.event.action === 'deck.saved'
    })
    expect(index).toBeGreaterThanOrEqual(0)
    expect(index).toBeLessThan(Math.max(...signed.checkpoints.map((c) => c.size)))
  })
})

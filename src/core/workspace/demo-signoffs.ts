// Real signatures for the demo workspace. Every demo packet that claims a sign-off (signed,
// verified, synced, rejected, and the earlier revisions of those at revision 2) gets what the
// app would have made: a bundle packed by its first signer, one sign-off per required role (a
// rejection for the rejected one) by the demo identities of demo-identities.ts, the demo
// keyring holding their public keys, and the workspace log with every step in time order,
// including each export's entry and the checkpoint the packer signed over it. Nothing in the
// demo then claims a signature that does not exist: its bundles verify with its keyring.
import { AuditLog, MemoryAuditLogStore } from '../audit/audit-log'
import type { AuditEvent } from '../audit/audit-event'
import { addSignoff } from '../bundle/add-signoff'
import { bytesSource, MemorySink } from '../bundle/byte-io'
import { noteKeyName } from '../bundle/log-proof-check'
import { packBundle } from '../bundle/pack-bundle'
import type { CryptoProvider } from '../crypto/crypto-provider'
import { toBase64 } from '../encoding/bytes'
import { identitySigner, type KeySigner } from '../keys/key-signer'
import { identityFromSeed } from '../keys/secret-key'
import { bundleDocument } from '../packets/packet-bundle'
import { TemplateRegistry } from '../templates/registry'
import { requiredSignoffRoles } from '../templates/template-model'
import { demoAuditEvents } from './demo-audit'
import {
  DEMO_KEY_NOTE,
  DEMO_SIGNERS,
  demoSeed,
  demoSignerFor,
  type DemoSignerId,
} from './demo-identities'
import { DEMO_REJECTION, type DemoWorkspace } from './demo-workspace'
import type {
  EvidenceRecord,
  KeyringRecord,
  PacketBundleRecord,
  PacketRecord,
  SignoffRecord,
} from './records'

export interface DemoSignatures {
  keyring: KeyringRecord[]
  /** Each packed revision's bundle, as bytes (the renderer stores them as Blobs). */
  bundles: (Omit<PacketBundleRecord, 'data'> & { bytes: Uint8Array })[]
  signoffs: SignoffRecord[]
  /** The workspace log's entries in order (index = position). */
  auditEntries: Uint8Array[]
  checkpoints: { size: number; note: string; savedAt: string }[]
}

export interface DemoSigningInput {
  crypto: CryptoProvider
  /** The bytes of an evidence item by its SHA-256. */
  content: (sha256: string) => Uint8Array
  /** The workspace log's origin (evidence-workbench/workspace/<id>). */
  logOrigin: string
  now: Date
}

const HOUR = 3_600_000
const DAY = 24 * HOUR
const iso = (t: number) => new Date(t).toISOString()
/** How the app names an actor with a key (renderer/identity/actor.tsx actorLabel). */
const actorOf = (s: KeySigner) => `${s.name} (${s.keyid.slice(0, 16)})`

type Step =
  | { time: number; kind: 'event'; event: AuditEvent }
  | { time: number; kind: 'pack'; packet: PacketRecord; revision: number; by: DemoSignerId }
  | {
      time: number
      kind: 'signoff'
      packet: PacketRecord
      revision: number
      by: DemoSignerId
      role: string
      decision: 'approve' | 'reject'
      last: boolean
    }

const registry = new TemplateRegistry()

/** Statuses that claim a sign-off of the packet's current revision. */
const SIGNED_OFF = new Set(['signed', 'verified', 'synced', 'rejected'])

/** The sign-off steps of one revision, ending at `end` (ms). */
function revisionSteps(
  packet: PacketRecord,
  revision: number,
  end: number,
  rejected: boolean,
): Step[] {
  const template = registry.get(packet.templateId, packet.templateVersion)
  if (!template) throw new Error(`signDemoWorkspace: unknown template ${packet.templateId}`)
  const roles = rejected ? ['legal'] : requiredSignoffRoles(template)
  const who = roles.map((role) => {
    const id = demoSignerFor(role)
    if (!id) throw new Error(`signDemoWorkspace: no demo signer holds ${role}`)
    return { role, id }
  })
  const first = end - who.length * 20 * 60_000
  const steps: Step[] = [
    {
      time: first - 2 * HOUR,
      kind: 'event',
      event: {
        action: 'packet.submitted',
        actor: packet.createdBy,
        time: iso(first - 2 * HOUR),
        packetId: packet.id,
        subject: packet.title,
        details: { revision, status: 'in-review', note: 'Submitted for review' },
      },
    },
    { time: first - 10 * 60_000, kind: 'pack', packet, revision, by: who[0]!.id },
  ]
  who.forEach((w, k) =>
    steps.push({
      time: first + k * 20 * 60_000,
      kind: 'signoff',
      packet,
      revision,
      by: w.id,
      role: w.role,
      decision: rejected ? 'reject' : 'approve',
      last: k === who.length - 1,
    }),
  )
  return steps
}

/** When each revision of a signed-off packet was signed, consistent with the demo's dates. */
function packetSteps(packet: PacketRecord, evidence: ReadonlyMap<string, EvidenceRecord>): Step[] {
  const steps: Step[] = []
  const linked = packet.evidence.map((l) => evidence.get(l.sha256)).filter((e) => e !== undefined)
  const addedLast = Math.max(
    Date.parse(packet.createdAt),
    ...linked.map((e) => Date.parse(e.addedAt)),
  )
  if (packet.status === 'in-review') {
    const t = Date.parse(packet.updatedAt) - HOUR
    steps.push({
      time: t,
      kind: 'event',
      event: {
        action: 'packet.submitted',
        actor: packet.createdBy,
        time: iso(t),
        packetId: packet.id,
        subject: packet.title,
        details: { revision: packet.revision, status: 'in-review', note: 'Submitted for review' },
      },
    })
    return steps
  }
  if (!SIGNED_OFF.has(packet.status)) return steps
  // The final revision is signed shortly before the packet's last update, and while all of its
  // evidence was still valid (an item may have expired since: the pre-sync review shows that).
  let end = Date.parse(packet.updatedAt) - HOUR
  for (const e of linked) {
    if (e.expires) end = Math.min(end, Date.parse(`${e.expires}T00:00:00Z`) - 6 * HOUR)
  }
  // Earlier revisions were signed soon after creation, once their evidence was in the library.
  let t = addedLast + 3 * HOUR
  for (let r = 1; r < packet.revision; r++) {
    const revEnd = t + 3 * HOUR
    steps.push(...revisionSteps(packet, r, revEnd, false))
    const started = revEnd + DAY
    steps.push({
      time: started,
      kind: 'event',
      event: {
        action: 'packet.revision-started',
        actor: packet.createdBy,
        time: iso(started),
        packetId: packet.id,
        subject: packet.title,
        details: { revision: r + 1, status: 'draft', note: `Started revision ${r + 1}` },
      },
    })
    t = started + DAY
  }
  if (end - 6 * HOUR < t) end = t + 6 * HOUR
  steps.push(...revisionSteps(packet, packet.revision, end, packet.status === 'rejected'))
  return steps
}

export async function signDemoWorkspace(
  demo: DemoWorkspace,
  input: DemoSigningInput,
): Promise<DemoSignatures> {
  const { crypto, logOrigin } = input
  const signers = {} as Record<DemoSignerId, KeySigner>
  const keyring: KeyringRecord[] = []
  const addedAt = iso(input.now.getTime() - 120 * DAY)
  for (const id of Object.keys(DEMO_SIGNERS) as DemoSignerId[]) {
    const spec = DEMO_SIGNERS[id]
    const identity = await identityFromSeed(crypto, spec.name, demoSeed(spec))
    signers[id] = identitySigner(crypto, identity)
    keyring.push({
      keyid: identity.keyid,
      name: spec.name,
      publicKey: toBase64(identity.publicKey),
      roles: [...spec.roles],
      addedAt,
      origin: 'imported',
      note: DEMO_KEY_NOTE,
    })
  }

  const evidence = new Map(demo.evidence.map((e) => [e.sha256, e]))
  const base = demoAuditEvents(demo).map((event): Step => ({
    time: Date.parse(event.time),
    kind: 'event',
    event,
  }))
  const signing = demo.packets.flatMap((p) => packetSteps(p, evidence))
  // Stable: at the same moment the demo's own history comes first, then each packet's steps.
  const steps = [...base, ...signing]
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.time - b.s.time || a.i - b.i)
    .map((x) => x.s)

  const store = new MemoryAuditLogStore()
  const log = await AuditLog.open(store, crypto)
  const checkpointTimes: string[] = []
  const bundles = new Map<string, DemoSignatures['bundles'][number]>()
  const signoffs: SignoffRecord[] = []
  for (const step of steps) {
    if (step.kind === 'event') {
      await log.append(step.event)
      continue
    }
    const key = `${step.packet.id}\u0000${step.revision}`
    const signer = signers[step.by]
    if (step.kind === 'pack') {
      const at = new Date(step.time)
      const doc = bundleDocument({ ...step.packet, revision: step.revision }, evidence)
      const paths = new Map(step.packet.evidence.map((l) => [l.path, l.sha256]))
      const sink = new MemorySink()
      const { statementSha256 } = await packBundle(sink, {
        crypto,
        packet: doc,
        evidence: (path) => bytesSource(input.content(paths.get(path)!)),
        signer,
        logOrigin,
        now: at,
        recordInLog: async (e) => {
          const index = await log.append({
            action: 'bundle.exported',
            actor: actorOf(signer),
            time: at.toISOString(),
            packetId: e.packetId,
            subject: e.statementSha256,
            details: {
              revision: step.revision,
              purpose: 'packed for sign-off',
              keyid: signer.keyid,
            },
          })
          const { note } = await log.signCheckpoint({
            origin: logOrigin,
            keyName: noteKeyName(signer.keyid),
            publicKey: signer.publicKey,
            sign: (m) => signer.sign(m),
          })
          checkpointTimes.push(at.toISOString())
          return log.proofFile(index, note)
        },
      })
      bundles.set(key, {
        packetId: step.packet.id,
        revision: step.revision,
        statementSha256,
        bytes: sink.bytes(),
        packedAt: at.toISOString(),
        packedBy: { name: signer.name, keyid: signer.keyid },
        updatedAt: at.toISOString(),
      })
      continue
    }
    const bundle = bundles.get(key)!
    const at = new Date(step.time)
    const comment = step.decision === 'reject' ? DEMO_REJECTION : undefined
    const sink = new MemorySink()
    await addSignoff(bytesSource(bundle.bytes), sink, {
      crypto,
      signer,
      role: step.role,
      decision: step.decision,
      ...(comment ? { comment } : {}),
      now: at,
    })
    bundle.bytes = sink.bytes()
    bundle.updatedAt = at.toISOString()
    signoffs.push({
      packetId: step.packet.id,
      revision: step.revision,
      statementSha256: bundle.statementSha256,
      role: step.role,
      keyid: signer.keyid,
      signer: signer.name,
      decision: step.decision,
      ...(comment ? { comment } : {}),
      signedAt: at.toISOString(),
    })
    const actor = actorOf(signer)
    await log.append({
      action: 'signoff.added',
      actor,
      time: at.toISOString(),
      packetId: step.packet.id,
      subject: bundle.statementSha256,
      details: {
        revision: step.revision,
        role: step.role,
        decision: step.decision,
        keyid: signer.keyid,
        ...(comment ? { comment } : {}),
      },
    })
    if (step.last) {
      await log.append({
        action: step.decision === 'reject' ? 'packet.rejected' : 'packet.signed',
        actor,
        time: at.toISOString(),
        packetId: step.packet.id,
        subject: bundle.statementSha256,
        details:
          step.decision === 'reject'
            ? { revision: step.revision, role: step.role, reason: DEMO_REJECTION }
            : { revision: step.revision },
      })
    }
  }
  const notes = await store.listCheckpoints()
  return {
    keyring,
    bundles: [...bundles.values()],
    signoffs,
    auditEntries: await store.loadEntries(),
    checkpoints: notes.map((note, i) => ({
      size: Number(note.split('\n')[1]),
      note,
      savedAt: checkpointTimes[i] ?? input.now.toISOString(),
    })),
  }
}

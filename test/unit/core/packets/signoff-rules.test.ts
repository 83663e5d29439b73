import { describe, expect, it } from 'vitest'
import { addKey, emptyKeyring, revokeKey, type Keyring } from '../../../../src/core/keys/keyring'
import { bundleDocument, bundleFileName } from '../../../../src/core/packets/packet-bundle'
import {
  createPacket,
  returnToDraft,
  startNewRevision,
} from '../../../../src/core/packets/packet-lifecycle'
import {
  afterSignoff,
  checkSignoff,
  keyRoleProblem,
  rolesForSigner,
  signoffProgress,
  type SignoffRequest,
} from '../../../../src/core/packets/signoff-rules'
import { dpiaTemplate } from '../../../../src/core/templates/dpia'
import type {
  EvidenceRecord,
  PacketRecord,
  SignoffRecord,
} from '../../../../src/core/workspace/records'
import { nodeCrypto } from '../../../../src/node/crypto/node-crypto'

const now = new Date('2026-04-20T10:00:00Z')
const STATEMENT = 'a'.repeat(64)

// Three people: Lee holds legal and dpo, Max is the accountable manager, Oscar holds no DPIA role.
async function ring(): Promise<{ keyring: Keyring; lee: string; max: string; oscar: string }> {
  let keyring = emptyKeyring()
  const add = async (n: number, name: string, roles: string[]) => {
    const r = await addKey(
      nodeCrypto,
      keyring,
      { publicKey: new Uint8Array(32).fill(n), name, roles },
      new Date('2026-01-01T00:00:00Z'),
    )
    keyring = r.keyring
    return r.entry.keyid
  }
  const lee = await add(1, 'Lee Legal', ['legal', 'dpo'])
  const max = await add(2, 'Max Manager', ['accountable-manager'])
  const oscar = await add(3, 'Oscar Outsider', ['pm'])
  return { keyring, lee, max, oscar }
}

function inReview(): PacketRecord {
  const p = createPacket(dpiaTemplate, { id: 'dpia-x', title: 'DPIA: X', now, by: 'me' })
  return { ...p, status: 'in-review' }
}

const signoff = (
  keyid: string,
  role: string,
  decision: 'approve' | 'reject' = 'approve',
  extra: Partial<SignoffRecord> = {},
): SignoffRecord => ({
  packetId: 'dpia-x',
  revision: 1,
  statementSha256: STATEMENT,
  role,
  keyid,
  signer: role === 'accountable-manager' ? 'Max Manager' : 'Lee Legal',
  decision,
  signedAt: '2026-04-20T10:00:00.000Z',
  ...(decision === 'reject' ? { comment: 'Add the comment data.' } : {}),
  ...extra,
})

describe('sign-off rules', () => {
  it('lists every required role of the template as waiting before anyone signs', async () => {
    const p = signoffProgress(inReview(), dpiaTemplate, [])
    expect(p.roles.map((r) => [r.role, r.state])).toEqual([
      ['accountable-manager', 'waiting'],
      ['dpo', 'waiting'],
      ['legal', 'waiting'],
    ])
    expect(p.missing).toEqual(['accountable-manager', 'dpo', 'legal'])
    expect(p.complete).toBe(false)
  })

  it('offers a signer only the roles the keyring gives them, waiting ones first', async () => {
    const { keyring, lee, oscar } = await ring()
    const progress = signoffProgress(inReview(), dpiaTemplate, [signoff(lee, 'dpo')])
    const roles = rolesForSigner(keyring, lee, dpiaTemplate, progress, now)
    expect(roles.map((r) => [r.role, r.approved, r.signedByThisKey])).toEqual([
      ['legal', false, false],
      ['dpo', true, true],
    ])
    expect(rolesForSigner(keyring, oscar, dpiaTemplate, progress, now)).toEqual([])
    expect(keyRoleProblem(keyring, oscar, 'legal', dpiaTemplate, now)).toMatch(
      /does not give Oscar Outsider the role Legal.*Roles held: pm/,
    )
    expect(keyRoleProblem(keyring, 'f'.repeat(64), 'legal', dpiaTemplate, now)).toMatch(
      /not in the workspace keyring/,
    )
    expect(keyRoleProblem(keyring, lee, 'auditor', dpiaTemplate, now)).toMatch(/no sign-off role/)
  })

  it('refuses sign-offs outside review, without a role, twice, or a rejection without reason', async () => {
    const { keyring, lee, oscar } = await ring()
    const packet = inReview()
    const progress = signoffProgress(packet, dpiaTemplate, [signoff(lee, 'legal')])
    const req: SignoffRequest = { keyid: lee, role: 'dpo', decision: 'approve', at: now }
    expect(checkSignoff(packet, dpiaTemplate, keyring, progress, req)).toEqual({ ok: true })
    const no = (p: Pick<PacketRecord, 'id' | 'revision' | 'status'>, r = req) => {
      const res = checkSignoff(p, dpiaTemplate, keyring, progress, r)
      return res.ok ? 'ok' : res.reason
    }
    expect(no({ ...packet, status: 'draft' })).toMatch(/submit it for review first/)
    expect(no({ ...packet, status: 'signed' })).toMatch(/frozen; start a new revision/)
    expect(no({ ...packet, status: 'rejected' })).toMatch(/move it back to draft/)
    expect(no(packet, { ...req, keyid: oscar })).toMatch(/does not give Oscar/)
    expect(no(packet, { ...req, role: 'legal' })).toMatch(/already signed this revision as Legal/)
    expect(no(packet, { ...req, decision: 'reject' })).toMatch(/rejection needs a reason/)
    expect(no(packet, { ...req, decision: 'reject', comment: '  ' })).toMatch(
      /rejection needs a reason/,
    )
    const revoked = revokeKey(keyring, lee, 'laptop stolen')
    const res = checkSignoff(packet, dpiaTemplate, revoked, progress, req)
    expect(res.ok ? '' : res.reason).toMatch(/revoked \(laptop stolen\)/)
  })

  it('signs the packet once every required role approved, and not before', async () => {
    const { lee, max } = await ring()
    const packet = inReview()
    const s1 = signoff(lee, 'legal')
    const r1 = afterSignoff(packet, dpiaTemplate, s1, [s1], now)
    expect(r1.ok && r1.packet.status).toBe('in-review')
    expect(r1.ok && r1.note).toBe('Approved by Lee Legal as Legal (1 of 3 required roles)')
    const s2 = signoff(lee, 'dpo')
    const s3 = signoff(max, 'accountable-manager')
    const r3 = afterSignoff(packet, dpiaTemplate, s3, [s1, s2, s3], now)
    expect(r3.ok && r3.packet.status).toBe('signed')
    expect(r3.ok && r3.note).toMatch(/^Signed: approved by every required role/)
  })

  it('rejects with the reason, naming role and signer', async () => {
    const { lee } = await ring()
    const s = signoff(lee, 'legal', 'reject')
    const r = afterSignoff(inReview(), dpiaTemplate, s, [s], now)
    expect(r.ok && r.packet.status).toBe('rejected')
    expect(r.ok && r.packet.rejectionReason).toBe('Legal (Lee Legal): Add the comment data.')
    expect(signoffProgress(inReview(), dpiaTemplate, [s]).rejection?.keyid).toBe(lee)
    expect(afterSignoff({ ...inReview(), status: 'signed' }, dpiaTemplate, s, [s], now).ok).toBe(
      false,
    )
  })

  it('counts only sign-offs of the current revision and statement', async () => {
    const { lee, max } = await ring()
    const old = [signoff(lee, 'legal'), signoff(lee, 'dpo'), signoff(max, 'accountable-manager')]
    const rev2 = { ...inReview(), revision: 2 }
    const p = signoffProgress(rev2, dpiaTemplate, old)
    expect(p.complete).toBe(false)
    expect(p.missing).toHaveLength(3)
    expect(p.superseded).toHaveLength(3)
    // Same revision but another statement (a stale record): not counted either.
    const other = signoffProgress(inReview(), dpiaTemplate, old, {
      statementSha256: 'b'.repeat(64),
    })
    expect(other.complete).toBe(false)
    expect(
      signoffProgress(inReview(), dpiaTemplate, old, { statementSha256: STATEMENT }).complete,
    ).toBe(true)
  })

  it('shows, but no longer counts, an approval whose key was revoked or lost the role', async () => {
    const { keyring, lee, max } = await ring()
    const all = [signoff(lee, 'legal'), signoff(lee, 'dpo'), signoff(max, 'accountable-manager')]
    expect(signoffProgress(inReview(), dpiaTemplate, all, { keyring }).complete).toBe(true)
    const revoked = revokeKey(keyring, max, 'left the company')
    const p = signoffProgress(inReview(), dpiaTemplate, all, { keyring: revoked })
    expect(p.complete).toBe(false)
    expect(p.missing).toEqual(['accountable-manager'])
    const am = p.roles.find((r) => r.role === 'accountable-manager')!
    expect(am.approvals[0]!.standing).toEqual({
      counts: false,
      reason: 'the key was revoked (left the company)',
    })
  })

  it('makes a rejected or partly signed revision come back as the next revision', () => {
    const rejected = { ...inReview(), status: 'rejected' as const, rejectionReason: 'x' }
    const back = returnToDraft(rejected, now, { packed: true })
    expect(back.ok && [back.packet.status, back.packet.revision]).toEqual(['draft', 2])
    expect(back.ok && back.packet.rejectionReason).toBeUndefined()
    expect(back.ok && back.note).toMatch(/as revision 2/)
    const unpacked = returnToDraft(inReview(), now)
    expect(unpacked.ok && unpacked.packet.revision).toBe(1)
    const next = startNewRevision({ ...inReview(), status: 'signed' }, now)
    expect(next.ok && next.packet.revision).toBe(2)
  })
})

describe('the packet as packed', () => {
  it('carries each evidence item with its library metadata, and refuses a missing one', () => {
    const packet: PacketRecord = {
      ...inReview(),
      partnerSourceId: 'src',
      evidence: [{ sha256: 'c'.repeat(64), role: 'data-flow-diagram', path: 'flow.png' }],
    }
    const rec: EvidenceRecord = {
      sha256: 'c'.repeat(64),
      size: 10,
      mimeType: 'image/png',
      fileName: 'flow.png',
      folder: '',
      title: 'Data flow',
      kind: 'screenshot',
      source: 'Miro',
      collectedBy: 'Priya',
      collectedAt: '2026-04-01T00:00:00.000Z',
      expires: '2027-01-01',
      tags: ['dpia'],
      classification: 'internal',
      addedAt: '2026-04-01T00:00:00.000Z',
      addedBy: 'Priya',
    }
    const doc = bundleDocument(packet, new Map([[rec.sha256, rec]]))
    expect(doc).toMatchObject({
      packetId: 'dpia-x',
      revision: 1,
      partnerSource: 'src',
      template: { id: 'dpia', version: dpiaTemplate.version },
    })
    expect(doc.evidence).toEqual([
      {
        path: 'flow.png',
        role: 'data-flow-diagram',
        title: 'Data flow',
        kind: 'screenshot',
        source: 'Miro',
        collectedBy: 'Priya',
        collectedAt: '2026-04-01T00:00:00.000Z',
        expires: '2027-01-01',
        classification: 'internal',
        tags: ['dpia'],
      },
    ])
    expect(() => bundleDocument(packet, new Map())).toThrow(/not in the evidence library/)
    expect(bundleFileName({ id: 'dpia-x', revision: 3 })).toBe('dpia-x-r3.evb')
  })
})

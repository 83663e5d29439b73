// The sign-off rules of a packet in the workspace: which of its template's required roles still
// wait for an approval in the current revision, whether a signer's keyring entry lets them sign
// in a role, and what a new sign-off does to the packet's status. The same rules the bundle
// verifier applies (docs/bundle-format.md §7-8), judged here on the workspace's records before
// anything is signed. Pure functions; see docs/packets.md "Sign-off".
import { evaluateKey, type Keyring } from '../keys/keyring'
import type { PacketTemplate, SignoffRole } from '../templates/template-model'
import type { PacketRecord, SignoffRecord } from '../workspace/records'
import { STATUS_LABELS, type TransitionResult } from './packet-lifecycle'

/** Why a sign-off no longer counts although it is stored (the keyring changed since). */
export type SignoffStanding = { counts: true } | { counts: false; reason: string }

export interface RoleSignoffs {
  role: string
  label: string
  required: boolean
  /** Approvals of the current revision's statement, newest last. */
  approvals: (SignoffRecord & { standing: SignoffStanding })[]
  rejections: (SignoffRecord & { standing: SignoffStanding })[]
  /** 'approved' once one approval counts; 'rejected' when a counting rejection exists. */
  state: 'approved' | 'rejected' | 'waiting'
}

export interface SignoffProgress {
  revision: number
  /** The statement every sign-off of this revision names, once the bundle is packed. */
  statementSha256?: string
  /** The template's roles in template order: every required one, and optional ones signed. */
  roles: RoleSignoffs[]
  /** Required roles without a counting approval, in template order. */
  missing: string[]
  /** Every required role approved and nothing rejected. */
  complete: boolean
  /** The first counting rejection of this revision, if any. */
  rejection?: SignoffRecord
  /** Sign-offs of earlier revisions or statements: kept as history, never counted. */
  superseded: SignoffRecord[]
}

const roleLabel = (template: PacketTemplate, role: string): string =>
  template.signoffRoles.find((r) => r.role === role)?.label ?? role

/**
 * Whether a stored sign-off counts under `keyring` now: its key is in the keyring, trusted at
 * the time it claims (not revoked, inside the validity window) and holds the role. Without a
 * keyring every stored sign-off counts (the store only holds sign-offs checked when made).
 */
export function signoffStanding(signoff: SignoffRecord, keyring?: Keyring): SignoffStanding {
  if (!keyring) return { counts: true }
  const trust = evaluateKey(keyring, signoff.keyid, new Date(signoff.signedAt))
  switch (trust.status) {
    case 'untrusted':
      return { counts: false, reason: 'the key is no longer in the workspace keyring' }
    case 'revoked':
      return {
        counts: false,
        reason: `the key was revoked (${trust.entry.revoked?.reason ?? 'no reason given'})`,
      }
    case 'expired':
    case 'not-yet-valid':
      return { counts: false, reason: 'it was made outside the key’s validity period' }
    case 'trusted':
      return trust.entry.roles.includes(signoff.role)
        ? { counts: true }
        : { counts: false, reason: `the keyring no longer gives this key the role ${signoff.role}` }
  }
}

/**
 * Where a packet's sign-off stands for its current revision. Only sign-offs of this revision
 * (and, once packed, of this statement) count; older ones are listed as superseded.
 */
export function signoffProgress(
  packet: Pick<PacketRecord, 'id' | 'revision'>,
  template: PacketTemplate,
  signoffs: readonly SignoffRecord[],
  options: { statementSha256?: string; keyring?: Keyring } = {},
): SignoffProgress {
  const { statementSha256, keyring } = options
  const current: SignoffRecord[] = []
  const superseded: SignoffRecord[] = []
  for (const s of signoffs) {
    if (s.packetId !== packet.id) continue
    const sameStatement = statementSha256 === undefined || s.statementSha256 === statementSha256
    if (s.revision === packet.revision && sameStatement) current.push(s)
    else superseded.push(s)
  }
  current.sort((a, b) => (a.signedAt < b.signedAt ? -1 : a.signedAt > b.signedAt ? 1 : 0))
  const roles: RoleSignoffs[] = []
  const known = new Set(template.signoffRoles.map((r) => r.role))
  const entryFor = (r: Pick<SignoffRole, 'role' | 'label' | 'required'>): RoleSignoffs => {
    const mine = current
      .filter((s) => s.role === r.role)
      .map((s) => ({ ...s, standing: signoffStanding(s, keyring) }))
    const approvals = mine.filter((s) => s.decision === 'approve')
    const rejections = mine.filter((s) => s.decision === 'reject')
    const state = rejections.some((s) => s.standing.counts)
      ? 'rejected'
      : approvals.some((s) => s.standing.counts)
        ? 'approved'
        : 'waiting'
    return { role: r.role, label: r.label, required: r.required, approvals, rejections, state }
  }
  for (const r of template.signoffRoles) {
    const entry = entryFor(r)
    if (r.required || entry.approvals.length || entry.rejections.length) roles.push(entry)
  }
  // A sign-off in a role the template does not name (the template changed): shown, not counted.
  for (const role of new Set(current.map((s) => s.role))) {
    if (!known.has(role)) roles.push(entryFor({ role, label: role, required: false }))
  }
  const missing = roles.filter((r) => r.required && r.state !== 'approved').map((r) => r.role)
  const rejection = roles.flatMap((r) => r.rejections).find((s) => s.standing.counts)
  const progress: SignoffProgress = {
    revision: packet.revision,
    roles,
    missing,
    complete: missing.length === 0 && !rejection,
    superseded,
  }
  if (statementSha256 !== undefined) progress.statementSha256 = statementSha256
  if (rejection) {
    const { standing: _standing, ...plain } = rejection
    progress.rejection = plain
  }
  return progress
}

/** A role the holder of a key may sign this packet in. */
export interface SignableRole {
  role: string
  label: string
  required: boolean
  /** Already approved in this revision by someone (a further approval is allowed). */
  approved: boolean
  /** This key already signed in this role for this revision. */
  signedByThisKey: boolean
}

/**
 * The template's roles that `keyid` may sign in at `at`: the keyring entry must exist, be
 * trusted then, and give the role. Required roles still waiting come first.
 */
export function rolesForSigner(
  keyring: Keyring,
  keyid: string,
  template: PacketTemplate,
  progress: SignoffProgress,
  at: Date,
): SignableRole[] {
  const trust = evaluateKey(keyring, keyid, at)
  if (trust.status !== 'trusted') return []
  const held = new Set(trust.entry.roles)
  const state = new Map(progress.roles.map((r) => [r.role, r]))
  const out = template.signoffRoles
    .filter((r) => held.has(r.role))
    .map((r) => {
      const s = state.get(r.role)
      return {
        role: r.role,
        label: r.label,
        required: r.required,
        approved: s?.state === 'approved',
        signedByThisKey: [...(s?.approvals ?? []), ...(s?.rejections ?? [])].some(
          (x) => x.keyid === keyid,
        ),
      }
    })
  const rank = (r: SignableRole) =>
    r.signedByThisKey ? 3 : r.required && !r.approved ? 0 : r.required ? 1 : 2
  return out.sort((a, b) => rank(a) - rank(b))
}

/** Why a key cannot sign in a role, in words a signer understands; undefined when it can. */
export function keyRoleProblem(
  keyring: Keyring,
  keyid: string,
  role: string,
  template: PacketTemplate,
  at: Date,
): string | undefined {
  const label = roleLabel(template, role)
  if (!template.signoffRoles.some((r) => r.role === role)) {
    return `The ${template.title} template has no sign-off role "${role}".`
  }
  const trust = evaluateKey(keyring, keyid, at)
  const short = keyid.slice(0, 16)
  switch (trust.status) {
    case 'untrusted':
      return `Key ${short} is not in the workspace keyring. Add it on the identities screen with the roles it holds.`
    case 'revoked':
      return `Key ${short} was revoked (${trust.entry.revoked?.reason ?? 'no reason given'}); its signatures never count. Create a new identity.`
    case 'expired':
      return `Key ${short} is past its validity period in the keyring (until ${trust.entry.validUntil ?? '?'}).`
    case 'not-yet-valid':
      return `Key ${short} is not valid yet (from ${trust.entry.validFrom ?? '?'}).`
    case 'trusted':
      return trust.entry.roles.includes(role)
        ? undefined
        : `The workspace keyring does not give ${trust.entry.name} the role ${label}; a sign-off in it would not count. Roles held: ${trust.entry.roles.join(', ') || 'none'}.`
  }
}

export interface SignoffRequest {
  keyid: string
  role: string
  decision: 'approve' | 'reject'
  comment?: string
  at: Date
}

/**
 * Whether a sign-off may be made now. The packet must be in review (a draft is not finished, a
 * signed revision is frozen, a rejected one goes back to draft first); the key must hold the
 * role; a rejection needs its reason; a key signs each role of a revision once.
 */
export function checkSignoff(
  packet: Pick<PacketRecord, 'id' | 'revision' | 'status'>,
  template: PacketTemplate,
  keyring: Keyring,
  progress: SignoffProgress,
  request: SignoffRequest,
): { ok: true } | { ok: false; reason: string } {
  if (packet.status !== 'in-review') {
    const status = STATUS_LABELS[packet.status].toLowerCase()
    return {
      ok: false,
      reason:
        packet.status === 'draft'
          ? 'Only a packet in review can be signed; submit it for review first.'
          : packet.status === 'rejected'
            ? 'This revision was rejected; move it back to draft, change it and submit it again.'
            : `This revision is ${status} and frozen; start a new revision to sign a changed packet.`,
    }
  }
  if (progress.revision !== packet.revision) {
    return { ok: false, reason: 'The sign-off state is of another revision; reload the packet.' }
  }
  const problem = keyRoleProblem(keyring, request.keyid, request.role, template, request.at)
  if (problem) return { ok: false, reason: problem }
  if (request.decision === 'reject' && !request.comment?.trim()) {
    return {
      ok: false,
      reason: 'A rejection needs a reason: say what must change before you would approve.',
    }
  }
  const role = progress.roles.find((r) => r.role === request.role)
  if (
    [...(role?.approvals ?? []), ...(role?.rejections ?? [])].some((s) => s.keyid === request.keyid)
  ) {
    return {
      ok: false,
      reason: `You already signed this revision as ${roleLabel(template, request.role)}.`,
    }
  }
  return { ok: true }
}

/**
 * The packet after a sign-off was added to its revision (`signoffs` includes the new one):
 * a rejection → 'rejected' with the reason; every required role approved → 'signed' (frozen);
 * otherwise it stays in review.
 */
export function afterSignoff(
  packet: PacketRecord,
  template: PacketTemplate,
  added: SignoffRecord,
  signoffs: readonly SignoffRecord[],
  now: Date,
  options: { keyring?: Keyring } = {},
): TransitionResult {
  if (packet.status !== 'in-review') {
    return {
      ok: false,
      reason: `This packet is ${STATUS_LABELS[packet.status].toLowerCase()}; it cannot take a sign-off.`,
    }
  }
  const label = roleLabel(template, added.role)
  const at = now.toISOString()
  if (added.decision === 'reject') {
    return {
      ok: true,
      packet: {
        ...packet,
        status: 'rejected',
        rejectionReason: `${label} (${added.signer}): ${added.comment?.trim() ?? ''}`,
        updatedAt: at,
      },
      note: `Rejected by ${added.signer} as ${label}`,
    }
  }
  const progress = signoffProgress(packet, template, signoffs, {
    statementSha256: added.statementSha256,
    ...(options.keyring ? { keyring: options.keyring } : {}),
  })
  if (progress.complete) {
    return {
      ok: true,
      packet: { ...packet, status: 'signed', updatedAt: at },
      note: `Signed: approved by every required role (last: ${added.signer} as ${label})`,
    }
  }
  const required = progress.roles.filter((r) => r.required)
  const done = required.filter((r) => r.state === 'approved').length
  return {
    ok: true,
    packet: { ...packet, updatedAt: at },
    note: `Approved by ${added.signer} as ${label} (${done} of ${required.length} required roles)`,
  }
}

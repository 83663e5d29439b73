// The pre-sync review: the checklist a packet passes before it goes to the organisation's
// archive. Each item is judged here from what the app measured (validation, re-hashed evidence,
// sign-offs, the bundle's verification report, the audit log's verification), so the answer is
// the same wherever it is asked. "Ready to sync" only when every expected item passed: a check
// that did not run, failed or was cancelled is never a pass. See docs/packets.md.
import type { LogVerificationReport } from '../audit/audit-log'
import { FAILURE_GUIDE, type VerificationReport } from '../bundle/report'
import { describeExpiry, expiryState } from '../evidence/expiry'
import type { PacketTemplate } from '../templates/template-model'
import type { PacketValidation } from '../templates/validate-packet'
import type { EvidenceRecord, PacketEvidenceLink, PacketRecord } from '../workspace/records'
import { evidenceRequirements } from './packet-lifecycle'
import type { SignoffProgress } from './signoff-rules'

/** One line of the checklist. */
export interface PreSyncItem {
  /** Stable id: 'fields', 'evidence', 'signoffs', 'bundle', 'audit', or an added check's id. */
  id: string
  /** What is checked, as a short heading ("Required fields complete"). */
  title: string
  status: 'pass' | 'fail'
  /** One sentence: the outcome. */
  summary: string
  /** The particulars: each problem (or each thing checked), one sentence each. */
  details: string[]
  /** What to do about a failure. */
  advice?: string
}

/** The built-in checks, in the order they run and are shown. */
export const PRE_SYNC_ITEMS = [
  { id: 'fields', title: 'Required fields complete' },
  { id: 'evidence', title: 'Evidence present, intact and unexpired' },
  { id: 'signoffs', title: 'Required roles signed' },
  { id: 'bundle', title: 'Bundle verifies' },
  { id: 'audit', title: 'Audit trail verifies' },
] as const

export type PreSyncItemId = (typeof PRE_SYNC_ITEMS)[number]['id']

const titleOf = (id: PreSyncItemId) => PRE_SYNC_ITEMS.find((i) => i.id === id)!.title

const item = (
  id: PreSyncItemId,
  ok: boolean,
  summary: string,
  details: string[],
  advice?: string,
): PreSyncItem => ({
  id,
  title: titleOf(id),
  status: ok ? 'pass' : 'fail',
  summary,
  details,
  ...(!ok && advice ? { advice } : {}),
})

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** Fields: every rule of the template that is about fields (evidence is the next item). */
export function fieldsItem(validation: PacketValidation): PreSyncItem {
  const issues = validation.issues.filter((i) => !i.path.startsWith('evidence'))
  return item(
    'fields',
    issues.length === 0,
    issues.length === 0
      ? 'Every required field is filled in and every value meets the template’s rules.'
      : `${plural(issues.length, 'field problem')} to fix.`,
    issues.map((i) => `${i.path.replace(/^fields\./, '')}: ${i.message}`),
    'Start a new revision, fix the fields in the editor, and have it signed again.',
  )
}

/** What the app found for one attached evidence item. */
export interface EvidenceFinding {
  link: PacketEvidenceLink
  record?: EvidenceRecord
  /** Whether the library holds the item's bytes. */
  blobPresent: boolean
  /** SHA-256 of the stored bytes, re-hashed now (absent when there are none). */
  actualSha256?: string
}

/**
 * Evidence: each attached item is in the library with its bytes, the bytes still hash to the
 * digest the packet cites, it has not expired as of `today` (YYYY-MM-DD), and the template's
 * required evidence roles are all met.
 */
export function evidenceItem(
  packet: Pick<PacketRecord, 'evidence'>,
  template: PacketTemplate,
  findings: readonly EvidenceFinding[],
  today: string,
): PreSyncItem {
  const problems: string[] = []
  const fine: string[] = []
  for (const f of findings) {
    const name = f.link.path
    if (!f.record) {
      problems.push(`${name} is not in the evidence library.`)
      continue
    }
    if (!f.blobPresent) {
      problems.push(`${name}: the library has its description but not its bytes.`)
      continue
    }
    if (f.actualSha256 !== f.link.sha256) {
      problems.push(
        `${name} changed in storage: the packet cites sha256 ${f.link.sha256.slice(0, 12)}…, the stored bytes hash to ${(f.actualSha256 ?? 'nothing').slice(0, 12)}….`,
      )
      continue
    }
    if (expiryState(f.record.expires, today) === 'expired') {
      problems.push(`${name}: ${describeExpiry(f.record.expires, today)}.`)
      continue
    }
    fine.push(
      `${name}: present, sha256 ${f.link.sha256.slice(0, 12)}… matches, ${describeExpiry(f.record.expires, today).toLowerCase()}.`,
    )
  }
  for (const r of evidenceRequirements(packet, template)) {
    if (!r.met) problems.push(`Required evidence missing: ${r.label} (${r.have} of ${r.minCount}).`)
  }
  const ok = problems.length === 0
  return item(
    'evidence',
    ok,
    ok
      ? `${plural(findings.length, 'item')} present, re-hashed and matching, none expired.`
      : `${plural(problems.length, 'evidence problem')}.`,
    ok ? fine : problems,
    'Replace missing, changed or expired evidence in a new revision and have it signed again.',
  )
}

/** Sign-offs: every required role approved in the current revision, and no rejection. */
export function signoffsItem(progress: SignoffProgress, template: PacketTemplate): PreSyncItem {
  const label = (role: string) => template.signoffRoles.find((r) => r.role === role)?.label ?? role
  const details = progress.roles
    .filter((r) => r.required)
    .map((r) => {
      const counted = r.approvals.filter((a) => a.standing.counts)
      if (r.state === 'approved') {
        return `${r.label}: approved by ${counted.map((a) => a.signer).join(', ')}.`
      }
      if (r.state === 'rejected') return `${r.label}: rejected.`
      const stale = r.approvals.find((a) => !a.standing.counts)
      return stale && !stale.standing.counts
        ? `${r.label}: ${stale.signer}’s approval no longer counts (${stale.standing.reason}).`
        : `${r.label}: waiting for an approval.`
    })
  if (progress.rejection) {
    details.unshift(
      `Rejected by ${progress.rejection.signer} as ${label(progress.rejection.role)}: ${progress.rejection.comment ?? ''}`,
    )
  }
  return item(
    'signoffs',
    progress.complete,
    progress.complete
      ? `All ${plural(progress.roles.filter((r) => r.required).length, 'required role')} approved revision ${progress.revision}.`
      : progress.rejection
        ? 'The revision was rejected.'
        : `Waiting for ${progress.missing.map(label).join(', ')}.`,
    details,
    progress.rejection
      ? 'Move the packet back to draft, address the reason, and submit it again.'
      : 'Ask each missing role holder to open the packet and sign off.',
  )
}

/** The bundle: the stored bundle verified with the workspace keyring; missing is a failure. */
export function bundleItem(report: VerificationReport | undefined): PreSyncItem {
  if (!report) {
    return item(
      'bundle',
      false,
      'There is no bundle for this revision yet: it is packed when the first person signs.',
      [],
      'Have the required roles sign off; the bundle is made then.',
    )
  }
  const failed = report.items.filter((i) => i.status === 'fail')
  const ok = report.verdict === 'verified'
  const cancelled = failed.some((i) => i.code === 'CANCELLED')
  return item(
    'bundle',
    ok,
    ok
      ? `Verified with the workspace keyring: ${report.files === 1 ? '1 file matches its' : `${report.files} files match their`} signed digest${report.files === 1 ? '' : 's'}, every signature and sign-off checks out.`
      : cancelled
        ? 'The verification was cancelled; nothing was concluded.'
        : `Not verified: ${plural(failed.length, 'check')} failed.`,
    ok
      ? []
      : failed.map(
          (i) => `${i.subject ? `${i.subject}: ` : ''}${i.message}${i.code ? ` [${i.code}]` : ''}`,
        ),
    cancelled
      ? 'Run the review again.'
      : (failed.map((i) => (i.code ? FAILURE_GUIDE[i.code]?.action : undefined)).find(Boolean) ??
          'Read the failures above; the packet must be signed again.'),
  )
}

/** The workspace's audit trail: the whole log recomputed and every checkpoint checked. */
export function auditItem(report: LogVerificationReport): PreSyncItem {
  const unsigned = report.entries - report.coveredEntries
  return item(
    'audit',
    report.ok,
    report.ok
      ? `All ${plural(report.entries, 'entry', 'entries')} verify; ${plural(report.verifiedCheckpoints, 'signed checkpoint')} match${report.verifiedCheckpoints === 1 ? 'es' : ''}${unsigned > 0 ? ` (the newest ${plural(unsigned, 'entry', 'entries')} are not yet under a checkpoint)` : ''}.`
      : `The audit log does not verify: ${plural(report.issues.length, 'problem')}.`,
    report.issues.map((i) => `${i.message} [${i.code}]`),
    'Do not sync: open the audit trail, verify the whole log and find out what changed. A damaged log is never repaired silently.',
  )
}

/** Ready to sync: every expected item is present and passed. */
export function readyToSync(items: readonly PreSyncItem[], expected: readonly string[]): boolean {
  return expected.every((id) => items.some((i) => i.id === id && i.status === 'pass'))
}

// What the Verify screen shows, derived from a report: pure functions, so the wording of a
// verdict is decided in one place and never by a component's layout.
import type { CheckName, ReportItem, VerificationReport } from '../../core/bundle/report'
import type { JsonValue } from '../../core/json/canonical-json'
import { TemplateRegistry } from '../../core/templates/registry'
import type { PacketTemplate } from '../../core/templates/template-model'

export const CHECK_LABELS: Readonly<Record<CheckName, string>> = {
  container: 'Container',
  statement: 'Packet statement',
  signature: 'Signatures',
  files: 'Files',
  sums: 'Checksums',
  signoffs: 'Sign-offs',
  policy: 'Template rules',
  log: 'Audit log',
}

export type Outcome = 'verified' | 'not-verified' | 'cancelled'

export function outcomeOf(report: VerificationReport): Outcome {
  if (report.items.some((i) => i.code === 'CANCELLED')) return 'cancelled'
  return report.verdict === 'verified' ? 'verified' : 'not-verified'
}

export const failuresOf = (report: VerificationReport): ReportItem[] =>
  report.items.filter((i) => i.status === 'fail' && i.code !== 'CANCELLED')

export const passesOf = (report: VerificationReport): ReportItem[] =>
  report.items.filter((i) => i.status === 'pass')

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

/** One sentence under the verdict: what it rests on, or what to do first. */
export function verdictSentence(report: VerificationReport): string {
  switch (outcomeOf(report)) {
    case 'verified': {
      const approvals = report.signoffs.filter((s) => s.valid && s.decision === 'approve').length
      return `Every check passed: ${plural(report.files, 'file')} unchanged since signing, signed by keys your keyring trusts, ${plural(approvals, 'approving sign-off')}.`
    }
    case 'cancelled':
      return 'Verification was cancelled, so nothing was concluded. Run it again to get a verdict.'
    case 'not-verified': {
      const failures = failuresOf(report)
      const missing = failures.filter((f) => f.code === 'ROLE_MISSING')
      if (missing.length > 0 && missing.length === failures.length) {
        const roles = missing.map((f) => roleLabel(templateOf(report), f.subject ?? '')).join(', ')
        return `Not fully signed: nothing was changed, but it still needs an approving sign-off by ${roles}. Do not rely on it until it has one.`
      }
      const first = failures[0]
      const more = failures.length - 1
      return `Do not rely on this packet. ${first ? first.message : 'The bundle could not be checked.'}${more > 0 ? ` ${plural(more, 'more problem')} below.` : ''}`
    }
  }
}

export type CheckState = 'passed' | 'failed' | 'not-checked'

export interface CheckOverview {
  check: CheckName
  label: string
  state: CheckState
  /** Failed items of this check. */
  failures: number
  /** What the state means here, in a few words. */
  note: string
}

/** The checks in the order the verifier runs them. */
export const CHECK_ORDER: readonly CheckName[] = [
  'container',
  'statement',
  'signature',
  'files',
  'sums',
  'signoffs',
  'policy',
  'log',
]

const CHECK_SCOPE: Readonly<Record<CheckName, string>> = {
  container: 'the zip is well-formed, within the safety limits, plain files with safe names',
  statement: 'the signed description of the packet is present and well-formed',
  signature: 'the packet is signed, by keys your keyring trusts',
  files: 'every signed file is present and unchanged; nothing unsigned was added',
  sums: 'the checksum file for standard tools matches and is signed',
  signoffs: 'each sign-off is for this packet, validly signed, in a role its signer holds',
  policy: "the template's required roles approved and its rules met when it was signed",
  log: "the export was recorded in the signer's audit log",
}

/**
 * Each of the eight checks, passed, failed or not reached. The verifier runs them in order and
 * stops early only on an unreadable or hostile container or statement, so a check without items
 * passed (nothing to flag, e.g. no sign-offs) when a later one ran, and was not reached otherwise.
 */
export function checkOverview(report: VerificationReport): CheckOverview[] {
  const items = report.items.filter((i) => i.code !== 'CANCELLED')
  const lastReached = Math.max(-1, ...items.map((i) => CHECK_ORDER.indexOf(i.check)))
  return CHECK_ORDER.map((check, index) => {
    const mine = items.filter((i) => i.check === check)
    const failures = mine.filter((i) => i.status === 'fail').length
    const state: CheckState =
      failures > 0 ? 'failed' : mine.length > 0 || index < lastReached ? 'passed' : 'not-checked'
    const note =
      state === 'failed'
        ? `${plural(failures, 'problem')} (below)`
        : state === 'passed'
          ? CHECK_SCOPE[check]
          : 'not checked: an earlier problem stopped the verification'
    return { check, label: CHECK_LABELS[check], state, failures, note }
  })
}

export type SubjectKind = 'File' | 'Key' | 'Role' | 'Concerns'

/** What an item's subject is, for the label in front of it. */
export function subjectKind(item: ReportItem): SubjectKind | undefined {
  const s = item.subject
  if (s === undefined) return undefined
  if (/^[0-9a-f]{64}$/.test(s)) return 'Key'
  if (s.includes('/') || /\.[a-z0-9]{1,8}$/i.test(s)) return 'File'
  if (/^[a-z][a-z0-9-]*$/.test(s) && (item.check === 'signoffs' || item.check === 'policy')) {
    return 'Role'
  }
  return 'Concerns'
}

export interface PassGroup {
  check: CheckName
  label: string
  items: ReportItem[]
}

export function groupPasses(report: VerificationReport): PassGroup[] {
  const groups = new Map<CheckName, ReportItem[]>()
  for (const item of passesOf(report)) {
    const list = groups.get(item.check) ?? []
    list.push(item)
    groups.set(item.check, list)
  }
  return [...groups.entries()].map(([check, items]) => ({
    check,
    label: CHECK_LABELS[check],
    items,
  }))
}

const registry = new TemplateRegistry()

/** The template a report's packet names, when it is known here. */
export function templateOf(report: VerificationReport): PacketTemplate | undefined {
  return report.packet ? registry.resolve(report.packet.template) : undefined
}

/** "Data protection officer" for `dpo`, from the packet's template; the id otherwise. */
export function roleLabel(template: PacketTemplate | undefined, role: string): string {
  return template?.signoffRoles.find((r) => r.role === role)?.label ?? role
}

/**
 * The report as a file the user can keep or forward: which bundle, when, against which keyring,
 * and the report itself.
 */
export function reportFile(
  report: VerificationReport,
  bundleName: string,
  verifiedAt: Date,
  trustedKeyring?: string,
): { name: string; bytes: Uint8Array } {
  const base = bundleName.replace(/\.(evb|zip)$/i, '')
  const doc = {
    bundle: bundleName,
    verifiedAt: verifiedAt.toISOString(),
    ...(trustedKeyring ? { trustedKeyring } : {}),
    report,
  }
  return {
    name: `${base}.verification.json`,
    bytes: new TextEncoder().encode(`${JSON.stringify(doc, null, 2)}\n`),
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = n / 1024
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[u]}`
}

export const shortKeyId = (keyid: string): string => keyid.slice(0, 16)

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

export function formatTime(iso: string | undefined): string {
  if (!iso) return '—'
  const t = Date.parse(iso)
  return Number.isNaN(t) ? iso : dateTime.format(t)
}

/** A field's value in a line or a paragraph: text as it is, lists as their entries. */
export function fieldText(value: JsonValue | undefined): string {
  if (value === undefined || value === null) return '—'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '—'
    const items = value.map((v) =>
      typeof v === 'object' && v !== null && !Array.isArray(v)
        ? Object.values(v)
            .filter((x) => typeof x === 'string' || typeof x === 'number')
            .join(' · ')
        : fieldText(v),
    )
    return `${value.length} ${value.length === 1 ? 'entry' : 'entries'}: ${items.join('; ')}`
  }
  return Object.entries(value)
    .map(([k, v]) => `${k}: ${fieldText(v)}`)
    .join('; ')
}

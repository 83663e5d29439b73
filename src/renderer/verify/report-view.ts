// What the Verify screen shows, derived from a report: pure functions, so the wording of a
// verdict is decided in one place and never by a component's layout.
import type { CheckName, ReportItem, VerificationReport } from '../../core/bundle/report'
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

/** One sentence under the verdict: what it rests on, or what to do. */
export function verdictSentence(report: VerificationReport): string {
  switch (outcomeOf(report)) {
    case 'verified': {
      const approvals = report.signoffs.filter((s) => s.valid && s.decision === 'approve').length
      return `Every check passed: ${plural(report.files, 'file')} unchanged since signing, signed by keys your keyring trusts, ${plural(approvals, 'approving sign-off')}.`
    }
    case 'cancelled':
      return 'Verification was cancelled, so nothing was concluded. Run it again to get a verdict.'
    case 'not-verified': {
      const n = failuresOf(report).length
      return `${plural(n, 'problem')} found. Do not rely on this packet until ${n === 1 ? 'it is' : 'they are'} resolved.`
    }
  }
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

/** The report as a file the user can keep or forward: the report plus what was checked. */
export function reportFile(
  report: VerificationReport,
  bundleName: string,
  verifiedAt: Date,
): { name: string; bytes: Uint8Array } {
  const base = bundleName.replace(/\.(evb|zip)$/i, '')
  const doc = { bundle: bundleName, verifiedAt: verifiedAt.toISOString(), report }
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

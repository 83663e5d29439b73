// Human-readable rendering of a verification report for the terminal.
import type { ReportItem, VerificationReport } from '../core/bundle/report'
import { signedPdf } from '../core/bundle/signed-pdf'

export function formatReport(report: VerificationReport, bundleName: string): string {
  const lines: string[] = []
  const verified = report.verdict === 'verified'
  const failures = report.items.filter((i) => i.status === 'fail')
  lines.push(
    verified
      ? `VERIFIED  ${bundleName}`
      : `NOT VERIFIED  ${bundleName}  (${failures.length} problem${failures.length === 1 ? '' : 's'})`,
  )
  const p = report.packet
  if (p) {
    lines.push(`Packet:     ${p.title}${p.partnerSource ? ` (${p.partnerSource})` : ''}`)
    lines.push(
      `            ${p.template.id}@${p.template.version}, revision ${p.revision ?? 1}, id ${p.packetId}`,
    )
    if (p.createdBy)
      lines.push(
        `Created by: ${p.createdBy.name} (${p.createdBy.keyid.slice(0, 16)}) at ${p.createdAt}`,
      )
    if (report.statementSha256) lines.push(`Statement:  sha256 ${report.statementSha256}`)
    lines.push(`Files:      ${report.files} checked, ${report.bytes} bytes`)
    lines.push(`PDF:        ${signedPdf(report).sentence}`)
  }
  if (report.signoffs.length) {
    lines.push('Sign-offs:')
    for (const s of report.signoffs) {
      const mark = !s.valid ? '✗' : s.decision === 'approve' ? '✓' : '✗'
      lines.push(
        `  ${mark} ${s.role.padEnd(20)} ${s.decision.padEnd(8)} ${s.signer} (${s.keyid.slice(0, 16)}) ${s.time}${s.comment ? ` — ${s.comment}` : ''}${s.valid ? '' : ' [does not verify]'}`,
      )
    }
  }
  if (failures.length) {
    lines.push('Problems:')
    for (const f of failures) lines.push(...formatFailure(f))
  }
  const passes = report.items.filter((i) => i.status === 'pass')
  const filePasses = passes.filter((i) => i.check === 'files')
  lines.push('Checks passed:')
  for (const i of passes)
    if (i.check !== 'files' || filePasses.length <= 10) lines.push(`  ✓ ${i.message}`)
  if (filePasses.length > 10)
    lines.push(`  ✓ ${filePasses.length} files match their signed digests.`)
  return `${lines.join('\n')}\n`
}

function formatFailure(f: ReportItem): string[] {
  const out = [`  ✗ [${f.code}] ${f.message}`]
  if (f.advice) out.push(`      What to do: ${f.advice}`)
  return out
}

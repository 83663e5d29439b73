// Shows what a bundle claims, without judging trust: use `evw verify` for a verdict.
import { inspectBundle } from '../../core/bundle/inspect-bundle'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { openInput } from '../../node/keys/key-files'
import { parse, required } from '../args'

const USAGE = 'evw inspect BUNDLE.evb [--json]'

export async function inspect(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, USAGE)
  const path = required(positionals[0], 'BUNDLE', USAGE)
  const source = await openInput(path, 'bundle')
  try {
    const info = await inspectBundle(source, nodeCrypto)
    if (values.json) {
      process.stdout.write(`${JSON.stringify(info, null, 2)}\n`)
      return 0
    }
    const out: string[] = [`Bundle ${path} — claims only; run "evw verify" for a verdict.`]
    if (info.problem) out.push(`Problem: ${info.problem}`)
    if (info.packet) {
      const p = info.packet
      out.push(
        `Packet:    ${p.title} (${p.template.id}@${p.template.version}, revision ${p.revision})`,
      )
      out.push(
        `Id:        ${p.packetId}${p.partnerSource ? `, partner source ${p.partnerSource}` : ''}`,
      )
      out.push(
        `Created:   ${info.createdBy?.name} (${info.createdBy?.keyid.slice(0, 16)}) at ${info.createdAt}`,
      )
      out.push(`Statement: sha256 ${info.statementSha256}`)
    }
    if (info.fields) {
      out.push('Fields:')
      for (const [k, v] of Object.entries(info.fields)) {
        const text = typeof v === 'string' ? v : JSON.stringify(v)
        out.push(`  ${k}: ${text.length > 100 ? `${text.slice(0, 97)}…` : text}`)
      }
    }
    out.push('Evidence:')
    for (const e of info.evidence)
      out.push(
        `  ${e.sha256.slice(0, 16)}  ${String(e.size).padStart(10)}  ${e.role.padEnd(22)} ${e.name}`,
      )
    out.push('Sign-offs:')
    for (const s of info.signoffs)
      out.push(
        `  ${s.role.padEnd(20)} ${s.decision.padEnd(8)} ${s.signer} (${s.keyid.slice(0, 16)}) ${s.time}${s.comment ? ` — ${s.comment}` : ''}`,
      )
    if (info.signoffs.length === 0) out.push('  (none)')
    out.push('Entries:')
    for (const e of info.entries) out.push(`  ${String(e.size).padStart(10)}  ${e.name}`)
    process.stdout.write(`${out.join('\n')}\n`)
    return info.problem ? 1 : 0
  } finally {
    await source.close()
  }
}

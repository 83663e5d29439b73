import { TemplateRegistry } from '../../core/templates/registry'
import { requiredSignoffRoles } from '../../core/templates/template-model'
import { examplePacket } from '../../core/templates/example-packet'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'

const USAGE =
  'evw templates [--json]\n       evw template show ID [--version V] [--example] [--json]'

export async function templates(argv: string[]): Promise<number> {
  const { values } = parse(argv, { json: { type: 'boolean' } }, USAGE)
  const list = new TemplateRegistry().listLatest().map((t) => ({
    id: t.id,
    version: t.version,
    title: t.title,
    requiredRoles: requiredSignoffRoles(t),
  }))
  if (values.json) {
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`)
    return 0
  }
  const w = Math.max(...list.map((t) => `${t.id}@${t.version}`.length))
  for (const t of list) {
    process.stdout.write(
      `${`${t.id}@${t.version}`.padEnd(w)}  ${t.title}  — sign-off: ${t.requiredRoles.join(', ') || 'none'}\n`,
    )
  }
  return 0
}

export async function template(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  if (sub !== 'show')
    throw new UsageError(`unknown template command ${sub ?? '(none)'}\nusage: ${USAGE}`)
  const { values, positionals } = parse(
    rest,
    { version: { type: 'string' }, example: { type: 'boolean' }, json: { type: 'boolean' } },
    USAGE,
  )
  const id = required(positionals[0], 'ID', USAGE)
  const registry = new TemplateRegistry()
  const t = values.version ? registry.get(id, values.version) : registry.latest(id)
  if (!t)
    throw new UsageError(
      `No template ${id}${values.version ? `@${values.version}` : ''}; "evw templates" lists them.`,
    )
  if (values.example) {
    process.stdout.write(`${JSON.stringify(examplePacket(t), null, 2)}\n`)
    return 0
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(t, null, 2)}\n`)
    return 0
  }
  const out = [`${t.title} (${t.id}@${t.version})`, t.description, '']
  for (const s of t.sections) {
    out.push(`${s.title}`)
    for (const f of s.fields)
      out.push(`  ${f.id}${f.required ? ' *' : ''}  (${f.type})  ${f.label}`)
  }
  out.push('', 'Evidence required:')
  for (const r of t.requiredEvidence) out.push(`  ${r.role} ×${r.minCount}`)
  out.push('', 'Sign-off roles:')
  for (const r of t.signoffRoles)
    out.push(`  ${r.role} (${r.label}, ${r.raci})${r.required ? ' — required' : ''}`)
  process.stdout.write(`${out.join('\n')}\n`)
  return 0
}

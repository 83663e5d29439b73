// The packet-PDF benchmark's TypeScript half, bundled by test/bench/packet-pdf.mjs: writes a
// signed DPIA bundle whose long-text fields run to about 200 pages and whose 50 evidence files
// the PDF attaches, through the same pack code as `evw pack`.
import { randomFillSync } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { keyringBytes } from '../../src/core/keys/keyring'
import type { JsonValue } from '../../src/core/json/canonical-json'
import type { EvidenceRef, PacketDocument } from '../../src/core/templates/packet'
import { TemplateRegistry } from '../../src/core/templates/registry'
import { dpiaPacket, keyringFor, packInMemory, parties } from '../helpers/bundle-fixture'

const WORDS =
  'the processing of traffic telemetry is limited to what the service needs and each partner receives only the aggregates it asked for while raw records stay in the region where they were collected and are deleted after thirty days unless a legal hold applies'.split(
    ' ',
  )

/** Deterministic prose: sentences of 12–30 words, paragraphs of 4–9 sentences. */
function prose(chars: number, seed: number): string {
  let x = seed >>> 0 || 1
  const next = () => {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    return x
  }
  const paras: string[] = []
  let n = 0
  while (n < chars) {
    const sentences: string[] = []
    for (let s = 0, m = 4 + (next() % 6); s < m; s++) {
      const words = Array.from({ length: 12 + (next() % 19) }, () => WORDS[next() % WORDS.length]!)
      const sentence = words.join(' ')
      sentences.push(sentence[0]!.toUpperCase() + sentence.slice(1) + '.')
    }
    const p = sentences.join(' ')
    paras.push(p)
    n += p.length + 2
  }
  return paras.join('\n\n')
}

export async function preparePdfBundle(
  dir: string,
  spec: { textChars: number; files: number; fileBytes: number },
): Promise<{ bundle: string; keyring: string; bundleBytes: number; evidenceBytes: number }> {
  const template = new TemplateRegistry().latest('dpia')!
  const base = dpiaPacket()
  const longFields = template.sections.flatMap((s) => s.fields).filter((f) => f.type === 'longtext')
  const fields: Record<string, JsonValue> = { ...base.fields }
  longFields.forEach((f, i) => {
    fields[f.id] = prose(Math.round(spec.textChars / longFields.length), i + 1)
  })
  const evidence: EvidenceRef[] = Array.from({ length: spec.files }, (_, i) => ({
    path: `bench/evidence-${String(i).padStart(2, '0')}.bin`,
    role: base.evidence[i % base.evidence.length]!.role,
    title: `Synthetic evidence ${i}`,
  }))
  const packet: PacketDocument = { ...base, fields, evidence }
  const bytes = new Map<string, Uint8Array>()
  for (const ev of evidence) {
    const b = new Uint8Array(spec.fileBytes)
    randomFillSync(b)
    bytes.set(ev.path, b)
  }
  const ps = await parties()
  const bundleBytes = await packInMemory(packet, ps.packer.identity, {
    evidence: (p) => bytes.get(p)!,
  })
  const bundle = join(dir, 'packet-200p.evb')
  writeFileSync(bundle, bundleBytes)
  const keyring = join(dir, 'keyring.json')
  writeFileSync(keyring, keyringBytes(await keyringFor([ps.packer])))
  return {
    bundle,
    keyring,
    bundleBytes: bundleBytes.length,
    evidenceBytes: spec.files * spec.fileBytes,
  }
}

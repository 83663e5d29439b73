import { existsSync } from 'node:fs'
import { bytesSource } from '../../core/bundle/byte-io'
import { packBundle } from '../../core/bundle/pack-bundle'
import { digestEvidence, renderBundlePdf } from '../../core/pdf/bundle-pdf'
import { parseJsonBytes } from '../../core/json/canonical-json'
import { parsePacketDocument, validatePacket } from '../../core/templates/validate-packet'
import { TemplateRegistry } from '../../core/templates/registry'
import { deviceLogOrigin, recordInDeviceLog } from '../../node/audit/device-log'
import { evidenceFromFolder } from '../../node/bundle/evidence-folder'
import { writeFileAtomic } from '../../node/bundle/file-source'
import { identitySigner } from '../../core/keys/key-signer'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { loadIdentity, readInput } from '../../node/keys/key-files'
import { loadPdfFonts } from '../../node/pdf/font-files'
import { hostname } from 'node:os'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'
import { readPassphrase } from '../passphrase'
import { stderrProgress } from '../progress'

const USAGE =
  'evw pack DIR --packet PACKET.json --key KEYFILE --out BUNDLE.evb [--log DIR] [--force] [--progress]'

export async function pack(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    {
      packet: { type: 'string' },
      key: { type: 'string' },
      out: { type: 'string' },
      log: { type: 'string' },
      force: { type: 'boolean' },
      progress: { type: 'boolean' },
    },
    USAGE,
  )
  const dir = required(positionals[0], 'DIR (the evidence folder)', USAGE)
  const packetPath = required(values.packet, '--packet', USAGE)
  const out = required(values.out, '--out', USAGE)
  const keyPath = required(values.key, '--key', USAGE)
  if (existsSync(out) && !values.force)
    throw new UsageError(`${out} already exists; pass --force to replace it.`)

  let json
  try {
    json = parseJsonBytes(await readInput(packetPath, 'packet'))
  } catch (e) {
    throw new UsageError(`${packetPath} is not valid JSON: ${(e as Error).message}`)
  }
  const parsed = parsePacketDocument(json)
  if (!parsed.ok) {
    throw new UsageError(
      `${packetPath} is not a packet description:\n${parsed.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}`,
    )
  }
  const packet = parsed.packet
  const template = new TemplateRegistry().get(packet.template.id, packet.template.version)
  if (!template) {
    throw new UsageError(
      `Unknown template ${packet.template.id}@${packet.template.version}; "evw templates" lists them.`,
    )
  }
  const validation = validatePacket(packet, template)
  if (!validation.ok) {
    throw new UsageError(
      `The packet does not meet template ${template.id}@${template.version}; nothing was written:\n${validation.issues.map((i) => `  [${i.code}] ${i.path}: ${i.message}`).join('\n')}`,
    )
  }
  const evidence = await evidenceFromFolder(
    dir,
    packet.evidence.map((e) => e.path),
  )
  const identity = await loadIdentity(nodeCrypto, keyPath, () =>
    readPassphrase(`Passphrase for ${keyPath}: `),
  )
  const progress = stderrProgress(values.progress)
  const controller = new AbortController()
  const onSigint = () => controller.abort()
  process.once('SIGINT', onSigint)
  try {
    // packet.pdf is a signed subject: render it from the digests the statement will sign.
    const now = new Date()
    const signer = identitySigner(nodeCrypto, identity)
    const logOrigin = deviceLogOrigin(identity.keyid)
    const device = hostname()
    progress.listener?.({ phase: 'hashing evidence for packet.pdf', done: 0, total: 1 })
    const digests = await digestEvidence(
      nodeCrypto,
      packet,
      (p) => evidence.get(p)!,
      controller.signal,
    )
    progress.listener?.({ phase: 'rendering packet.pdf', done: 0, total: 1 })
    const pdf = await renderBundlePdf({
      packet,
      digests: (p) => digests.get(p)!,
      signer,
      now,
      logOrigin,
      device,
      template,
      fonts: await loadPdfFonts(),
    })
    let digest = ''
    await writeFileAtomic(out, async (sink) => {
      const res = await packBundle(sink, {
        crypto: nodeCrypto,
        packet,
        evidence: (p) => evidence.get(p)!,
        pdf: bytesSource(pdf),
        expectedDigests: (p) => digests.get(p)?.sha256,
        signer,
        logOrigin,
        device,
        now,
        signal: controller.signal,
        ...(progress.listener ? { onProgress: progress.listener } : {}),
        recordInLog: ({ packetId, statementSha256 }) =>
          recordInDeviceLog(
            identity,
            {
              action: 'bundle.exported',
              actor: identity.name,
              time: new Date().toISOString(),
              packetId,
              subject: statementSha256,
              details: { bundle: out, keyid: identity.keyid },
            },
            ...(values.log ? [values.log] : []),
          ),
      })
      digest = res.statementSha256
    })
    progress.end()
    process.stdout.write(`${digest}\n`)
    process.stderr.write(
      `Packed and signed ${packet.evidence.length} files and packet.pdf into ${out} (statement sha256 above).\n`,
    )
    return 0
  } finally {
    process.off('SIGINT', onSigint)
  }
}

// Renders a bundle as the packet PDF. With a keyring the bundle is verified first and the PDF's
// cover states the verdict; without one, the PDF says it shows what the bundle claims.
import { existsSync } from 'node:fs'
import { basename } from 'node:path'
import { verifyBundle } from '../../core/bundle/verify-bundle'
import { renderPacketPdf } from '../../core/pdf/render-packet-pdf'
import {
  inputFromBundle,
  readBundleForPdf,
  statusFromReport,
} from '../../core/pdf/packet-pdf-input'
import { TemplateRegistry } from '../../core/templates/registry'
import { templatePolicy } from '../../core/templates/verify-policy'
import { writeBytesAtomic } from '../../node/bundle/file-source'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { loadKeyring, openInput } from '../../node/keys/key-files'
import { loadPdfFonts } from '../../node/pdf/font-files'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'

const USAGE = 'evw pdf BUNDLE.evb --out FILE.pdf [--keyring KEYRING] [--force]'

/**
 * Exit 0 written (and verified, when a keyring was given), 1 written but not verified or not a
 * bundle, 2 usage error or unreadable input.
 */
export async function pdf(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { out: { type: 'string' }, keyring: { type: 'string' }, force: { type: 'boolean' } },
    USAGE,
  )
  const path = required(positionals[0], 'BUNDLE', USAGE)
  const out = required(values.out, '--out', USAGE)
  if (existsSync(out) && !values.force)
    throw new UsageError(`${out} already exists; pass --force to replace it.`)
  const keyring = values.keyring ? await loadKeyring(values.keyring) : undefined
  const source = await openInput(path, 'bundle')
  try {
    const read = await readBundleForPdf(source, nodeCrypto)
    if (!read.predicate) {
      process.stderr.write(`evw pdf: ${path} cannot be rendered: ${read.problem}.\n`)
      return 1
    }
    let report
    if (keyring) {
      report = await verifyBundle(source, {
        crypto: nodeCrypto,
        keyring,
        policy: templatePolicy(),
      })
      process.stderr.write(
        report.verdict === 'verified'
          ? `VERIFIED  ${basename(path)}: every check passed against ${values.keyring}.\n`
          : `NOT VERIFIED  ${basename(path)}: ${statusFromReport(report, basename(values.keyring!)).detail}\nRun "evw verify" for the itemised report; the PDF's cover says it is not verified.\n`,
      )
    } else {
      process.stderr.write(
        `Unverified: the PDF shows what ${basename(path)} claims; pass --keyring to verify it first.\n`,
      )
    }
    const verified = !keyring || report?.verdict === 'verified'
    if (read.problem) process.stderr.write(`  problem: ${read.problem}\n`)
    for (const n of read.notAttached) {
      process.stderr.write(`  not attached: ${n.name} (${n.reason})\n`)
    }
    const template = new TemplateRegistry().resolve(read.predicate.packet.template)
    const bytes = await renderPacketPdf({
      ...inputFromBundle(
        { ...read, predicate: read.predicate },
        {
          ...(report ? { report, keyringName: basename(values.keyring!) } : {}),
          ...(template ? { template } : {}),
        },
      ),
      fonts: await loadPdfFonts(),
    })
    await writeBytesAtomic(out, bytes)
    process.stderr.write(`Wrote ${out} (${bytes.length} bytes).\n`)
    return verified ? 0 : 1
  } finally {
    await source.close()
  }
}

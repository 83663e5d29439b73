import { basename } from 'node:path'
import { verifyBundle } from '../../core/bundle/verify-bundle'
import { templatePolicy } from '../../core/templates/verify-policy'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { loadKeyring, openInput } from '../../node/keys/key-files'
import { parse, required } from '../args'
import { formatReport } from '../format-report'
import { stderrProgress } from '../progress'

const USAGE = 'evw verify BUNDLE.evb --keyring KEYRING [--json] [--progress]'

/** Exit 0 verified, 1 not verified, 2 usage error or unreadable input. */
export async function verify(argv: string[]): Promise<number> {
  const { values, positionals } = parse(
    argv,
    { keyring: { type: 'string' }, json: { type: 'boolean' }, progress: { type: 'boolean' } },
    USAGE,
  )
  const path = required(positionals[0], 'BUNDLE', USAGE)
  const keyring = await loadKeyring(required(values.keyring, '--keyring', USAGE))
  const source = await openInput(path, 'bundle')
  const progress = stderrProgress(values.progress)
  const controller = new AbortController()
  const onSigint = () => controller.abort()
  process.once('SIGINT', onSigint)
  try {
    const report = await verifyBundle(source, {
      crypto: nodeCrypto,
      keyring,
      policy: templatePolicy(),
      signal: controller.signal,
      ...(progress.listener ? { onProgress: progress.listener } : {}),
    })
    progress.end()
    process.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report, basename(path)),
    )
    return report.verdict === 'verified' ? 0 : 1
  } finally {
    process.off('SIGINT', onSigint)
    await source.close()
  }
}

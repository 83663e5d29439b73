import { publicKeyToPem } from '../../core/crypto/ed25519-der'
import { encryptIdentity, generateIdentity } from '../../core/keys/secret-key'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { writeBytesAtomic } from '../../node/bundle/file-source'
import { saveSecretKeyFile } from '../../node/keys/key-files'
import { utf8 } from '../../core/encoding/bytes'
import { existsSync } from 'node:fs'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'
import { readPassphrase } from '../passphrase'

const USAGE = 'evw keygen --name NAME --out KEYFILE [--public-out PUBKEY.pem] [--force]'

export async function keygen(argv: string[]): Promise<number> {
  const { values } = parse(
    argv,
    {
      name: { type: 'string' },
      out: { type: 'string' },
      'public-out': { type: 'string' },
      force: { type: 'boolean' },
    },
    USAGE,
  )
  const name = required(values.name, '--name', USAGE)
  const out = required(values.out, '--out', USAGE)
  if (existsSync(out) && !values.force) {
    throw new UsageError(`${out} already exists; a key is never overwritten without --force.`)
  }
  const passphrase = await readPassphrase(`Passphrase for the new key of ${name}: `, true)
  const identity = await generateIdentity(nodeCrypto, name)
  await saveSecretKeyFile(out, await encryptIdentity(nodeCrypto, identity, passphrase))
  if (values['public-out']) {
    await writeBytesAtomic(values['public-out'], utf8(publicKeyToPem(identity.publicKey)))
  }
  process.stdout.write(`${identity.keyid}\n`)
  process.stderr.write(`Key for ${name} written to ${out} (keyid above).\n`)
  return 0
}

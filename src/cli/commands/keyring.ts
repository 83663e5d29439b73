import { addKey, findKey, revokeKey } from '../../core/keys/keyring'
import { nodeCrypto } from '../../node/crypto/node-crypto'
import { loadKeyring, readPublicKey, saveKeyring } from '../../node/keys/key-files'
import { parse, required } from '../args'
import { UsageError } from '../cli-error'

const USAGE = [
  'evw keyring add KEYRING PUBKEY.pem --name NAME --role ROLE [--role ROLE …] [--valid-from DATE] [--valid-until DATE]',
  'evw keyring list KEYRING [--json]',
  'evw keyring revoke KEYRING KEYID --reason TEXT',
].join('\n       ')

export async function keyring(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv
  const { values, positionals } = parse(
    rest,
    {
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      'valid-from': { type: 'string' },
      'valid-until': { type: 'string' },
      reason: { type: 'string' },
      json: { type: 'boolean' },
    },
    USAGE,
  )
  const path = required(positionals[0], 'KEYRING', USAGE)
  switch (sub) {
    case 'add': {
      const pub = required(positionals[1], 'PUBKEY', USAGE)
      const ring = await loadKeyring(path, true)
      const { keyring: next, entry } = await addKey(nodeCrypto, ring, {
        publicKey: await readPublicKey(pub),
        name: required(values.name, '--name', USAGE),
        roles: values.role ?? [],
        ...(values['valid-from'] ? { validFrom: values['valid-from'] } : {}),
        ...(values['valid-until'] ? { validUntil: values['valid-until'] } : {}),
      })
      await saveKeyring(path, next)
      process.stdout.write(`${entry.keyid}\n`)
      process.stderr.write(
        `Added ${entry.name} (${entry.roles.join(', ') || 'no roles'}) to ${path}.\n`,
      )
      return 0
    }
    case 'list': {
      const ring = await loadKeyring(path)
      if (values.json) {
        process.stdout.write(`${JSON.stringify(ring.keys, null, 2)}\n`)
        return 0
      }
      for (const k of ring.keys) {
        const state = k.revoked ? `REVOKED ${k.revoked.at} (${k.revoked.reason})` : 'active'
        const validity =
          k.validFrom || k.validUntil
            ? ` valid ${k.validFrom ?? '…'} to ${k.validUntil ?? '…'}`
            : ''
        process.stdout.write(
          `${k.keyid}  ${k.name}  [${k.roles.join(', ')}]  ${state}${validity}\n`,
        )
      }
      if (ring.keys.length === 0) process.stderr.write('The keyring is empty.\n')
      return 0
    }
    case 'revoke': {
      const id = required(positionals[1], 'KEYID', USAGE)
      const reason = required(values.reason, '--reason', USAGE)
      const ring = await loadKeyring(path)
      const target = findKey(ring, id)
      await saveKeyring(path, revokeKey(ring, id, reason))
      process.stderr.write(`Revoked ${target.name} (${target.keyid.slice(0, 16)}): ${reason}.\n`)
      return 0
    }
    default:
      throw new UsageError(`unknown keyring command ${sub ?? '(none)'}\nusage: ${USAGE}`)
  }
}

// The per-key device log the CLI records exports and sign-offs in. Each key has its own log
// under $EVW_HOME/logs/<keyid prefix>/ (EVW_HOME defaults to ~/.evw).
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AuditLog } from '../../core/audit/audit-log'
import type { AuditEvent } from '../../core/audit/audit-event'
import { noteKeyName } from '../../core/bundle/log-proof-check'
import type { Identity } from '../../core/keys/secret-key'
import { nodeCrypto } from '../crypto/node-crypto'
import { FileAuditLogStore } from './file-log-store'

export const evwHome = (): string => process.env.EVW_HOME || join(homedir(), '.evw')
export const deviceLogOrigin = (keyid: string): string =>
  `evidence-workbench/device/${keyid.slice(0, 16)}`

/** Appends an event, signs a checkpoint over the log and returns the entry's tlog-proof. */
export async function recordInDeviceLog(
  identity: Identity,
  event: AuditEvent,
  dir = join(evwHome(), 'logs', identity.keyid.slice(0, 16)),
): Promise<string> {
  const log = await AuditLog.open(new FileAuditLogStore(dir), nodeCrypto)
  const index = await log.append(event)
  const { note } = await log.signCheckpoint({
    origin: deviceLogOrigin(identity.keyid),
    seed: identity.seed,
    keyName: noteKeyName(identity.keyid),
  })
  return log.proofFile(index, note)
}

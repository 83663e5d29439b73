// The open workspace's keyring as the verifier's trust store: the keyring table's records
// (colleagues' imported keys and the user's own identities) reduced to a core Keyring. A
// keyring file chosen on the Verify screen replaces it for one check only.
import { useLiveQuery } from 'dexie-react-hooks'
import { keyringOf, type Keyring } from '../../core/keys/keyring'
import type { KeyringRecord } from '../../core/workspace/records'
import type { WorkspaceDb } from '../data/workspace-db'

/** The workspace keyring, as the verifier reads it. */
export async function loadWorkspaceKeyring(db: WorkspaceDb): Promise<Keyring> {
  return keyringOf(await db.keyring.toArray())
}

/** The workspace keyring's records by name, live; undefined while loading or without a db. */
export function useKeyringRecords(db: WorkspaceDb | undefined): KeyringRecord[] | undefined {
  return useLiveQuery(async () => (db ? db.keyring.orderBy('name').toArray() : undefined), [db])
}

/** Which keyring a verification trusted, for the report and the audit log. */
export type TrustSource =
  | { kind: 'workspace'; workspace: string; keys: number }
  | { kind: 'file'; fileName: string; keys: number }

export function describeTrust(trust: TrustSource): string {
  const keys = `${trust.keys} ${trust.keys === 1 ? 'trusted key' : 'trusted keys'}`
  return trust.kind === 'workspace'
    ? `the keyring of workspace “${trust.workspace}” (${keys})`
    : `the keyring file ${trust.fileName} (${keys}), for this check only`
}

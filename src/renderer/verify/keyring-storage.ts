// A keyring file chosen on the Verify screen for one check. The workspace keyring is the trust
// store (workspace-keyring.ts); a file is read, parsed and used for the check it was chosen for
// and kept nowhere. Earlier versions remembered the last file in localStorage: that copy is
// removed, so trust can only come from the workspace or a file chosen now.
import { fromUtf8 } from '../../core/encoding/bytes'
import { parseKeyring, type Keyring } from '../../core/keys/keyring'

const LEGACY_STORAGE_KEY = 'evw.verify.keyring.v1'

export interface LoadedKeyring {
  /** The file name it was loaded from. */
  name: string
  keyring: Keyring
  /** The exact text of the file. */
  text: string
}

export function keyringFromBytes(name: string, bytes: Uint8Array): LoadedKeyring {
  return { name, keyring: parseKeyring(bytes), text: fromUtf8(bytes) }
}

/** Removes a keyring an earlier version remembered on this computer. */
export function forgetLegacyKeyring(): void {
  try {
    localStorage.removeItem(LEGACY_STORAGE_KEY)
  } catch {
    // Storage disabled: nothing was remembered.
  }
}

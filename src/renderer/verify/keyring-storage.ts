// Remembers the verifier's keyring on this computer (localStorage of the app's origin), so it
// need not be chosen again. A keyring holds public keys and trust decisions, no secrets; it is
// parsed and checked again on every load and dropped if it no longer parses.
import { fromUtf8, utf8 } from '../../core/encoding/bytes'
import { parseKeyring, type Keyring } from '../../core/keys/keyring'

const STORAGE_KEY = 'evw.verify.keyring.v1'

export interface LoadedKeyring {
  /** The file name it was loaded from. */
  name: string
  keyring: Keyring
  /** The exact bytes, kept so the remembered copy is what was chosen. */
  text: string
}

export function keyringFromBytes(name: string, bytes: Uint8Array): LoadedKeyring {
  return { name, keyring: parseKeyring(bytes), text: fromUtf8(bytes) }
}

export function rememberKeyring(k: LoadedKeyring): boolean {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ name: k.name, text: k.text }))
    return true
  } catch {
    return false
  }
}

export function recallKeyring(): LoadedKeyring | undefined {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (!raw) return undefined
    const { name, text } = JSON.parse(raw) as { name: unknown; text: unknown }
    if (typeof name !== 'string' || typeof text !== 'string') throw new Error('bad entry')
    return keyringFromBytes(name, utf8(text))
  } catch {
    forgetKeyring()
    return undefined
  }
}

export function forgetKeyring(): void {
  try {
    localStorage.removeItem(STORAGE_KEY)
  } catch {
    // Storage disabled: nothing was remembered.
  }
}

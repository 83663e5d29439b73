import type { CryptoProvider } from './crypto-provider'
import { toHex } from '../encoding/bytes'

export const sha256Hex = async (crypto: CryptoProvider, data: Uint8Array): Promise<string> =>
  toHex(await crypto.sha256(data))

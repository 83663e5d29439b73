// How key ids are shown to people: grouped hex that two colleagues can read aloud to each other
// and compare, four digits at a time.
import { shortKeyId } from '../../core/keys/keyid'

/** "1a2b3c4d…" -> "1a2b 3c4d …" (groups of four hex digits). */
export const groupHex = (hex: string): string => hex.match(/.{1,4}/g)?.join(' ') ?? ''

/** The whole fingerprint (keyid), grouped for reading aloud. */
export const formatFingerprint = (keyid: string): string => groupHex(keyid)

/** The short form (first 16 hex digits) used in lists, logs and bundle key names. */
export const formatShortFingerprint = (keyid: string): string => groupHex(shortKeyId(keyid))

// Runtime checks of IPC arguments, one per request channel. The renderer is treated as
// untrusted input: a call whose arguments do not match RequestChannels is refused before any
// handler runs. Pure functions (no electron), unit-tested.
import { FILE_KINDS, MAX_READ_BYTES, type FileKind } from '../core/host/host-api'
import { MAX_IDENTITY_NAME, MAX_SESSION_MS } from '../core/keys/key-sessions'
import type { RequestChannel, RequestChannels } from '../core/host/ipc-channels'

export type ChannelArgs<K extends RequestChannel> = Parameters<RequestChannels[K]>

export type ArgumentCheck<K extends RequestChannel> = (args: unknown[]) => args is ChannelArgs<K>

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const isKind = (v: unknown): v is FileKind => typeof v === 'string' && Object.hasOwn(FILE_KINDS, v)
const isHandle = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v)
const isOffset = (v: unknown): v is number =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
const onlyKeys = (o: Record<string, unknown>, keys: string[]) =>
  Object.keys(o).every((k) => keys.includes(k))

/** Largest file the renderer may ask main to save in one call. */
export const MAX_SAVE_BYTES = 512 * 1024 * 1024
/** Largest message the renderer may ask main to sign (a bundle statement, a checkpoint note). */
export const MAX_SIGN_BYTES = 64 * 1024 * 1024
/** Longest passphrase accepted over IPC (scrypt takes any length; this bounds the input). */
export const MAX_PASSPHRASE_LENGTH = 1024

const isKeyId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)
const isSession = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{32}$/.test(v)
const isPassphrase = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= MAX_PASSPHRASE_LENGTH
const isMessage = (v: unknown): v is Uint8Array =>
  v instanceof Uint8Array && v.length <= MAX_SIGN_BYTES

export const ARGUMENT_CHECKS: { readonly [K in RequestChannel]: ArgumentCheck<K> } = {
  'app:info': (a): a is [] => a.length === 0,
  'files:open': (a): a is ChannelArgs<'files:open'> => {
    const o = a[0]
    return (
      a.length === 1 &&
      isObject(o) &&
      onlyKeys(o, ['kind', 'multiple']) &&
      isKind(o.kind) &&
      (o.multiple === undefined || typeof o.multiple === 'boolean')
    )
  },
  'files:read': (a): a is ChannelArgs<'files:read'> =>
    a.length === 3 &&
    isHandle(a[0]) &&
    isOffset(a[1]) &&
    isOffset(a[2]) &&
    (a[2] as number) <= MAX_READ_BYTES,
  'files:close': (a): a is ChannelArgs<'files:close'> => a.length === 1 && isHandle(a[0]),
  'files:save': (a): a is ChannelArgs<'files:save'> =>
    a.length === 3 &&
    typeof a[0] === 'string' &&
    a[0].length > 0 &&
    a[0].length <= 255 &&
    a[1] instanceof Uint8Array &&
    a[1].length <= MAX_SAVE_BYTES &&
    isKind(a[2]),
  'keychain:available': (a): a is [] => a.length === 0,
  'keys:keychain': (a): a is [] => a.length === 0,
  'keys:list': (a): a is [] => a.length === 0,
  'keys:create': (a): a is ChannelArgs<'keys:create'> => {
    const o = a[0]
    return (
      a.length === 1 &&
      isObject(o) &&
      onlyKeys(o, ['name', 'passphrase']) &&
      typeof o.name === 'string' &&
      o.name.length <= MAX_IDENTITY_NAME * 2 &&
      isPassphrase(o.passphrase)
    )
  },
  'keys:unlock': (a): a is ChannelArgs<'keys:unlock'> =>
    (a.length === 2 || a.length === 3) &&
    isKeyId(a[0]) &&
    isPassphrase(a[1]) &&
    (a[2] === undefined ||
      (typeof a[2] === 'number' &&
        Number.isSafeInteger(a[2]) &&
        a[2] > 0 &&
        a[2] <= MAX_SESSION_MS)),
  'keys:sign': (a): a is ChannelArgs<'keys:sign'> =>
    a.length === 2 && isSession(a[0]) && isMessage(a[1]),
  'keys:lock': (a): a is ChannelArgs<'keys:lock'> => a.length === 1 && isSession(a[0]),
  'keys:remove': (a): a is ChannelArgs<'keys:remove'> => a.length === 1 && isKeyId(a[0]),
  'keys:device-key': (a): a is [] => a.length === 0,
  'keys:device-sign': (a): a is ChannelArgs<'keys:device-sign'> =>
    a.length === 1 && isMessage(a[0]),
  'a11y:sweep-start': (a): a is ChannelArgs<'a11y:sweep-start'> =>
    a.length === 1 && (a[0] === 'files' || a[0] === 'folder'),
  'a11y:sweep-status': (a): a is ChannelArgs<'a11y:sweep-status'> =>
    a.length === 1 && isHandle(a[0]),
  'a11y:sweep-cancel': (a): a is ChannelArgs<'a11y:sweep-cancel'> =>
    a.length === 1 && isHandle(a[0]),
}

/**
 * A safe base name for a file the renderer suggests saving: folders, control characters and
 * characters Windows forbids are dropped; an empty or dot-only result becomes `fallback`.
 */
export function safeFileName(suggested: string, fallback: string): string {
  const base = suggested.split(/[\\/]/).pop() ?? ''
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !'<>:"|?*'.includes(c))
    .join('')
    .trim()
    .slice(0, 200)
  return cleaned === '' || /^\.+$/.test(cleaned) ? fallback : cleaned
}

// Runtime checks of IPC arguments, one per request channel. The renderer is treated as
// untrusted input: a call whose arguments do not match RequestChannels is refused before any
// handler runs. Pure functions (no electron), unit-tested.
import { FILE_KINDS, MAX_READ_BYTES, type FileKind } from '../core/host/host-api'
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

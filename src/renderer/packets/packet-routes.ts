// The packet screens' hash routes, parsed here so routing.ts only delegates:
//   #/packets                         list (filters: ?template=&source=&status=)
//   #/packets/new?template=&source=   new packet, prefilled (the readiness matrix links here)
//   #/packets/import                  import from CNIL's PIA software
//   #/packets/<id>                    the editor
//   #/packets/<id>/history?from=&to=  saved versions and a diff between two of them
//   #/packets/<id>/review             the pre-sync review checklist
export type PacketRoute =
  | { view: 'list'; template?: string; source?: string; status?: string }
  | { view: 'new'; template?: string; source?: string }
  | { view: 'import' }
  | { view: 'editor'; id: string }
  | { view: 'history'; id: string; from?: string; to?: string }
  | { view: 'review'; id: string }

const enc = encodeURIComponent

function query(params: Record<string, string | undefined>): string {
  const q = Object.entries(params)
    .filter((e): e is [string, string] => !!e[1])
    .map(([k, v]) => `${k}=${enc(v)}`)
    .join('&')
  return q ? `?${q}` : ''
}

export const packetHrefs = {
  list: (filters: { template?: string; source?: string; status?: string } = {}) =>
    `#/packets${query(filters)}`,
  new: (template?: string, source?: string) => `#/packets/new${query({ template, source })}`,
  import: '#/packets/import',
  packet: (id: string) => `#/packets/${enc(id)}`,
  history: (id: string, from?: string, to?: string) =>
    `#/packets/${enc(id)}/history${query({ from, to })}`,
  review: (id: string) => `#/packets/${enc(id)}/review`,
} as const

function params(search: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of search.split('&')) {
    if (!part) continue
    const i = part.indexOf('=')
    const k = i < 0 ? part : part.slice(0, i)
    const v = i < 0 ? '' : part.slice(i + 1)
    try {
      out[decodeURIComponent(k)] = decodeURIComponent(v.replace(/\+/g, ' '))
    } catch {
      // A malformed parameter is ignored rather than breaking the screen.
    }
  }
  return out
}

const opt = (v: string | undefined) => (v ? v : undefined)

/** The packet route for a hash path (without '#'), or undefined when it is not one. */
export function parsePacketRoute(path: string): PacketRoute | undefined {
  const [pathname = '', search = ''] = path.split('?', 2)
  const q = params(search)
  if (pathname === '/packets' || pathname === '/packets/') {
    return { view: 'list', template: opt(q.template), source: opt(q.source), status: opt(q.status) }
  }
  if (pathname === '/packets/new')
    return { view: 'new', template: opt(q.template), source: opt(q.source) }
  if (pathname === '/packets/import') return { view: 'import' }
  const m = /^\/packets\/([^/]+)(\/history|\/review)?$/.exec(pathname)
  if (!m?.[1]) return undefined
  let id: string
  try {
    id = decodeURIComponent(m[1])
  } catch {
    return undefined
  }
  if (m[2] === '/review') return { view: 'review', id }
  return m[2] ? { view: 'history', id, from: opt(q.from), to: opt(q.to) } : { view: 'editor', id }
}

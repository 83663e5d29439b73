// Hash routes: #/verify, #/templates, #/templates/<id>, #/about. Hash changes never leave the
// document, so the desktop app's "no navigation" rule and the browser's back button both hold.
import { useEffect, useState } from 'react'
import { parseReviewRoute, type ReviewRoute } from './access-review/review-routes'
import { parsePacketRoute, type PacketRoute } from './packets/packet-routes'
import { parseWorkspaceRoute, type WorkspaceRoute } from './workspace/workspace-routes'

export type Route =
  | { screen: 'verify' }
  | { screen: 'templates' }
  | { screen: 'template'; id: string }
  | { screen: 'about' }
  | { screen: 'evidence' }
  | { screen: 'packets'; packets: PacketRoute }
  | { screen: 'workspace'; workspace: WorkspaceRoute }
  | { screen: 'audit'; packet?: string }
  | { screen: 'identities' }
  | { screen: 'decks' }
  | { screen: 'reviews'; reviews: ReviewRoute }
  | { screen: 'not-found'; path: string }

export const hrefs = {
  home: '#/',
  sources: '#/sources',
  readiness: '#/readiness',
  workspace: '#/workspace',
  verify: '#/verify',
  templates: '#/templates',
  template: (id: string) => `#/templates/${encodeURIComponent(id)}`,
  about: '#/about',
  evidence: '#/evidence',
  packets: '#/packets',
  identities: '#/identities',
  decks: '#/decks',
  reviews: '#/reviews',
  audit: '#/audit',
  /** The audit trail filtered to one packet. */
  auditOfPacket: (id: string) => `#/audit?packet=${encodeURIComponent(id)}`,
} as const

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '/verify') return { screen: 'verify' }
  const workspace = parseWorkspaceRoute(path)
  if (workspace) return { screen: 'workspace', workspace }
  if (path === '/templates') return { screen: 'templates' }
  if (path === '/about') return { screen: 'about' }
  if (path === '/evidence') return { screen: 'evidence' }
  if (path === '/identities') return { screen: 'identities' }
  if (path === '/decks') return { screen: 'decks' }
  const reviews = parseReviewRoute(path)
  if (reviews) return { screen: 'reviews', reviews }
  const audit = /^\/audit(?:\?(.*))?$/.exec(path)
  if (audit) {
    const packet = new URLSearchParams(audit[1] ?? '').get('packet')
    return packet ? { screen: 'audit', packet } : { screen: 'audit' }
  }
  const packets = parsePacketRoute(path)
  if (packets) return { screen: 'packets', packets }
  const m = /^\/templates\/([^/]+)$/.exec(path)
  if (m?.[1]) {
    try {
      return { screen: 'template', id: decodeURIComponent(m[1]) }
    } catch {
      return { screen: 'not-found', path }
    }
  }
  return { screen: 'not-found', path }
}

export function useRoute(): Route {
  const [hash, setHash] = useState(() => window.location.hash)
  useEffect(() => {
    const onChange = () => setHash(window.location.hash)
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return parseRoute(hash)
}

// Hash routes: #/verify, #/templates, #/templates/<id>, #/about. Hash changes never leave the
// document, so the desktop app's "no navigation" rule and the browser's back button both hold.
import { useEffect, useState } from 'react'

export type Route =
  | { screen: 'verify' }
  | { screen: 'templates' }
  | { screen: 'template'; id: string }
  | { screen: 'about' }
  | { screen: 'not-found'; path: string }

export const hrefs = {
  verify: '#/verify',
  templates: '#/templates',
  template: (id: string) => `#/templates/${encodeURIComponent(id)}`,
  about: '#/about',
} as const

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  if (path === '' || path === '/' || path === '/verify') return { screen: 'verify' }
  if (path === '/templates') return { screen: 'templates' }
  if (path === '/about') return { screen: 'about' }
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

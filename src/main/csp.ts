// The Content-Security-Policy and companion headers sent with every response of the app://
// protocol (and, identically, by the `npm run web` static server: scripts/web-app.mjs, kept
// equal by test/unit/main/security.test.ts). Pure data: no electron import, unit-tested.

export type CspDirectives = Readonly<Record<string, readonly string[]>>

/**
 * Everything comes from the app's own origin; nothing is inline, evaluated, framed or posted.
 * React sets styles through the CSSOM, which CSP allows, so style-src needs no 'unsafe-inline'.
 */
export const CSP_DIRECTIVES: CspDirectives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-src': ["'none'"],
  'base-uri': ["'none'"],
  'frame-ancestors': ["'none'"],
  'form-action': ["'none'"],
}

export function serializeCsp(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ')
}

export const CONTENT_SECURITY_POLICY = serializeCsp(CSP_DIRECTIVES)

/** Headers for every response that carries app content. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy':
    'camera=(), microphone=(), geolocation=(), usb=(), serial=(), hid=(), payment=(), display-capture=()',
}

/**
 * The policy for `electron-vite dev` only: Vite's dev server injects an inline React-refresh
 * preamble and inline <style> tags and talks to its HMR socket. Never used for app:// content.
 */
export function devContentSecurityPolicy(devOrigin: string): string {
  const ws = devOrigin.replace(/^http/, 'ws')
  return serializeCsp({
    ...CSP_DIRECTIVES,
    'script-src': ["'self'", "'unsafe-inline'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'connect-src': ["'self'", ws],
  })
}

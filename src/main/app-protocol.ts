// The app:// protocol: serves the built renderer (out/renderer) with the strict CSP and
// companion headers on every response. The scheme is registered as standard and secure so it
// gets an origin, localStorage, module workers and fetch, like https, but no network at all.
import { readFile, realpath } from 'node:fs/promises'
import { protocol, type Session } from 'electron'
import { APP_SCHEME, isInside, resolveAppPath } from './app-url'
import { SECURITY_HEADERS } from './csp'

/** Must run before the app's 'ready' event. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: {
        standard: true,
        secure: true,
        supportFetchAPI: true,
        codeCache: true,
        stream: true,
        allowServiceWorkers: false,
        bypassCSP: false,
        corsEnabled: false,
      },
    },
  ])
}

const plain = (status: number, text: string): Response =>
  new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' },
  })

/** Serves `rootDir` on app://workbench/ in `session`. */
export function serveApp(session: Session, rootDir: string): void {
  let realRoot: Promise<string> | undefined
  session.protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return plain(405, 'Method not allowed')
    const resolved = resolveAppPath(rootDir, request.url)
    if (!resolved.ok) return plain(resolved.status, resolved.reason)
    try {
      // A symbolic link inside the folder must not lead outside it either.
      const real = await realpath(resolved.filePath)
      if (!isInside(await (realRoot ??= realpath(rootDir)), real))
        return plain(404, 'outside the app folder')
      const body = await readFile(real)
      return new Response(request.method === 'HEAD' ? null : body, {
        status: 200,
        headers: {
          ...SECURITY_HEADERS,
          'Content-Type': resolved.contentType,
          'Cache-Control': 'no-cache',
        },
      })
    } catch {
      return plain(404, 'not found')
    }
  })
}

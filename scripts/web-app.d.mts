// Types for scripts/web-app.mjs, so TypeScript tests can start the server in-process.
export declare const REPO_ROOT: string
export declare const WEB_OUT_DIR: string
export declare const DEFAULT_PORT: number
export declare const CONTENT_SECURITY_POLICY: string
export declare const SECURITY_HEADERS: Readonly<Record<string, string>>
export declare const CONTENT_TYPES: Readonly<Record<string, string>>

export declare function buildWebApp(options?: { outDir?: string; quiet?: boolean }): Promise<string>

export type RequestPathResult =
  { ok: true; filePath: string; contentType: string } | { ok: false; status: 400 | 404 }

export declare function resolveRequestPath(root: string, requestPath: string): RequestPathResult

export interface StaticServer {
  url: string
  port: number
  close(): Promise<void>
}

export declare function startStaticServer(options?: {
  root?: string
  port?: number
  host?: string
  /** The accessibility sweep endpoint (scripts/web-sweep.mjs); default: on where it can run. */
  sweep?: SweepCapability
}): Promise<StaticServer>

export type SweepCapability =
  { available: true; cli: string; chromium: string } | { available: false; reason: string }

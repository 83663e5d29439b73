// Types for scripts/web-sweep.mjs, so TypeScript tests can check its rules.
import type { SweepCapability } from './web-app.mjs'

export declare const SWEEP_LIMITS: {
  maxUploadBytes: number
  maxFiles: number
  maxPathLength: number
}
export declare function safeUploadPath(p: unknown): boolean
export interface UploadedFile {
  path: string
  size: number
}
export declare function parseFileList(
  header: string | undefined,
  contentLength: number,
): { files: UploadedFile[]; error?: undefined } | { error: string; files?: undefined }
export declare function sweepInputs(
  files: UploadedFile[],
): { kind: 'zip' | 'folder'; path: string }[]
export declare function sweepCapability(options?: {
  cli?: string
  chromium?: string
}): SweepCapability
export declare function isSameOriginPost(
  headers: Record<string, string | string[] | undefined>,
): boolean

// The accessibility sweep report: what `evw a11y --out` writes and what the app reads. It keeps
// axe-core's full result for every page, with the isolation the page was swept under (the CSP,
// the requests that were cancelled) and the SHA-256 of every input, so a reviewer can tell what
// was swept, how, and with which engine. docs/a11y-sweep.md describes each field.

export const SWEEP_REPORT_FORMAT = 'evw-a11y-sweep/1'

/** The axe-core tags every sweep runs: WCAG 2.0, 2.1 and 2.2 level A and AA (target size). */
export const SWEEP_AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] as const

export interface SweepViewport {
  width: number
  height: number
  deviceScaleFactor: number
}

export interface SweptFile {
  /** Path inside the swept input, with forward slashes. */
  path: string
  sha256: string
  bytes: number
}

export interface SweepInput {
  /** As given on the command line or chosen in the app. */
  path: string
  kind: 'file' | 'folder' | 'zip'
  /** Of the file or zip itself; a folder's files are listed under each page. */
  sha256?: string
}

export interface BlockedRequest {
  url: string
  resourceType: string
  reason: string
}

/** The parts of an axe node result the report relies on; the rest is kept as axe wrote it. */
export interface AxeCheck {
  id: string
  message: string
  data?: unknown
  impact?: string | null
}

export interface AxeNode {
  html: string
  target: unknown[]
  failureSummary?: string
  impact?: string | null
  any: AxeCheck[]
  all: AxeCheck[]
  none: AxeCheck[]
}

export interface AxeRule {
  id: string
  impact?: string | null
  tags: string[]
  description: string
  help: string
  helpUrl: string
  nodes: AxeNode[]
}

export interface AxeResults {
  testEngine: { name: string; version: string }
  testRunner?: { name: string }
  testEnvironment?: Record<string, unknown>
  toolOptions?: Record<string, unknown>
  timestamp: string
  url: string
  violations: AxeRule[]
  incomplete: AxeRule[]
  passes: AxeRule[]
  inapplicable: AxeRule[]
}

/** A screenshot crop of one failing element, outlined, as a PNG (base64). */
export interface ElementCrop {
  ruleId: string
  /** Index of the node in the rule's `nodes`. */
  node: number
  /** 'violation' or 'incomplete': which list of axe's result the rule is in. */
  list: 'violations' | 'incomplete'
  pngBase64: string
  width: number
  height: number
}

export interface SweptPage {
  /** Index of the input in `inputs` the page comes from. */
  input: number
  path: string
  url: string
  sha256: string
  status: 'swept' | 'failed'
  /** The document's title as swept (page scripts cannot have changed it). */
  title?: string
  /** Why the page could not be swept (status 'failed'). */
  error?: string
  axe?: AxeResults
  /** Same-origin files the page loaded (its CSS, images, fonts). */
  assets: SweptFile[]
  blocked: BlockedRequest[]
  popupsClosed: number
  crops: ElementCrop[]
  durationMs: number
}

export interface SweepReport {
  format: typeof SWEEP_REPORT_FORMAT
  tool: { name: string; version: string }
  startedAt: string
  finishedAt: string
  browser: { name: string; version: string }
  axe: { version: string; tags: string[]; options: Record<string, unknown> }
  viewport: SweepViewport
  isolation: {
    origin: string
    csp: string
    serviceWorkers: 'blocked'
    navigation: 'denied'
    popups: 'closed'
    /** How scripts are kept out while axe still runs. */
    scripts: string
  }
  inputs: SweepInput[]
  pages: SweptPage[]
  summary: SweepSummary
}

export interface SweepSummary {
  pages: number
  failedPages: number
  violations: number
  violationNodes: number
  incomplete: number
  blockedRequests: number
}

export function summarize(pages: readonly SweptPage[]): SweepSummary {
  let violations = 0
  let violationNodes = 0
  let incomplete = 0
  let blockedRequests = 0
  for (const p of pages) {
    violations += p.axe?.violations.length ?? 0
    violationNodes += p.axe?.violations.reduce((n, v) => n + v.nodes.length, 0) ?? 0
    incomplete += p.axe?.incomplete.length ?? 0
    blockedRequests += p.blocked.length
  }
  return {
    pages: pages.length,
    failedPages: pages.filter((p) => p.status === 'failed').length,
    violations,
    violationNodes,
    incomplete,
    blockedRequests,
  }
}

/** A page's name for people: the file as given, or the page inside its folder or zip. */
export function pageLabel(report: Pick<SweepReport, 'inputs'>, page: SweptPage): string {
  const input = report.inputs[page.input]
  if (!input || input.kind === 'file') return input?.path ?? page.path
  return `${input.path.replace(/\/+$/, '')}${input.kind === 'zip' ? '!' : ''}/${page.path}`
}

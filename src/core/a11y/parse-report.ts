// Reads a sweep report someone chose to import: untrusted JSON, checked field by field before
// the app shows or judges it. What is not understood is refused with the reason, not guessed.
import {
  SWEEP_REPORT_FORMAT,
  summarize,
  type AxeCheck,
  type AxeNode,
  type AxeResults,
  type AxeRule,
  type ElementCrop,
  type SweepInput,
  type SweepReport,
  type SweptPage,
} from './sweep-report'

export class SweepReportError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SweepReportError'
  }
}

/** True when the text's start says it is a sweep report (cheap, before parsing it all). */
export function looksLikeSweepReport(start: string): boolean {
  return /^\s*\{\s*"format"\s*:\s*"evw-a11y-sweep\/1"/.test(start)
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

function fail(where: string, what: string): never {
  throw new SweepReportError(`${where}: ${what}`)
}

function str(o: Obj, key: string, where: string): string {
  const v = o[key]
  if (typeof v !== 'string') fail(where, `"${key}" must be text`)
  return v
}

function arr(o: Obj, key: string, where: string): unknown[] {
  const v = o[key]
  if (!Array.isArray(v)) fail(where, `"${key}" must be a list`)
  return v
}

function check(v: unknown, where: string): AxeCheck {
  if (!isObj(v)) fail(where, 'a check must be an object')
  return { ...v, id: str(v, 'id', where), message: typeof v.message === 'string' ? v.message : '' }
}

function node(v: unknown, where: string): AxeNode {
  if (!isObj(v)) fail(where, 'a node must be an object')
  const checks = (key: string) => arr(v, key, where).map((c) => check(c, where))
  return {
    ...v,
    html: str(v, 'html', where),
    target: arr(v, 'target', where),
    any: checks('any'),
    all: checks('all'),
    none: checks('none'),
  }
}

function rule(v: unknown, where: string): AxeRule {
  if (!isObj(v)) fail(where, 'a rule must be an object')
  const id = str(v, 'id', where)
  const w = `${where}, rule ${id}`
  const tags = arr(v, 'tags', w)
  if (!tags.every((t) => typeof t === 'string')) fail(w, '"tags" must be text')
  return {
    ...v,
    id,
    impact: typeof v.impact === 'string' ? v.impact : null,
    tags: tags as string[],
    description: str(v, 'description', w),
    help: str(v, 'help', w),
    helpUrl: typeof v.helpUrl === 'string' ? v.helpUrl : '',
    nodes: arr(v, 'nodes', w).map((n) => node(n, w)),
  }
}

function axeResults(v: unknown, where: string): AxeResults {
  if (!isObj(v)) fail(where, '"axe" must be an object')
  const engine = v.testEngine
  if (!isObj(engine) || typeof engine.version !== 'string')
    fail(where, 'axe result without its engine version')
  const rules = (key: string) => arr(v, key, where).map((r) => rule(r, where))
  return {
    ...v,
    testEngine: { name: String(engine.name ?? ''), version: engine.version },
    timestamp: str(v, 'timestamp', where),
    url: str(v, 'url', where),
    violations: rules('violations'),
    incomplete: rules('incomplete'),
    passes: rules('passes'),
    inapplicable: rules('inapplicable'),
  } as AxeResults
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const HEX64 = /^[0-9a-f]{64}$/

function page(v: unknown, i: number): SweptPage {
  const where = `page ${i + 1}`
  if (!isObj(v)) fail(where, 'must be an object')
  const status = v.status
  if (status !== 'swept' && status !== 'failed') fail(where, '"status" must be swept or failed')
  const sha256 = str(v, 'sha256', where)
  if (!HEX64.test(sha256)) fail(where, '"sha256" must be 64 lowercase hex digits')
  const axe = v.axe === undefined ? undefined : axeResults(v.axe, where)
  if (status === 'swept' && !axe) fail(where, 'a swept page must have its axe result')
  const crops = arr(v, 'crops', where).map((c): ElementCrop => {
    if (!isObj(c) || typeof c.pngBase64 !== 'string' || !BASE64.test(c.pngBase64))
      fail(where, 'a crop must hold a base64 PNG')
    const list = c.list
    if (list !== 'violations' && list !== 'incomplete') fail(where, 'a crop names its list')
    return {
      ruleId: str(c, 'ruleId', where),
      node: Number(c.node),
      list,
      pngBase64: c.pngBase64,
      width: Number(c.width),
      height: Number(c.height),
    }
  })
  const blocked = arr(v, 'blocked', where).map((b) => {
    if (!isObj(b)) fail(where, 'a blocked request must be an object')
    return {
      url: str(b, 'url', where),
      resourceType: str(b, 'resourceType', where),
      reason: str(b, 'reason', where),
    }
  })
  const assets = arr(v, 'assets', where).map((a) => {
    if (!isObj(a)) fail(where, 'an asset must be an object')
    return { path: str(a, 'path', where), sha256: str(a, 'sha256', where), bytes: Number(a.bytes) }
  })
  return {
    input: typeof v.input === 'number' ? v.input : 0,
    path: str(v, 'path', where),
    url: str(v, 'url', where),
    sha256,
    status,
    ...(typeof v.title === 'string' ? { title: v.title } : {}),
    ...(typeof v.error === 'string' ? { error: v.error } : {}),
    ...(axe ? { axe } : {}),
    assets,
    blocked,
    popupsClosed: Number(v.popupsClosed) || 0,
    crops,
    durationMs: Number(v.durationMs) || 0,
  }
}

/** Parses and checks a report; throws SweepReportError saying what is wrong. */
export function parseSweepReport(text: string): SweepReport {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (e) {
    throw new SweepReportError(`not JSON (${(e as Error).message})`)
  }
  if (!isObj(v)) fail('report', 'must be a JSON object')
  if (v.format !== SWEEP_REPORT_FORMAT)
    fail('report', `"format" is ${JSON.stringify(v.format)}, expected "${SWEEP_REPORT_FORMAT}"`)
  const axe = v.axe
  const viewport = v.viewport
  const isolation = v.isolation
  const browser = v.browser
  if (!isObj(axe) || typeof axe.version !== 'string') fail('report', '"axe.version" is missing')
  if (!isObj(viewport) || typeof viewport.width !== 'number' || typeof viewport.height !== 'number')
    fail('report', '"viewport" is missing')
  if (!isObj(isolation) || typeof isolation.csp !== 'string')
    fail('report', '"isolation.csp" is missing')
  if (!isObj(browser)) fail('report', '"browser" is missing')
  const pages = arr(v, 'pages', 'report').map(page)
  const inputs = arr(v, 'inputs', 'report').map((x, i): SweepInput => {
    if (!isObj(x)) fail(`input ${i + 1}`, 'must be an object')
    const kind = x.kind
    if (kind !== 'file' && kind !== 'folder' && kind !== 'zip')
      fail(`input ${i + 1}`, 'unknown kind')
    return {
      path: str(x, 'path', `input ${i + 1}`),
      kind,
      ...(typeof x.sha256 === 'string' ? { sha256: x.sha256 } : {}),
    }
  })
  return {
    ...(v as unknown as SweepReport),
    axe: {
      version: axe.version,
      tags: Array.isArray(axe.tags) ? axe.tags.map(String) : [],
      options: isObj(axe.options) ? axe.options : {},
    },
    inputs,
    pages,
    // Recounted: the counts shown are the pages', not the file's claim.
    summary: summarize(pages),
  }
}

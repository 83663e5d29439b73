// A second guard on the layers, besides the ESLint rules: scans every import under src/ and
// fails when a layer imports upwards or reaches a platform it may not touch. It also checks
// that raw IPC stays in the two modules allowed to use it. See docs/architecture.md.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = path.resolve(__dirname, '../../../src')

const LAYERS = ['core', 'node', 'main', 'preload', 'renderer', 'cli'] as const
type Layer = (typeof LAYERS)[number]

/** Which layers each layer may import from (imports point downwards only). */
const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  core: ['core'],
  node: ['core', 'node'],
  main: ['core', 'node', 'main'],
  cli: ['core', 'node', 'cli'],
  preload: ['core'],
  renderer: ['core', 'renderer'],
}

type Platform = 'node' | 'electron' | 'react' | 'dexie'

/** Which platform packages each layer may import. */
const MAY_USE: Record<Layer, readonly Platform[]> = {
  core: [],
  node: ['node'],
  main: ['node', 'electron'],
  cli: ['node'],
  preload: ['electron'],
  renderer: ['react', 'dexie'],
}

const NODE_BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith('_')))

function platformOf(specifier: string): Platform | undefined {
  if (specifier.startsWith('node:')) return 'node'
  if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0] ?? '')) {
    return 'node'
  }
  if (specifier === 'electron' || specifier.startsWith('electron/')) return 'electron'
  if (/^(react|react-dom)(\/|$)/.test(specifier)) return 'react'
  if (/^dexie(\/|$)/.test(specifier)) return 'dexie'
  return undefined
}

/**
 * Every module specifier a source file imports: statically, dynamically, with require, or as a
 * worker entry. (A plain `new URL(…, import.meta.url)`, such as main's path to the built
 * renderer, is a file location, not an import.)
 */
export function importsOf(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '')
  const patterns = [
    /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*['"]([^'"]+)['"]/g,
  ]
  return patterns.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]!))
}

export interface Violation {
  file: string
  specifier: string
  reason: string
}

/** The layer rules for one file (path relative to src/, POSIX separators). */
export function checkFile(relFile: string, source: string): Violation[] {
  const layer = relFile.split('/')[0] as Layer
  if (!LAYERS.includes(layer)) {
    return [{ file: relFile, specifier: '', reason: 'file is not in a known layer folder' }]
  }
  const out: Violation[] = []
  for (const specifier of importsOf(source)) {
    const v = (reason: string) => out.push({ file: relFile, specifier, reason })
    if (specifier.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(relFile), specifier))
      if (target.startsWith('..')) {
        // One exception: the renderer may bundle data files from resources/ (the demo
        // workspace's sample files) as Vite assets, i.e. as text or a URL, never as code.
        const asset =
          layer === 'renderer' &&
          target.startsWith('../resources/') &&
          /\?(raw|inline|url)$/.test(specifier)
        if (!asset) v('imports from outside src/')
        continue
      }
      const targetLayer = target.split('/')[0] as Layer
      if (!MAY_IMPORT[layer].includes(targetLayer)) {
        v(`src/${layer} may not import from src/${targetLayer}`)
      } else if (layer === 'preload' && !target.startsWith('core/host/')) {
        v('the preload may import only the Host API and channel types (src/core/host)')
      }
      continue
    }
    const platform = platformOf(specifier)
    if (platform && !MAY_USE[layer].includes(platform)) {
      v(`src/${layer} may not use ${platform}`)
    }
  }
  return out
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name)
    if (statSync(p).isDirectory()) return sourceFiles(p)
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) ? [p] : []
  })
}

const files = sourceFiles(SRC).map((abs) => ({
  rel: path.relative(SRC, abs).split(path.sep).join('/'),
  source: readFileSync(abs, 'utf8'),
}))

describe('layers', () => {
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(20)
    expect(files.some((f) => f.rel.startsWith('core/'))).toBe(true)
  })

  it('every import points downwards and stays on its platform', () => {
    const violations = files.flatMap((f) => checkFile(f.rel, f.source))
    const report = violations.map((v) => `${v.file}: '${v.specifier}' — ${v.reason}`).join('\n')
    expect(violations, report).toEqual([])
  })

  it('only src/main/ipc.ts touches ipcMain, only the preload touches ipcRenderer', () => {
    const uses = (name: string) =>
      files.filter((f) => new RegExp(`\\b${name}\\b`).test(f.source)).map((f) => f.rel)
    expect(uses('ipcMain')).toEqual(['main/ipc.ts'])
    expect(uses('ipcRenderer')).toEqual(['preload/index.ts'])
    expect(uses('contextBridge')).toEqual(['preload/index.ts'])
  })
})

describe('the checker itself', () => {
  it('reads static, type-only, re-export, dynamic, require and worker imports', () => {
    const src = [
      "import a from './a'",
      "import type { B } from '../core/b'",
      "import {\n  c,\n  d,\n} from 'node:fs'",
      "export { e } from './e'",
      "import './side-effect.css'",
      "const f = await import('./f')",
      "const g = require('electron')",
      "new Worker(new URL('./w.ts', import.meta.url))",
      "const dir = new URL('../renderer/', import.meta.url)",
      "// import x from 'commented-out'",
    ].join('\n')
    expect(importsOf(src).sort()).toEqual(
      [
        './a',
        '../core/b',
        'node:fs',
        './e',
        './side-effect.css',
        './f',
        'electron',
        './w.ts',
      ].sort(),
    )
  })

  it('catches upward and platform imports', () => {
    const reasons = (file: string, code: string) => checkFile(file, code).map((v) => v.reason)
    expect(reasons('core/x.ts', "import { a } from '../node/a'")).toEqual([
      'src/core may not import from src/node',
    ])
    expect(reasons('core/x.ts', "import { readFile } from 'fs/promises'")).toEqual([
      'src/core may not use node',
    ])
    expect(reasons('core/x.ts', "import { useState } from 'react'")).toEqual([
      'src/core may not use react',
    ])
    expect(reasons('renderer/x.ts', "import path from 'node:path'")).toEqual([
      'src/renderer may not use node',
    ])
    expect(reasons('renderer/x.ts', "import { ipcRenderer } from 'electron'")).toEqual([
      'src/renderer may not use electron',
    ])
    expect(reasons('renderer/x.ts', "import { a } from '../main/a'")).toEqual([
      'src/renderer may not import from src/main',
    ])
    expect(reasons('preload/x.ts', "import { a } from '../core/bundle/a'")).toEqual([
      'the preload may import only the Host API and channel types (src/core/host)',
    ])
    expect(reasons('node/x.ts', "import { app } from 'electron'")).toEqual([
      'src/node may not use electron',
    ])
    expect(reasons('main/x.ts', "import { a } from '../renderer/a'")).toEqual([
      'src/main may not import from src/renderer',
    ])
    expect(
      reasons('main/x.ts', "import { app } from 'electron'\nimport p from 'node:path'"),
    ).toEqual([])
    expect(reasons('renderer/w/x.ts', "import t from '../../../resources/demo/a.csv?raw'")).toEqual(
      [],
    )
    expect(reasons('renderer/w/x.ts', "import t from '../../../resources/demo/a.ts'")).toEqual([
      'imports from outside src/',
    ])
    expect(reasons('core/x.ts', "import t from '../../resources/demo/a.csv?raw'")).toEqual([
      'imports from outside src/',
    ])
  })
})

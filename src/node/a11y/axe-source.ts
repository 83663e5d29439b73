// axe-core's browser bundle and version, read from node_modules, for a runner to inject into
// the swept page (the CLI and local server through playwright-core, the desktop app through its
// sweep window).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const require_ = createRequire(import.meta.url)

export function axeSource(): { source: string; version: string } {
  const pkg = require_.resolve('axe-core/package.json')
  const version = (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version
  return { source: readFileSync(require_.resolve('axe-core/axe.min.js'), 'utf8'), version }
}

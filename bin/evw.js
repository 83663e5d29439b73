#!/usr/bin/env node
// Runs the bundled CLI (built by `npm install` through the prepare script, or `npm run build:cli`).
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'

const built = fileURLToPath(new URL('../out/cli/evw.mjs', import.meta.url))
if (!existsSync(built)) {
  process.stderr.write(
    'evw: the CLI is not built yet; run "npm run build:cli" (npm install does it).\n',
  )
  process.exit(2)
}
const { main } = await import(pathToFileURL(built).href)
process.exitCode = await main(process.argv.slice(2))

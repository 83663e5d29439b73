// `npm start`: launches the desktop app with electron-vite preview (building first when the
// build is missing or older than the sources). Electron 42+ fetches its binary on first
// launch, not at install; where it is absent this says so in one line and points to
// `npm run web`. It never triggers the download itself (require('electron') would).
import { spawn } from 'node:child_process'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const require = createRequire(import.meta.url)

/** The Electron executable if installed, found the way `require('electron')` finds it. */
function electronBinary() {
  let dir
  try {
    dir = path.dirname(require.resolve('electron/package.json'))
  } catch {
    return undefined
  }
  const pathFile = path.join(dir, 'path.txt')
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : ''
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH
  if (override) return existsSync(path.join(override, name || 'electron')) ? override : undefined
  const full = name ? path.join(dir, 'dist', name) : ''
  return full && existsSync(full) ? full : undefined
}

function newestMtime(dir) {
  let newest = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name)
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return newest
}

function buildIsCurrent() {
  const outputs = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'].map(
    (p) => path.join(root, p),
  )
  if (!outputs.every((p) => existsSync(p))) return false
  const built = Math.min(...outputs.map((p) => statSync(p).mtimeMs))
  const sources = Math.max(
    newestMtime(path.join(root, 'src')),
    statSync(path.join(root, 'electron.vite.config.ts')).mtimeMs,
  )
  return built >= sources
}

if (!electronBinary()) {
  console.error(
    'The Electron binary is not installed on this machine (it is fetched on first use: run `npx install-electron` with network access); meanwhile use `npm run web` to open the workbench in your browser.',
  )
  process.exit(1)
}

const cli = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const args = [cli, 'preview', ...(buildIsCurrent() ? ['--skipBuild'] : [])]
const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' })
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))

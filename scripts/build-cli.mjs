// Bundles src/cli into out/cli/evw.mjs with esbuild so `npx evw` works right after npm install
// without a TypeScript runtime. Dependencies are bundled too, so the CLI starts fast and alone,
// except playwright-core and axe-core, which `evw a11y` loads from node_modules (see below).
// Each command is its own chunk (out/cli/chunks/), loaded when it runs: `evw verify` does not
// load the PDF renderer and its fonts.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'esbuild'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

const result = await build({
  entryPoints: { evw: 'src/cli/main.ts' },
  outdir: 'out/cli',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  metafile: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  define: { __EVW_VERSION__: JSON.stringify(version) },
  logLevel: 'warning',
  // The accessibility sweep drives Chromium through playwright-core and injects axe-core's own
  // file; both stay node_modules packages (runtime dependencies) rather than bundled copies.
  external: ['playwright-core', 'axe-core'],
  banner: {
    // Some bundled CommonJS dependencies (tweetnacl) call require() for node:crypto.
    js: "import { createRequire as __evwCreateRequire } from 'node:module'; const require = __evwCreateRequire(import.meta.url);",
  },
})

// Remove chunks of earlier builds; the new ones are written before, so a running evw keeps its own.
const written = new Set(
  Object.keys(result.metafile.outputs).map((f) => f.replace(/^out\/cli\//, '')),
)
for (const name of readdirSync('out/cli/chunks')) {
  if (!written.has(`chunks/${name}`)) rmSync(join('out/cli/chunks', name))
}

// Bundles src/cli into out/cli/evw.mjs with esbuild so `npx evw` works right after npm install
// without a TypeScript runtime. Dependencies are bundled too, so the CLI starts fast and alone,
// except playwright-core and axe-core, which `evw a11y` loads from node_modules (see below).
import { readFileSync } from 'node:fs'
import { build } from 'esbuild'

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/evw.mjs',
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

// Bundles src/cli into out/cli/evw.mjs with esbuild so `npx evw` works right after npm install
// without a TypeScript runtime. Dependencies are bundled too: the CLI starts fast and alone.
import { build } from 'esbuild'

await build({
  entryPoints: ['src/cli/main.ts'],
  outfile: 'out/cli/evw.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  banner: {
    // Some bundled CommonJS dependencies (tweetnacl) call require() for node:crypto.
    js: "import { createRequire as __evwCreateRequire } from 'node:module'; const require = __evwCreateRequire(import.meta.url);",
  },
})

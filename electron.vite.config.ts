// Builds the three Electron targets into out/: main (ESM, Node), preload (CommonJS: sandboxed
// preloads cannot be ES modules) and the renderer (React, served from app://workbench/).
// The browser build of the same renderer is scripts/web.mjs. No Electron binary is needed.
import { readFileSync } from 'node:fs'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string
}

export default defineConfig({
  main: {
    build: { sourcemap: true },
  },
  preload: {
    build: {
      sourcemap: 'inline',
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    define: { __APP_VERSION__: JSON.stringify(pkg.version) },
    worker: { format: 'es' },
    build: { sourcemap: true },
  },
})

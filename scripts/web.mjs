// `npm run web`: builds the renderer for the browser and serves it on 127.0.0.1, for machines
// where the desktop app cannot be installed. Same renderer, browser host (file chooser,
// downloads); the page says which features need the desktop app.
//   node scripts/web.mjs [--port N] [--build-only]      (PORT env also sets the port)
import { parseArgs } from 'node:util'
import { buildWebApp, DEFAULT_PORT, startStaticServer, WEB_OUT_DIR } from './web-app.mjs'
import { sweepCapability } from './web-sweep.mjs'

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    'build-only': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
})

if (values.help) {
  console.log('Usage: node scripts/web.mjs [--port N] [--build-only]   (or PORT=N npm run web)')
  process.exit(0)
}

const portText = values.port ?? process.env.PORT ?? String(DEFAULT_PORT)
const port = Number(portText)
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Not a port number: ${portText}`)
  process.exit(2)
}

await buildWebApp({ quiet: true })
if (values['build-only']) {
  console.log(`Built the browser app into ${WEB_OUT_DIR}`)
  process.exit(0)
}

const sweep = sweepCapability()
let server
try {
  server = await startStaticServer({ root: WEB_OUT_DIR, port, sweep })
} catch (e) {
  const busy = e && typeof e === 'object' && 'code' in e && e.code === 'EADDRINUSE'
  console.error(
    busy
      ? `Port ${port} is in use; try another: npm run web -- --port 5175`
      : `Could not start the server: ${e instanceof Error ? e.message : String(e)}`,
  )
  process.exit(1)
}
console.log(`Evidence Workbench (browser mode): ${server.url}  (Ctrl+C to stop)`)
console.log(
  sweep.available
    ? `Accessibility sweep: on (evw a11y with ${sweep.chromium})`
    : `Accessibility sweep: off. ${sweep.reason}`,
)

const stop = async () => {
  await server.close()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

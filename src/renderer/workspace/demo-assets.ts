// The demo workspace's sample files, bundled with the app (imported lazily, see seed-demo.ts).
// Text files arrive as strings, binary ones as base64 data URLs decoded here: nothing is
// fetched, so the CSP (connect-src 'self') and the static server's file types do not matter.
import fabrikamA11y from '../../../resources/demo/fabrikam-traffic-accessibility.json?raw'
import litwareA11y from '../../../resources/demo/litware-reviews-accessibility.json?raw'
import contosoConnector from '../../../resources/demo/contoso-maps-connector.json?raw'
import contosoLatency from '../../../resources/demo/contoso-maps-latency.png?inline'
import fabrikamCard from '../../../resources/demo/fabrikam-traffic-source-card.html?raw'
import northwindSla from '../../../resources/demo/northwind-sla-signed.pdf?inline'
import northwindStatus from '../../../resources/demo/northwind-status-2026-03.csv?raw'
import northwindCard from '../../../resources/demo/northwind-weather-card.png?inline'
import tailspinLog from '../../../resources/demo/tailspin-test-connection.log?raw'
import awsCredentialReport from '../../../resources/access-review/aws-credential-report.csv?raw'
import genericGrants from '../../../resources/access-review/generic-grants.csv?raw'
import hrRoster from '../../../resources/access-review/hr-roster.csv?raw'
import { DEMO_A11Y_REPORTS } from '../../core/workspace/demo-a11y'
import type { DemoReviewSamples } from '../../core/workspace/demo-reviews'

export interface DemoAsset {
  fileName: string
  mimeType: string
  bytes: Uint8Array
}

const text = (s: string) => new TextEncoder().encode(s)

function dataUrlBytes(url: string): Uint8Array {
  const comma = url.indexOf(',')
  if (!url.startsWith('data:') || comma < 0 || !url.slice(0, comma).endsWith(';base64'))
    throw new Error('A demo file was not bundled as a base64 data URL.')
  const binary = atob(url.slice(comma + 1))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function demoAssets(): DemoAsset[] {
  return [
    {
      fileName: 'northwind-weather-card.png',
      mimeType: 'image/png',
      bytes: dataUrlBytes(northwindCard),
    },
    {
      fileName: 'northwind-sla-signed.pdf',
      mimeType: 'application/pdf',
      bytes: dataUrlBytes(northwindSla),
    },
    {
      fileName: 'northwind-status-2026-03.csv',
      mimeType: 'text/csv',
      bytes: text(northwindStatus),
    },
    {
      fileName: 'contoso-maps-latency.png',
      mimeType: 'image/png',
      bytes: dataUrlBytes(contosoLatency),
    },
    {
      fileName: 'contoso-maps-connector.json',
      mimeType: 'application/json',
      bytes: text(contosoConnector),
    },
    {
      fileName: 'fabrikam-traffic-source-card.html',
      mimeType: 'text/html',
      bytes: text(fabrikamCard),
    },
    { fileName: 'tailspin-test-connection.log', mimeType: 'text/plain', bytes: text(tailspinLog) },
    // Sweep reports of the partner pages in resources/demo/a11y (scripts/demo-a11y-reports.mjs).
    {
      fileName: DEMO_A11Y_REPORTS.card.fileName,
      mimeType: 'application/json',
      bytes: text(fabrikamA11y),
    },
    {
      fileName: DEMO_A11Y_REPORTS.banner.fileName,
      mimeType: 'application/json',
      bytes: text(litwareA11y),
    },
  ]
}

/** The access-review sample files (resources/access-review), for the demo's campaigns. */
export const demoReviewSamples = (): DemoReviewSamples => ({
  genericGrants,
  awsCredentialReport,
  hrRoster,
})

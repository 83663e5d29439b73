// A demo deck for tests and the benchmark: the Sprint 34 script with packets, KPIs and real
// screenshots (the PNGs under docs/images/), one of them also as a JPEG-free PNG made here.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sha256 } from '@noble/hashes/sha2.js'
import { toHex } from '../../src/core/encoding/bytes'
import { deckFromDemoScript } from '../../src/core/deck/demo-script'
import type { DeckModel } from '../../src/core/deck/deck-model'
import type { DeckImage } from '../../src/core/deck/render-deck-pdf'
import type { ReleaseNotesInput } from '../../src/core/deck/release-notes'

const ROOT = join(__dirname, '../..')

export function screenshotFiles(): { name: string; bytes: Uint8Array }[] {
  return [
    'verify-screen.png',
    'readiness-matrix.png',
    'sign-dialog.png',
    'pre-sync-review.png',
  ].map((name) => ({ name, bytes: new Uint8Array(readFileSync(join(ROOT, 'docs/images', name))) }))
}

export function sampleDeck(): { deck: DeckModel; images: Map<string, DeckImage> } {
  const files = screenshotFiles()
  const images = new Map<string, DeckImage>()
  const shas = files.map((f) => {
    const sha = toHex(sha256(f.bytes))
    images.set(sha, { title: f.name, bytes: f.bytes })
    return sha
  })
  const deck = deckFromDemoScript('2026-11-26', 'Dana Whitfield (PM)')
  deck.steps[0] = {
    ...deck.steps[0]!,
    packetIds: ['pkt-fs-ga-flip-0034'],
    screenshots: [
      { sha256: shas[1]!, caption: 'GA flip readiness: every tenant gate green' },
      { sha256: shas[0]!, caption: 'Stitched export verified, licence clauses attached' },
    ],
    kpis: [
      { label: 'Blended search p95', target: 1.25, actual: 1.08, unit: 's', comparator: '<=' },
      { label: 'Partial results labelled', target: 100, actual: 100, unit: '%', comparator: '>=' },
      { label: 'Export errors', target: 0, actual: 2, unit: '', comparator: '=' },
    ],
  }
  deck.steps[2] = {
    ...deck.steps[2]!,
    packetIds: ['pkt-mpd-rtc-0007', 'pkt-mpd-sla-0003'],
    screenshots: [
      { sha256: shas[2]!, caption: 'Request-to-connect packet signed by both parties' },
    ],
    kpis: [{ label: 'Partner onboarding', target: 5, actual: 3.5, unit: 'days', comparator: '<=' }],
  }
  deck.steps[4] = {
    ...deck.steps[4]!,
    packetIds: ['pkt-metering-rot-0012'],
    kpis: [
      { label: 'Key rotation rehearsal', target: 15, actual: 11, unit: 'min', comparator: '<=' },
      { label: 'Invoice drift', target: 0.5, actual: 0.82, unit: '%', comparator: '<' },
      { label: 'Invoices previewed', target: 1000, actual: 1240, unit: '', comparator: '>=' },
    ],
  }
  for (const s of deck.steps) if (s.packetIds.length === 0) s.packetIds = ['pkt-sprint34-demo']
  deck.steps[5]!.screenshots = [{ sha256: shas[3]!, caption: '' }]
  deck.caveats = [
    'Search p95 measured on the staging tenant with 2.1 M documents; production has 3.4 M.',
    'Invoice drift is above target: the EUR rounding fix ships in sprint 35.',
    'XAI-2 dashboards show synthetic failure buckets; real traffic starts after GA.',
  ]
  return { deck, images }
}

export function sampleReleaseNotes(): ReleaseNotesInput {
  return {
    title: 'Sprint 34 release notes',
    date: '2026-11-26',
    caveats: ['Invoice drift is above target: the EUR rounding fix ships in sprint 35.'],
    packets: [
      {
        packetId: 'pkt-dpia-northwind',
        title: 'DPIA: Northwind Weather API',
        templateTitle: 'DPIA',
        templateVersion: '1.0.0',
        status: 'Signed',
        revision: 2,
        statementDigest: toHex(sha256(new TextEncoder().encode('statement'))),
        signers: [
          {
            name: 'Dana Whitfield',
            role: 'Product manager',
            decision: 'Approved',
            at: '2026-11-25 14:02 UTC',
          },
          {
            name: 'Lee Logan',
            role: 'Data protection officer',
            decision: 'Approved',
            at: '2026-11-25 16:40 UTC',
          },
        ],
        changes: {
          sinceRevision: 1,
          entries: [
            {
              kind: 'field',
              path: 'purpose',
              section: 'Context',
              label: 'Purpose',
              from: 'Forecasts',
              to: 'Forecasts and alerts',
            },
            {
              kind: 'evidence-attached',
              label: 'Data flow diagram',
              role: 'diagram',
              path: 'files/flow.png',
            },
          ],
        },
      },
      {
        packetId: 'pkt-metering-rot-0012',
        title: 'Metering key rotation rehearsal',
        templateTitle: 'GA flip checklist',
        templateVersion: '1.0.0',
        status: 'Draft',
        revision: 1,
        signers: [],
      },
    ],
  }
}

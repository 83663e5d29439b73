// The demo workspace: ten fictional MP-D partner sources at different readiness, packets made
// from the built-in templates' examples (retitled and reworded per source), and evidence
// records for the sample files in resources/demo plus short text documents generated here, so
// that every packet past draft is complete and can honestly have been signed (the signatures
// are made by demo-signoffs.ts). Pure data: the caller supplies the files' digests and sizes and
// the current time, so the same inputs give the same workspace.
import type { JsonValue } from '../json/canonical-json'
import type { DeckRecord } from '../deck/deck-records'
import { DEMO_A11Y_REPORTS, type DemoA11yReviews } from './demo-a11y'
import { buildDemoDeck } from './demo-deck'
import type { DemoReviews } from './demo-reviews'
import { DEMO_SIGNERS } from './demo-identities'
import { examplePacket } from '../templates/example-packet'
import { TemplateRegistry } from '../templates/registry'
import { REQUIRED_SOURCE_PACKETS } from './readiness'
import type {
  Classification,
  EvidenceKind,
  EvidenceRecord,
  PacketEvidenceLink,
  PacketRecord,
  PacketRevisionRecord,
  PacketStatus,
  PartnerSourceRecord,
  SlaTier,
  SourceStatus,
  WorkspaceMetaRecord,
} from './records'

export const DEMO_WORKSPACE_NAME = 'Demo workspace'

/** One sample file as shipped in resources/demo, hashed by the caller. */
export interface DemoFileInfo {
  fileName: string
  sha256: string
  size: number
  mimeType: string
}

export interface DemoWorkspace {
  meta: WorkspaceMetaRecord
  partnerSources: PartnerSourceRecord[]
  packets: PacketRecord[]
  packetRevisions: PacketRevisionRecord[]
  evidence: EvidenceRecord[]
  /** One saved demo deck (demo-deck.ts), from the sprint's demo script. */
  decks: DeckRecord[]
  /** The access reviews (demo-reviews.ts), when built: they need the sample CSVs' digests. */
  reviews?: DemoReviews
  /** The accessibility reviews (demo-a11y.ts), when built: they need the reports' digests. */
  a11yReviews?: DemoA11yReviews
}

type RequiredTemplate = (typeof REQUIRED_SOURCE_PACKETS)[number]
type Plan = Partial<Record<RequiredTemplate, PacketStatus>>

interface DemoSource {
  id: string
  name: string
  /** The partner company, replacing "Northwind Weather GmbH" in the examples. */
  company: string
  /** Short name, replacing "Northwind". */
  short: string
  owner: string
  slaTier: SlaTier
  status: SourceStatus
  notes?: string
  packets: Plan
}

const all = (status: PacketStatus): Plan => ({
  dpia: status,
  license: status,
  'partner-sla': status,
  'request-to-connect': status,
})

/** Seven ready, three not: "7 of 10 sources ready". */
export const DEMO_SOURCES: readonly DemoSource[] = [
  {
    id: 'northwind-weather',
    name: 'Northwind Weather API',
    company: 'Northwind Weather GmbH',
    short: 'Northwind',
    owner: 'Priya Raman (Data Eng)',
    slaTier: 'tier-1',
    status: 'live',
    notes: 'First MP-D pilot source; local forecasts per 1 km grid cell.',
    packets: {
      dpia: 'verified',
      license: 'verified',
      'partner-sla': 'signed',
      'request-to-connect': 'synced',
    },
  },
  {
    id: 'contoso-maps',
    name: 'Contoso Maps',
    company: 'Contoso Maps Ltd',
    short: 'Contoso Maps',
    owner: 'Lena Fischer (FE Lead)',
    slaTier: 'tier-1',
    status: 'live',
    packets: {
      dpia: 'signed',
      license: 'verified',
      'partner-sla': 'signed',
      'request-to-connect': 'signed',
    },
  },
  {
    id: 'fabrikam-traffic',
    name: 'Fabrikam Traffic',
    company: 'Fabrikam Mobility SE',
    short: 'Fabrikam',
    owner: 'Jonas Berg (Data Eng)',
    slaTier: 'tier-1',
    status: 'pilot',
    packets: all('verified'),
  },
  {
    id: 'tailspin-flights',
    name: 'Tailspin Flights',
    company: 'Tailspin Toys Aviation BV',
    short: 'Tailspin',
    owner: 'Amara Nwosu (Product Ops)',
    slaTier: 'tier-2',
    status: 'pilot',
    packets: {
      dpia: 'verified',
      license: 'signed',
      'partner-sla': 'signed',
      'request-to-connect': 'signed',
    },
  },
  {
    id: 'adventure-works-events',
    name: 'Adventure Works Events',
    company: 'Adventure Works Cycles Inc',
    short: 'Adventure Works',
    owner: 'Sam Whitfield (PM)',
    slaTier: 'tier-2',
    status: 'pilot',
    packets: {
      dpia: 'signed',
      license: 'signed',
      'partner-sla': 'verified',
      'request-to-connect': 'synced',
    },
  },
  {
    id: 'wide-world-catalog',
    name: 'Wide World Importers Catalog',
    company: 'Wide World Importers Ltd',
    short: 'Wide World',
    owner: 'Lena Fischer (FE Lead)',
    slaTier: 'tier-2',
    status: 'live',
    packets: all('signed'),
  },
  {
    id: 'margies-travel',
    name: 'Margie’s Travel Guides',
    company: 'Margie’s Travel Publishing',
    short: 'Margie’s Travel',
    owner: 'Amara Nwosu (Product Ops)',
    slaTier: 'tier-3',
    status: 'paused',
    notes: 'Paused by the partner during a platform migration; packets stay valid.',
    packets: {
      dpia: 'signed',
      license: 'verified',
      'partner-sla': 'signed',
      'request-to-connect': 'signed',
    },
  },
  {
    id: 'litware-reviews',
    name: 'Litware Reviews',
    company: 'Litware Inc',
    short: 'Litware',
    owner: 'Priya Raman (Data Eng)',
    slaTier: 'tier-2',
    status: 'onboarding',
    packets: { dpia: 'in-review', license: 'signed', 'partner-sla': 'draft' },
  },
  {
    id: 'proseware-news',
    name: 'Proseware News',
    company: 'Proseware Media AG',
    short: 'Proseware',
    owner: 'Jonas Berg (Data Eng)',
    slaTier: 'tier-3',
    status: 'onboarding',
    packets: {
      dpia: 'rejected',
      license: 'signed',
      'partner-sla': 'signed',
      'request-to-connect': 'draft',
    },
  },
  {
    id: 'woodgrove-fx',
    name: 'Woodgrove FX Rates',
    company: 'Woodgrove Bank plc',
    short: 'Woodgrove',
    owner: 'Sam Whitfield (PM)',
    slaTier: 'tier-3',
    status: 'proposed',
    notes: 'Proposed by the finance tenants; licence under negotiation.',
    packets: { license: 'draft' },
  },
]

/** Why the demo's rejected packet was rejected, signed by the demo's Legal identity. */
export const DEMO_REJECTION =
  'The DPIA treats article URLs as non-personal, but reader comments embedded in the feed name people. Add the comment data to the data categories and re-assess the risks.'

const registry = new TemplateRegistry()

const NORTHWIND_WORDING =
  /Northwind Weather GmbH|Northwind Weather API|northwind-weather|Northwind|northwind/g

/** Replaces the examples' Northwind wording with the source's, everywhere in a value. */
function reword(value: JsonValue, s: DemoSource): JsonValue {
  if (typeof value === 'string') {
    // One pass, so a replacement is never replaced again.
    return value.replace(NORTHWIND_WORDING, (m) => {
      if (m === 'Northwind Weather GmbH') return s.company
      if (m === 'Northwind Weather API') return s.name
      if (m === 'Northwind') return s.short
      return s.id
    })
  }
  if (Array.isArray(value)) return value.map((v) => reword(v, s))
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, reword(v, s)]))
  return value
}

const DAY = 86_400_000
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10)

interface DemoEvidenceSpec {
  fileName: string
  title: string
  kind: EvidenceKind
  sourceId?: string
  source?: string
  collectedBy: string
  /** Days before now it was collected. */
  collectedDaysAgo: number
  /** Days from now until it expires (negative: already expired); absent: no expiry. */
  expiresInDays?: number
  tags: string[]
  classification: Classification
  /** Packets (template of the source) that cite it, with the role. */
  links?: { templateId: RequiredTemplate; role: string; path: string }[]
}

/** The sample files in resources/demo and what they are. */
export const DEMO_EVIDENCE: readonly DemoEvidenceSpec[] = [
  {
    fileName: 'northwind-weather-card.png',
    title: 'Weather card with attribution',
    kind: 'screenshot',
    sourceId: 'northwind-weather',
    source: 'Marketplace staging',
    collectedBy: 'Priya Raman',
    collectedDaysAgo: 12,
    tags: ['mp-d', 'attribution', 'ui'],
    classification: 'internal',
    links: [
      { templateId: 'license', role: 'attribution-sample', path: 'license/attribution-card.png' },
    ],
  },
  {
    fileName: 'northwind-sla-signed.pdf',
    title: 'Enterprise SLA v2, signed',
    kind: 'contract',
    sourceId: 'northwind-weather',
    source: 'Northwind Weather GmbH',
    collectedBy: 'Amara Nwosu',
    collectedDaysAgo: 30,
    expiresInDays: 21,
    tags: ['mp-d', 'sla', 'contract'],
    classification: 'confidential',
    links: [
      { templateId: 'partner-sla', role: 'signed-sla', path: 'sla/northwind-sla-signed.pdf' },
    ],
  },
  {
    fileName: 'northwind-status-2026-03.csv',
    title: 'Availability and latency export, March 2026',
    kind: 'export',
    sourceId: 'northwind-weather',
    source: 'Northwind status page',
    collectedBy: 'Priya Raman',
    collectedDaysAgo: 40,
    expiresInDays: -9,
    tags: ['mp-d', 'sla', 'monitoring'],
    classification: 'internal',
    links: [
      { templateId: 'partner-sla', role: 'monitoring-report', path: 'sla/status-2026-03.csv' },
    ],
  },
  {
    fileName: 'contoso-maps-latency.png',
    title: 'Tile latency p95, last week',
    kind: 'screenshot',
    sourceId: 'contoso-maps',
    source: 'Grafana: MP-D sources',
    collectedBy: 'Lena Fischer',
    collectedDaysAgo: 5,
    expiresInDays: 85,
    tags: ['mp-d', 'latency'],
    classification: 'internal',
  },
  {
    fileName: 'contoso-maps-connector.json',
    title: 'Connector configuration for Contoso Maps',
    kind: 'export',
    sourceId: 'contoso-maps',
    source: 'Marketplace gateway',
    collectedBy: 'Lena Fischer',
    collectedDaysAgo: 8,
    expiresInDays: 12,
    tags: ['mp-d', 'config', 'allow-list'],
    classification: 'internal',
  },
  {
    fileName: 'fabrikam-traffic-source-card.html',
    title: 'Partner source card: Fabrikam Traffic',
    kind: 'source-card',
    sourceId: 'fabrikam-traffic',
    source: 'Fabrikam Mobility SE',
    collectedBy: 'Jonas Berg',
    collectedDaysAgo: 20,
    expiresInDays: 340,
    tags: ['mp-d', 'source-card'],
    classification: 'public',
  },
  {
    fileName: 'tailspin-test-connection.log',
    title: 'Staging test call to Tailspin Flights',
    kind: 'log',
    sourceId: 'tailspin-flights',
    source: 'Egress proxy, staging',
    collectedBy: 'Amara Nwosu',
    collectedDaysAgo: 14,
    tags: ['mp-d', 'connection-test'],
    classification: 'internal',
    links: [
      {
        templateId: 'request-to-connect',
        role: 'test-connection-log',
        path: 'connect/test-connection.log',
      },
    ],
  },
  // Sweep reports of partner pages (resources/demo/a11y, demo-a11y.ts): linked to their source
  // only, so the signed packets' content stays as signed.
  {
    fileName: DEMO_A11Y_REPORTS.card.fileName,
    title: DEMO_A11Y_REPORTS.card.title,
    kind: 'report',
    sourceId: DEMO_A11Y_REPORTS.card.sourceId,
    source: 'evw a11y (axe-core in Chromium), WCAG 2.2 AA',
    collectedBy: 'Jonas Berg',
    collectedDaysAgo: 9,
    tags: ['mp-d', 'accessibility', 'source-card'],
    classification: 'internal',
  },
  {
    fileName: DEMO_A11Y_REPORTS.banner.fileName,
    title: DEMO_A11Y_REPORTS.banner.title,
    kind: 'report',
    sourceId: DEMO_A11Y_REPORTS.banner.sourceId,
    source: 'evw a11y (axe-core in Chromium), WCAG 2.2 AA',
    collectedBy: 'Jonas Berg',
    collectedDaysAgo: 7,
    tags: ['mp-d', 'accessibility', 'caveat-banner'],
    classification: 'internal',
  },
]

/** A text document the demo generates (no file in resources/demo): its bytes are `text`, UTF-8. */
export interface DemoGeneratedFile extends DemoEvidenceSpec {
  mimeType: string
  text: string
}

const personOf = (owner: string) => owner.replace(/\s*\([^)]*\)\s*$/, '').trim() || owner

/** The generated documents for a source's packet of `templateId`, one per required role. */
function generatedFor(s: DemoSource, i: number, templateId: RequiredTemplate): DemoGeneratedFile[] {
  const by = personOf(s.owner)
  const base = {
    sourceId: s.id,
    source: s.company,
    collectedBy: by,
    collectedDaysAgo: 50 - i,
    classification: 'internal' as Classification,
    mimeType: 'text/plain',
  }
  const doc = (
    role: string,
    file: string,
    title: string,
    kind: EvidenceKind,
    lines: string[],
  ): DemoGeneratedFile => ({
    ...base,
    fileName: `${s.id}-${file}`,
    title,
    kind,
    tags: ['mp-d', templateId, 'demo-document'],
    links: [
      {
        templateId,
        role,
        path: `${templateId === 'request-to-connect' ? 'connect' : templateId === 'partner-sla' ? 'sla' : templateId}/${file}`,
      },
    ],
    text: `${lines.join('\n')}\n`,
  })
  switch (templateId) {
    case 'dpia':
      return [
        doc('data-flow-diagram', 'data-flow.txt', `Data flow: marketplace to ${s.short}`, 'other', [
          `Data flow of the ${s.name} source (demo document)`,
          '',
          '[Tenant app] --request--> [Marketplace gateway] --mTLS--> [Egress proxy]',
          `[Egress proxy] --minimised request--> [${s.company} API]`,
          `[${s.company} API] --response--> [Gateway cache, 10 min] --> [Tenant app]`,
          '',
          'No user identifier leaves the marketplace; see the DPIA for the data categories.',
        ]),
      ]
    case 'license':
      return [
        doc(
          'licence-text',
          'licence-terms.txt',
          `${s.short} data licence, countersigned`,
          'contract',
          [
            `Data licence between Contoso Mission Control Ltd and ${s.company} (demo document)`,
            '',
            '1. Licensor grants a non-exclusive licence to display the data in the marketplace.',
            '2. Attribution is shown next to every use of the data.',
            '3. Redistribution in bulk is not permitted.',
            '',
            `Countersigned for ${s.company} and for Contoso Mission Control Ltd.`,
          ],
        ),
      ]
    case 'partner-sla':
      return [
        doc('signed-sla', 'sla-signed.txt', `${s.short} SLA, signed`, 'contract', [
          `Service level agreement with ${s.company}, ${s.slaTier} (demo document)`,
          '',
          'Availability 99.9 % per calendar month; p95 latency below 400 ms.',
          'Incidents acknowledged within 30 minutes, around the clock.',
          '',
          `Signed for ${s.company} and for Contoso Mission Control Ltd.`,
        ]),
      ]
    case 'request-to-connect':
      return [
        doc(
          'security-review',
          'security-review.txt',
          `SecEng review of the ${s.short} connection`,
          'report',
          [
            `Security review: connection to ${s.name} (demo document)`,
            '',
            'Egress allow-list limited to the partner host names; mutual TLS with pinned CA.',
            'Secrets held in the vault; rotation every 90 days.',
            'Outcome: approved for production traffic.',
          ],
        ),
        doc(
          'architecture-diagram',
          'connection-diagram.txt',
          `Connection diagram for ${s.short}`,
          'other',
          [
            `Connection of ${s.name} (demo document)`,
            '',
            `[Marketplace gateway] -> [Egress proxy] -> [${s.company} API]`,
          ],
        ),
      ]
  }
}

/**
 * Text documents generated for the demo: for every packet past draft, one per required
 * evidence role that no sample file covers, so each such packet is complete.
 */
export const DEMO_GENERATED_FILES: readonly DemoGeneratedFile[] = DEMO_SOURCES.flatMap((s, i) =>
  (Object.entries(s.packets) as [RequiredTemplate, PacketStatus][])
    .filter(([, status]) => status !== 'draft')
    .flatMap(([templateId]) =>
      generatedFor(s, i, templateId).filter(
        (g) =>
          !DEMO_EVIDENCE.some(
            (e) =>
              e.sourceId === s.id &&
              e.links?.some((l) => l.templateId === templateId && l.role === g.links![0]!.role),
          ),
      ),
    ),
)

/** The sample files shipped in resources/demo. */
export const DEMO_SAMPLE_FILE_NAMES: readonly string[] = DEMO_EVIDENCE.map((e) => e.fileName)

/** Every file the demo's evidence needs: the sample files, then the generated documents. */
export const DEMO_FILE_NAMES: readonly string[] = [
  ...DEMO_SAMPLE_FILE_NAMES,
  ...DEMO_GENERATED_FILES.map((g) => g.fileName),
]

const AUTHORS = ['Priya Raman', 'Lena Fischer', 'Jonas Berg', 'Amara Nwosu', 'Sam Whitfield']

/**
 * Builds the demo workspace. `files` must describe every file in DEMO_FILE_NAMES; `now` fixes
 * the dates (expiring-soon and expired evidence are relative to it).
 */
export function buildDemoWorkspace(files: readonly DemoFileInfo[], now: Date): DemoWorkspace {
  const t = now.getTime()
  const at = (daysAgo: number) => new Date(t - daysAgo * DAY).toISOString()
  const byName = new Map(files.map((f) => [f.fileName, f]))

  const evidence: EvidenceRecord[] = []
  const links = new Map<string, PacketEvidenceLink[]>()
  ;[...DEMO_EVIDENCE, ...DEMO_GENERATED_FILES].forEach((spec) => {
    const file = byName.get(spec.fileName)
    if (!file) throw new Error(`buildDemoWorkspace: no file info for ${spec.fileName}`)
    const record: EvidenceRecord = {
      sha256: file.sha256,
      size: file.size,
      mimeType: file.mimeType,
      fileName: spec.fileName,
      folder: '',
      title: spec.title,
      kind: spec.kind,
      collectedBy: spec.collectedBy,
      collectedAt: at(spec.collectedDaysAgo),
      effectiveDate: isoDay(t - spec.collectedDaysAgo * DAY),
      tags: [...spec.tags],
      classification: spec.classification,
      addedAt: at(spec.collectedDaysAgo - 1),
      addedBy: spec.collectedBy,
    }
    if (spec.source) record.source = spec.source
    if (spec.sourceId) record.partnerSourceId = spec.sourceId
    if (spec.expiresInDays !== undefined) record.expires = isoDay(t + spec.expiresInDays * DAY)
    evidence.push(record)
    for (const l of spec.links ?? []) {
      const key = `${spec.sourceId}\u0000${l.templateId}`
      links.set(key, [
        ...(links.get(key) ?? []),
        { sha256: file.sha256, role: l.role, path: l.path },
      ])
    }
  })

  const partnerSources: PartnerSourceRecord[] = []
  const packets: PacketRecord[] = []
  const packetRevisions: PacketRevisionRecord[] = []
  DEMO_SOURCES.forEach((s, i) => {
    const source: PartnerSourceRecord = {
      id: s.id,
      name: s.name,
      owner: s.owner,
      slaTier: s.slaTier,
      status: s.status,
      createdAt: at(60 - i),
      updatedAt: at(20 - i),
    }
    if (s.notes) source.notes = s.notes
    partnerSources.push(source)

    REQUIRED_SOURCE_PACKETS.forEach((templateId, j) => {
      const status = s.packets[templateId]
      if (!status) return
      const template = registry.latest(templateId)
      if (!template) throw new Error(`buildDemoWorkspace: no built-in template ${templateId}`)
      const example = examplePacket(template)
      const fields = reword(example.fields, s) as Record<string, JsonValue>
      const id = reword(example.packetId, s) as string
      const author = AUTHORS[(i + j) % AUTHORS.length] ?? 'Demo author'
      const createdAt = at(45 - i - j)
      const updatedAt = at(10 - (i % 5) - j)
      // A few packets were changed after signing and signed again: their first revision's
      // sign-offs stay as history (demo-signoffs.ts signs both).
      const revision = status === 'draft' || status === 'in-review' || (i + j) % 4 !== 1 ? 1 : 2
      const packet: PacketRecord = {
        id,
        templateId,
        templateVersion: template.version,
        title: reword(example.title, s) as string,
        partnerSourceId: s.id,
        status,
        revision,
        fields,
        evidence: links.get(`${s.id}\u0000${templateId}`) ?? [],
        createdAt,
        createdBy: author,
        updatedAt,
      }
      if (status === 'rejected')
        packet.rejectionReason = `Legal (${DEMO_SIGNERS.legal.name}): ${DEMO_REJECTION}`
      packets.push(packet)
      for (let r = 1; r <= revision; r++) {
        const rev: PacketRevisionRecord = {
          packetId: id,
          revision: r,
          version: 1,
          savedAt: r === revision ? updatedAt : createdAt,
          savedBy: author,
          title: packet.title,
          fields: structuredClone(fields),
          evidence: packet.evidence.map((e) => ({ ...e })),
          status: r === revision ? status : 'signed',
          note: r === 1 ? 'Created from the template’s example' : 'Updated after review',
        }
        packetRevisions.push(rev)
      }
    })
  })

  return {
    meta: {
      key: 'workspace',
      name: DEMO_WORKSPACE_NAME,
      isDemo: true,
      createdAt: now.toISOString(),
    },
    partnerSources,
    packets,
    packetRevisions,
    evidence,
    decks: [buildDemoDeck({ packets, evidence }, now, AUTHORS[0]!)],
  }
}

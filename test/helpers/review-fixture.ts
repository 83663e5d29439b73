// Access-review test fixtures: a fresh workspace database per test, the demo campaign built from
// resources/access-review (generic grants, optionally with the HR roster file), and the decoded
// audit trail.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { sha256 } from '@noble/hashes/sha2.js'
import Dexie from 'dexie'
import { afterEach, beforeEach } from 'vitest'
import {
  importGenericGrants,
  importHrRoster,
  readCsvRecords,
  rosterIndex,
  suggestMapping,
} from '../../src/core/access-review'
import { decodeAuditEvent, type AuditEvent } from '../../src/core/audit/audit-event'
import { toHex } from '../../src/core/encoding/bytes'
import type { NewCampaign } from '../../src/renderer/access-review/review-store'
import { WorkspaceDb } from '../../src/renderer/data/workspace-db'

/** A file of resources/access-review as text. */
export const reviewText = (name: string): string =>
  readFileSync(join(__dirname, '../../resources/access-review', name), 'utf8')
/** The SHA-256 (hex) of a text's UTF-8 bytes. */
export const textSha256 = (s: string): string => toHex(sha256(new TextEncoder().encode(s)))

/** Opens a new workspace database before each test (handed to `use`) and deletes it after. */
export function workspaceDbPerTest(prefix: string, use: (db: WorkspaceDb) => void): void {
  let db: WorkspaceDb
  let n = 0
  beforeEach(async () => {
    db = new WorkspaceDb(`${prefix}-${++n}`)
    await db.open()
    use(db)
  })
  afterEach(async () => {
    db.close()
    await Dexie.delete(db.name)
  })
}

/** The demo campaign "Q2 2026 SaaS review"; `rosterFile` also freezes the HR roster file. */
export function demoCampaign(
  { rosterFile = false }: { rosterFile?: boolean } = {},
  over: Partial<NewCampaign> = {},
): NewCampaign {
  const g = reviewText('generic-grants.csv')
  const mapping = suggestMapping('generic', readCsvRecords(g).header)
  const imported = importGenericGrants(g, mapping)
  const r = reviewText('hr-roster.csv')
  const rosterMapping = suggestMapping('hr-roster', readCsvRecords(r).header)
  const roster = importHrRoster(r, rosterMapping)
  const extractedAt = '2026-04-12T08:00:00.000Z'
  return {
    id: 'q2-2026',
    name: 'Q2 2026 SaaS review',
    type: 'snapshot',
    scope: 'GitHub, Salesforce, Jira, Snowflake, Okta',
    owner: 'Helena Brandt',
    dueDate: '2026-04-30',
    noResponseDefault: 'revoke',
    reviewerRules: [{ by: 'application', match: 'Salesforce', reviewer: 'Sofia Rossi' }],
    grants: imported.grants,
    flagContext: { findEmployee: rosterIndex(roster.employees) },
    files: [
      {
        file: new Blob([g], { type: 'text/csv' }),
        fileName: 'generic-grants.csv',
        sha256: textSha256(g),
        input: {
          format: 'generic',
          source: 'SaaS export',
          mapping,
          rowCount: imported.rowCount,
          grantCount: imported.grants.length,
          problems: [],
          extractedAt,
        },
      },
      ...(rosterFile
        ? [
            {
              file: new Blob([r], { type: 'text/csv' }),
              fileName: 'hr-roster.csv',
              sha256: textSha256(r),
              input: {
                format: 'hr-roster' as const,
                source: 'Workday',
                mapping: rosterMapping,
                rowCount: roster.rowCount,
                grantCount: 0,
                problems: [],
                extractedAt,
              },
            },
          ]
        : []),
    ],
    ...over,
  }
}

/** Every audit event in the database, oldest first. */
export async function auditEvents(db: WorkspaceDb): Promise<AuditEvent[]> {
  return (await db.auditEntries.orderBy('index').toArray()).map((e) => {
    const d = decodeAuditEvent(e.entry)
    if (!d.ok) throw new Error(d.message)
    return d.event
  })
}

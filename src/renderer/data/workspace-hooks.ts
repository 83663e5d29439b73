// Live reads of the open workspace for screens (dexie-react-hooks: a screen re-renders when
// the tables it read change, also from another window). Each returns undefined while loading.
import { useLiveQuery } from 'dexie-react-hooks'
import { sourceReadiness } from '../../core/workspace/readiness'
import type {
  EvidenceRecord,
  PacketRecord,
  PartnerSourceRecord,
  WorkspaceMetaRecord,
} from '../../core/workspace/records'
import { useWorkspaceDb } from '../workspace/workspace-context'

export function useWorkspaceMeta(): WorkspaceMetaRecord | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(() => db.meta.get('workspace'), [db])
}

/** Partner sources by name. */
export function usePartnerSources(): PartnerSourceRecord[] | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(() => db.partnerSources.orderBy('name').toArray(), [db])
}

/** One source, null when there is none with that id. */
export function usePartnerSource(id: string): PartnerSourceRecord | null | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(async () => (await db.partnerSources.get(id)) ?? null, [db, id])
}

/** The readiness matrix over all sources and packets (see core/workspace/readiness.ts). */
export function useReadiness(): ReturnType<typeof sourceReadiness> | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(async () => {
    const [sources, packets] = await Promise.all([
      db.partnerSources.orderBy('name').toArray(),
      db.packets.toArray(),
    ])
    return sourceReadiness(sources, packets)
  }, [db])
}

/** The most recently changed packets. */
export function useRecentPackets(limit: number): PacketRecord[] | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(
    () => db.packets.orderBy('updatedAt').reverse().limit(limit).toArray(),
    [db, limit],
  )
}

export interface ExpirySummary {
  total: number
  expired: EvidenceRecord[]
  /** Expiring within `days` from today (not yet expired). */
  expiringSoon: EvidenceRecord[]
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10)

/** Evidence by expiry, relative to today. */
export function useEvidenceExpiry(days = 30): ExpirySummary | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(async () => {
    const today = new Date()
    const limit = isoDay(new Date(today.getTime() + days * 86_400_000))
    const [total, withExpiry] = await Promise.all([
      db.evidence.count(),
      db.evidence.where('expires').aboveOrEqual('').toArray(),
    ])
    const t = isoDay(today)
    return {
      total,
      expired: withExpiry.filter((e) => (e.expires ?? '') < t),
      expiringSoon: withExpiry.filter((e) => (e.expires ?? '') >= t && (e.expires ?? '') <= limit),
    }
  }, [db, days])
}

/** How many packets of each template a source has, for the remove confirmation. */
export function usePacketCountForSource(sourceId: string | undefined): number | undefined {
  const db = useWorkspaceDb()
  return useLiveQuery(
    () => (sourceId ? db.packets.where('partnerSourceId').equals(sourceId).count() : 0),
    [db, sourceId],
  )
}

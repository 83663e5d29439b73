// Signs the open workspace's log automatically: a short while after entries are appended (by any
// screen, through logEvent), a checkpoint of the whole log is signed with this computer's device
// key. The audit screen reads the state and offers "Sign checkpoint now". A log that no longer
// matches its last checkpoint is not signed (that would fork it); the state says so instead.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { useLiveQuery } from 'dexie-react-hooks'
import type { WorkspaceDb } from '../data/workspace-db'
import { useHost } from '../host/host-context'
import { useWorkspace } from '../workspace/workspace-context'
import {
  CheckpointRefusedError,
  signWorkspaceCheckpoint,
  type SignedCheckpoint,
} from './workspace-log'

/** How long after the last append the checkpoint is signed. */
export const CHECKPOINT_DELAY_MS = 1500

export type CheckpointStatus = 'idle' | 'signing' | 'signed' | 'refused' | 'failed'

export interface CheckpointState {
  status: CheckpointStatus
  /** A sentence for the audit screen ('' while idle). */
  message: string
}

export interface AuditCheckpointsApi {
  state: CheckpointState
  /** Entries in the log, and the size of the largest stored checkpoint (undefined: loading). */
  entries?: number
  signedSize?: number
  /** Signs now (`force`: even when the newest checkpoint already covers every entry). */
  signNow(force?: boolean): Promise<SignedCheckpoint | undefined>
}

const IDLE: CheckpointState = { status: 'idle', message: '' }

const AuditCheckpointsContext = createContext<AuditCheckpointsApi>({
  state: IDLE,
  signNow: async () => undefined,
})

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function AuditCheckpoints({ children }: { children: ReactNode }) {
  const { state: workspace } = useWorkspace()
  const host = useHost()
  const db: WorkspaceDb | undefined = workspace.status === 'open' ? workspace.db : undefined
  const [state, setState] = useState<CheckpointState>(IDLE)
  const counts = useLiveQuery(
    async () =>
      db
        ? {
            db,
            entries: await db.auditEntries.count(),
            signedSize: (await db.checkpoints.orderBy('size').last())?.size ?? 0,
          }
        : undefined,
    [db],
  )
  const current = counts && counts.db === db ? counts : undefined
  const dbRef = useRef(db)
  dbRef.current = db

  useEffect(() => setState(IDLE), [db])

  const signNow = useCallback(
    async (force = false): Promise<SignedCheckpoint | undefined> => {
      if (!db) return undefined
      setState({ status: 'signing', message: 'Signing a checkpoint of the log…' })
      try {
        const signed = await signWorkspaceCheckpoint(db, host.keys, { force })
        if (dbRef.current === db) {
          setState({
            status: 'signed',
            message: signed.signed
              ? `Signed a checkpoint of ${signed.checkpoint.size} entries with this computer’s device key.`
              : `The newest checkpoint already covers all ${signed.checkpoint.size} entries.`,
          })
        }
        return signed
      } catch (e) {
        if (dbRef.current === db) {
          setState(
            e instanceof CheckpointRefusedError
              ? { status: 'refused', message: e.message }
              : {
                  status: 'failed',
                  message: `No checkpoint could be signed: ${describe(e)}`,
                },
          )
        }
        throw e
      }
    },
    [db, host],
  )

  // Sign a while after the last append, when entries are not yet covered.
  const unsigned = current ? current.entries > current.signedSize : false
  const entries = current?.entries
  useEffect(() => {
    if (!unsigned || state.status === 'refused') return
    const timer = setTimeout(() => void signNow().catch(() => undefined), CHECKPOINT_DELAY_MS)
    return () => clearTimeout(timer)
    // `entries` restarts the delay on every append.
  }, [unsigned, entries, signNow, state.status])

  const api = useMemo<AuditCheckpointsApi>(
    () => ({
      state,
      ...(current ? { entries: current.entries, signedSize: current.signedSize } : {}),
      signNow,
    }),
    [state, current, signNow],
  )
  return <AuditCheckpointsContext.Provider value={api}>{children}</AuditCheckpointsContext.Provider>
}

export const useAuditCheckpoints = (): AuditCheckpointsApi => useContext(AuditCheckpointsContext)

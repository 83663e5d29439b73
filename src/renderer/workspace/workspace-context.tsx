// The open workspace, for every screen. On first start it creates and opens the demo
// workspace; the Workspace screen creates empty workspaces, switches between them and resets
// the demo. A workspace that cannot be opened (newer version, damaged) is shown as a problem
// and left untouched. Screens read data through the hooks in renderer/data, never Dexie.
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
import { checkRecordsInBackground } from '../data/background-record-check'
import { damagedRecordsProblem, exportRawRecords, type OpenProblem } from '../data/open-workspace'
import {
  demoWorkspaceName,
  openListedWorkspace,
  resetDemoWorkspace,
} from '../data/workspace-lifecycle'
import type { WorkspaceDb } from '../data/workspace-db'
import {
  findUnlistedDatabases,
  loadRegistry,
  newWorkspaceId,
  saveRegistry,
  workspaceEntry,
  type WorkspaceEntry,
  type WorkspaceRegistry,
} from '../data/workspace-registry'

export type WorkspaceState =
  | { status: 'loading'; entry?: WorkspaceEntry }
  | { status: 'open'; entry: WorkspaceEntry; db: WorkspaceDb }
  | { status: 'failed'; entry: WorkspaceEntry; problem: OpenProblem }

export interface WorkspaceApi {
  state: WorkspaceState
  registry: WorkspaceRegistry
  switchTo(id: string): Promise<void>
  createEmpty(name: string): Promise<void>
  createDemo(): Promise<void>
  resetDemo(): Promise<void>
  /** The raw records of a workspace's database as JSON text (for support). */
  exportRaw(entry: WorkspaceEntry): Promise<string>
  /** The outcome of the last workspace action, kept here so it survives the screen reopening. */
  notice: string
  setNotice(message: string): void
}

const WorkspaceContext = createContext<WorkspaceApi | null>(null)

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))

export function WorkspaceProvider({ children }: { children: ReactNode }) {
  const [registry, setRegistry] = useState<WorkspaceRegistry>({ entries: [] })
  const [state, setState] = useState<WorkspaceState>({ status: 'loading' })
  const [notice, setNotice] = useState('')
  const current = useRef<WorkspaceDb | undefined>(undefined)
  const checking = useRef<AbortController | undefined>(undefined)
  const started = useRef(false)

  const commit = useCallback((next: WorkspaceRegistry) => {
    saveRegistry(next)
    setRegistry(next)
  }, [])

  // Opening checks a sample of the records; every record is then checked in the background,
  // and damage found there closes the workspace and shows it as a problem, as at open.
  const checkInBackground = useCallback((entry: WorkspaceEntry, db: WorkspaceDb) => {
    const controller = new AbortController()
    checking.current = controller
    void checkRecordsInBackground(db, { signal: controller.signal }).then((result) => {
      if (controller.signal.aborted || current.current !== db || result === 'interrupted') return
      // For the benchmark (test/bench/workspace-evidence.mjs): when every record was checked.
      if (typeof performance.mark === 'function')
        performance.mark('evw:records-checked', { detail: { damaged: result.damaged.length } })
      if (result.damaged.length === 0) return
      db.close()
      current.current = undefined
      setState({ status: 'failed', entry, problem: damagedRecordsProblem(result.damaged) })
    })
  }, [])

  const open = useCallback(
    async (entry: WorkspaceEntry) => {
      checking.current?.abort()
      checking.current = undefined
      current.current?.close()
      current.current = undefined
      setState({ status: 'loading', entry })
      let result
      try {
        result = await openListedWorkspace(entry)
      } catch (e) {
        result = {
          ok: false as const,
          problem: {
            kind: 'unavailable' as const,
            message: 'This workspace could not be prepared.',
            advice: 'Try again, or open another workspace.',
            details: [describe(e)],
            readable: true,
          },
        }
      }
      if (result.ok) {
        current.current = result.db
        setState({ status: 'open', entry, db: result.db })
        checkInBackground(entry, result.db)
      } else setState({ status: 'failed', entry, problem: result.problem })
    },
    [checkInBackground],
  )

  useEffect(() => {
    if (started.current) return
    started.current = true
    void (async () => {
      let reg = loadRegistry()
      const found = await findUnlistedDatabases(reg)
      if (found.length > 0) reg = { ...reg, entries: [...reg.entries, ...found] }
      if (reg.entries.length === 0) {
        const demo = workspaceEntry('demo', demoWorkspaceName, true, new Date().toISOString())
        reg = { entries: [demo], activeId: demo.id }
      }
      const active = reg.entries.find((e) => e.id === reg.activeId) ?? reg.entries[0]
      if (!active) return
      reg = { ...reg, activeId: active.id }
      commit(reg)
      await open(active)
    })()
  }, [commit, open])

  useEffect(
    () => () => {
      checking.current?.abort()
      current.current?.close()
    },
    [],
  )

  // A notice belongs to the screen it was shown on: moving to another screen clears it.
  useEffect(() => {
    const clear = () => setNotice('')
    window.addEventListener('hashchange', clear)
    return () => window.removeEventListener('hashchange', clear)
  }, [])

  const switchTo = useCallback(
    async (id: string) => {
      const entry = registry.entries.find((e) => e.id === id)
      if (!entry) return
      commit({ ...registry, activeId: id })
      await open(entry)
    },
    [registry, commit, open],
  )

  const add = useCallback(
    async (entry: WorkspaceEntry) => {
      commit({ entries: [...registry.entries, entry], activeId: entry.id })
      await open(entry)
    },
    [registry, commit, open],
  )

  const createEmpty = useCallback(
    (name: string) =>
      add(workspaceEntry(newWorkspaceId('ws'), name.trim(), false, new Date().toISOString())),
    [add],
  )

  const createDemo = useCallback(() => {
    const demos = registry.entries.filter((e) => e.isDemo).length
    const name = demos === 0 ? demoWorkspaceName : `${demoWorkspaceName} ${demos + 1}`
    return add(workspaceEntry(newWorkspaceId('demo'), name, true, new Date().toISOString()))
  }, [registry, add])

  const resetDemo = useCallback(async () => {
    if (state.status !== 'open' || !state.entry.isDemo) {
      throw new Error('Only an open demo workspace can be reset.')
    }
    await resetDemoWorkspace(state.db)
  }, [state])

  const api = useMemo<WorkspaceApi>(
    () => ({
      state,
      registry,
      switchTo,
      createEmpty,
      createDemo,
      resetDemo,
      exportRaw: (entry) => exportRawRecords(entry.dbName),
      notice,
      setNotice,
    }),
    [state, registry, switchTo, createEmpty, createDemo, resetDemo, notice],
  )
  return <WorkspaceContext.Provider value={api}>{children}</WorkspaceContext.Provider>
}

export function useWorkspace(): WorkspaceApi {
  const api = useContext(WorkspaceContext)
  if (!api) throw new Error('useWorkspace needs a WorkspaceProvider')
  return api
}

/**
 * The open workspace's database. Only for components rendered inside WorkspaceGate (every
 * workspace screen is), which shows a loading or problem screen until it is open.
 */
export function useWorkspaceDb(): WorkspaceDb {
  const { state } = useWorkspace()
  if (state.status !== 'open') throw new Error('useWorkspaceDb: no workspace is open')
  return state.db
}

// The open workspace database for the packet screens, from the workspace provider
// (src/renderer/workspace). The packets, the evidence library and the readiness matrix all
// read the same database.
import type { WorkspaceDb } from '../data/workspace-db'
import { useWorkspace } from '../workspace/workspace-context'

export type PacketsDbState =
  | { status: 'opening' }
  | { status: 'ready'; db: WorkspaceDb }
  | { status: 'failed'; message: string; advice: string }

export function usePacketsDb(): PacketsDbState {
  const { state } = useWorkspace()
  if (state.status === 'open') return { status: 'ready', db: state.db }
  if (state.status === 'failed') {
    return { status: 'failed', message: state.problem.message, advice: state.problem.advice }
  }
  return { status: 'opening' }
}

/** Who a save is recorded as, until identities arrive. */
export const LOCAL_USER = 'local user'

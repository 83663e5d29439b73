// The line under the navigation that says which workspace is open, with the way to switch;
// for the demo workspace a clearly coloured banner, "Demo workspace — sample data", on every
// screen while it is open.
import { useWorkspace } from './workspace-context'
import './workspace.css'

export function WorkspaceBanner() {
  const { state } = useWorkspace()
  if (state.status !== 'open') return null
  if (!state.entry.isDemo) {
    return (
      <div className="ws-current-bar">
        <p>
          Workspace: <strong>{state.entry.name}</strong>
          <a href="#/workspace">Switch or create workspaces</a>
        </p>
      </div>
    )
  }
  return (
    <div className="ws-demo-banner" data-testid="demo-banner">
      <p>
        <strong>Demo workspace — sample data</strong>
        <span>Fictional partner sources, packets and evidence to try the workbench with.</span>
        <a href="#/workspace">Manage workspaces</a>
      </p>
    </div>
  )
}

// The workspace screens, chosen by their route (workspace/workspace-routes.ts).
import type { WorkspaceRoute } from '../workspace/workspace-routes'
import { ReadinessScreen } from './ReadinessScreen'
import { SourcesFormScreen } from './SourcesFormScreen'
import { SourcesScreen } from './SourcesScreen'
import { WorkspaceHomeScreen } from './WorkspaceHomeScreen'
import { WorkspaceScreen } from './WorkspaceScreen'

export function WorkspaceScreens({ route }: { route: WorkspaceRoute }) {
  switch (route.view) {
    case 'home':
      return <WorkspaceHomeScreen />
    case 'workspace':
      return <WorkspaceScreen />
    case 'sources':
      return <SourcesScreen />
    case 'source-new':
      return <SourcesFormScreen />
    case 'source-edit':
      return <SourcesFormScreen key={route.id} id={route.id} />
    case 'readiness':
      return <ReadinessScreen />
  }
}

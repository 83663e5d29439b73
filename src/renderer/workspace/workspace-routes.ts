// Hash routes of the workspace screens: #/ (home), #/workspace, #/sources, #/sources/new,
// #/sources/<id>/edit, #/readiness. routing.ts delegates these paths here.
export type WorkspaceRoute =
  | { view: 'home' }
  | { view: 'workspace' }
  | { view: 'sources' }
  | { view: 'source-new' }
  | { view: 'source-edit'; id: string }
  | { view: 'readiness' }

export const workspaceHrefs = {
  home: '#/',
  workspace: '#/workspace',
  sources: '#/sources',
  readiness: '#/readiness',
} as const

export function parseWorkspaceRoute(path: string): WorkspaceRoute | undefined {
  if (path === '' || path === '/' || path === '/home') return { view: 'home' }
  if (path === '/workspace') return { view: 'workspace' }
  if (path === '/sources') return { view: 'sources' }
  if (path === '/sources/new') return { view: 'source-new' }
  if (path === '/readiness') return { view: 'readiness' }
  const m = /^\/sources\/([^/?]+)\/edit$/.exec(path)
  if (m?.[1]) {
    try {
      return { view: 'source-edit', id: decodeURIComponent(m[1]) }
    } catch {
      return undefined
    }
  }
  return undefined
}

export function workspaceScreenTitle(route: WorkspaceRoute): string {
  switch (route.view) {
    case 'home':
      return 'Home'
    case 'workspace':
      return 'Workspaces'
    case 'sources':
      return 'Partner sources'
    case 'source-new':
      return 'Add a partner source'
    case 'source-edit':
      return 'Edit partner source'
    case 'readiness':
      return 'Readiness matrix'
  }
}

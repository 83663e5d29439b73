// The packet screens behind #/packets…: opens the workspace database once and shows the list,
// the new-packet form, the editor, the history or the CNIL PIA import.
import type { PacketRoute } from '../packets/packet-routes'
import { usePacketsDb } from '../packets/use-packets-db'
import '../packets/packets.css'
import { PacketEditorScreen } from './PacketEditorScreen'
import { PacketHistoryScreen } from './PacketHistoryScreen'
import { PacketImportScreen } from './PacketImportScreen'
import { PacketReviewScreen } from './PacketReviewScreen'
import { PacketNewScreen, PacketsScreen } from './PacketsScreen'

export function packetScreenTitle(route: PacketRoute): string {
  switch (route.view) {
    case 'list':
      return 'Packets'
    case 'new':
      return 'New packet'
    case 'import':
      return 'Import from CNIL PIA'
    case 'editor':
      return `Packet ${route.id}`
    case 'history':
      return `History of ${route.id}`
    case 'review':
      return `Pre-sync review of ${route.id}`
  }
}

export function PacketScreens({ route }: { route: PacketRoute }) {
  const state = usePacketsDb()
  if (state.status === 'opening') return <h1 tabIndex={-1}>Opening the workspace…</h1>
  if (state.status === 'failed') {
    return (
      <>
        <h1 tabIndex={-1}>Packets</h1>
        <div className="error-box" role="alert">
          <p>{state.message}</p>
          <p>{state.advice}</p>
        </div>
      </>
    )
  }
  const db = state.db
  switch (route.view) {
    case 'list':
      return <PacketsScreen db={db} filters={route} />
    case 'new':
      return <PacketNewScreen db={db} template={route.template} source={route.source} />
    case 'import':
      return <PacketImportScreen db={db} />
    case 'editor':
      return <PacketEditorScreen key={route.id} db={db} id={route.id} />
    case 'history':
      return <PacketHistoryScreen db={db} id={route.id} from={route.from} to={route.to} />
    case 'review':
      return <PacketReviewScreen key={route.id} db={db} id={route.id} />
  }
}

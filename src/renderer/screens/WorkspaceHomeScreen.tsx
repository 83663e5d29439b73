// Home: the open workspace at a glance — partner-source readiness, evidence expiring soon or
// expired, and the packets changed most recently — with the way to each screen.
import { readinessHeadline } from '../../core/workspace/readiness'
import {
  useEvidenceExpiry,
  useReadiness,
  useRecentPackets,
  useWorkspaceMeta,
} from '../data/workspace-hooks'
import { WorkspaceBadge } from '../workspace/WorkspaceBadge'
import { packetHref } from '../workspace/readiness-view'
import '../workspace/workspace.css'

export function WorkspaceHomeScreen() {
  const meta = useWorkspaceMeta()
  const readiness = useReadiness()
  const expiry = useEvidenceExpiry(30)
  const recent = useRecentPackets(5)

  return (
    <>
      <h1 tabIndex={-1}>{meta ? meta.name : 'Workspace'}</h1>
      <p className="lede">
        Partner-source readiness, evidence that needs renewing and recent packets in this workspace.
        To check a bundle someone sent you, go to <a href="#/verify">Verify</a>.
      </p>
      <ul className="ws-stats">
        <li>
          <section className="panel" aria-labelledby="home-ready">
            <h2 id="home-ready">Partner sources</h2>
            <span className="ws-stat-number">
              {readiness ? readinessHeadline(readiness.ready, readiness.total) : '…'}
            </span>
            <p>
              <a href="#/readiness">Readiness matrix</a> · <a href="#/sources">Register</a>
            </p>
          </section>
        </li>
        <li>
          <section className="panel" aria-labelledby="home-expiry">
            <h2 id="home-expiry">Evidence expiry</h2>
            <span className="ws-stat-number">
              {expiry ? `${expiry.expiringSoon.length} expiring within 30 days` : '…'}
            </span>
            <p>
              {expiry
                ? `${expiry.expired.length} expired · ${expiry.total} evidence items in all`
                : ''}
            </p>
            <p>
              <a href="#/evidence">Evidence library</a>
            </p>
          </section>
        </li>
      </ul>
      <section className="panel" aria-labelledby="home-recent">
        <h2 id="home-recent">Recently changed packets</h2>
        {!recent ? (
          <p role="status">Loading…</p>
        ) : recent.length === 0 ? (
          <p>No packets yet.</p>
        ) : (
          <table className="ws-table">
            <thead>
              <tr>
                <th scope="col">Packet</th>
                <th scope="col">Status</th>
                <th scope="col">Changed</th>
              </tr>
            </thead>
            <tbody>
              {recent.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <a href={packetHref(p.id)}>{p.title}</a>
                  </th>
                  <td>
                    <WorkspaceBadge state={p.status} />
                  </td>
                  <td>{p.updatedAt.slice(0, 10)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  )
}

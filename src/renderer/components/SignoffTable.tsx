// Who signed off, in which role, with what decision, and whether each signature verifies.
import type { SignoffSummary } from '../../core/bundle/report'
import type { PacketTemplate } from '../../core/templates/template-model'
import { formatTime, roleLabel, shortKeyId } from '../verify/report-view'
import { Icon } from './Icon'

interface SignoffTableProps {
  signoffs: SignoffSummary[]
  template: PacketTemplate | undefined
}

export function SignoffTable({ signoffs, template }: SignoffTableProps) {
  const required = template?.signoffRoles.filter((r) => r.required) ?? []
  return (
    <section className="panel" aria-labelledby="signoffs-title">
      <h2 id="signoffs-title">Sign-offs</h2>
      {required.length > 0 ? (
        <p className="muted">
          This template needs approval from: {required.map((r) => r.label).join(', ')}.
        </p>
      ) : null}
      {signoffs.length === 0 ? (
        <p>The bundle carries no sign-offs.</p>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Role</th>
                <th scope="col">Decision</th>
                <th scope="col">Signed by</th>
                <th scope="col">Signed</th>
                <th scope="col">Signature</th>
              </tr>
            </thead>
            <tbody>
              {signoffs.map((s, i) => (
                <tr key={i}>
                  <th scope="row">
                    {roleLabel(template, s.role)}
                    <span className="mono muted block">{s.role}</span>
                  </th>
                  <td>
                    <span className={`tag tag-${s.decision === 'approve' ? 'ok' : 'bad'}`}>
                      <Icon name={s.decision === 'approve' ? 'check' : 'cross'} />
                      {s.decision === 'approve' ? 'Approved' : 'Rejected'}
                    </span>
                    {s.comment ? <span className="block comment">“{s.comment}”</span> : null}
                  </td>
                  <td>
                    {s.signer}
                    <span className="mono muted block">{shortKeyId(s.keyid)}</span>
                  </td>
                  <td>
                    <time dateTime={s.time}>{formatTime(s.time)}</time>
                  </td>
                  <td>
                    <span className={`tag tag-${s.valid ? 'ok' : 'bad'}`}>
                      <Icon name={s.valid ? 'check' : 'cross'} />
                      {s.valid ? 'Valid' : 'Does not verify'}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}

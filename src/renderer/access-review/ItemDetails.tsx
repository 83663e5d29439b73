// The active item of the list: its facts, every decision on it, and the change confirmations.
import type { ChangeConfirmation, Decision, ReviewItem } from '../../core/access-review'
import { Fact } from './Fact'
import { when } from './review-text'
import { OUTCOME_LABELS } from './review-view'

export function ItemDetails({
  item,
  decisions,
  confirmations,
}: {
  item: ReviewItem
  decisions: readonly Decision[]
  confirmations: readonly ChangeConfirmation[]
}) {
  const history = decisions.filter((d) => d.itemId === item.id)
  const confirms = confirmations.filter((c) => c.itemId === item.id)
  return (
    <section className="panel ar-item-details" aria-labelledby="ar-item-title">
      <h3 id="ar-item-title">
        {item.login}: {item.entitlement} in {item.application}
      </h3>
      <dl className="facts">
        <dt>Identity type</dt>
        <dd>{item.identityType}</dd>
        <Fact term="Description" value={item.description} />
        <Fact term="Manager" value={item.manager} />
        <Fact term="Owner" value={item.owner} />
        <dt>Source line</dt>
        <dd>{item.line}</dd>
        <dt>Decisions</dt>
        <dd>
          {history.length === 0 ? (
            'none yet'
          ) : (
            <ol className="ar-history">
              {history.map((d, i) => (
                <li key={i}>
                  {OUTCOME_LABELS[d.outcome]} by {d.actor} at {when(d.at)}
                  {d.via === 'no-response-default' ? ' (no-response default)' : ''}
                  {d.justification ? `: “${d.justification}”` : ''}
                </li>
              ))}
            </ol>
          )}
        </dd>
        <Fact
          term="Change confirmed"
          value={
            confirms.length > 0
              ? confirms.map((c) => `${c.reference} by ${c.actor} at ${when(c.at)}`).join('; ')
              : null
          }
        />
      </dl>
    </section>
  )
}

// Closing a campaign: why it cannot close yet, the owner's explicit no-response default (with a
// confirmation step), and the close itself.
import { useEffect, useMemo, useRef, useState } from 'react'
import {
  checkClose,
  noResponseDecisions,
  type Decision,
  type ReviewItem,
} from '../../core/access-review'
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'
import type { WorkspaceDb } from '../data/workspace-db'
import {
  ActionButton,
  ActionProgress,
  AlertLine,
  useAction,
  useFocusBackAfter,
} from './ActionPanel'
import { applyNoResponseDefault, closeCampaign } from './review-store'
import { plural, when } from './review-text'

export function CloseSection({
  campaign,
  items,
  decisions,
  canAct,
  actor,
  db,
}: {
  campaign: ReviewCampaignRecord
  items: readonly ReviewItem[]
  decisions: readonly Decision[]
  canAct: boolean
  actor: string
  db: WorkspaceDb
}) {
  const check = useMemo(() => checkClose(items, decisions), [items, decisions])
  const preview = useMemo(
    () => noResponseDecisions(items, decisions, campaign, actor, new Date().toISOString()),
    [items, decisions, campaign, actor],
  )
  const [confirming, setConfirming] = useState(false)
  const [message, setMessage] = useState('')
  const action = useAction()
  const { error, busy, run } = action
  const confirmRef = useRef<HTMLButtonElement>(null)
  const isOwner = actor === campaign.owner || actor.startsWith(`${campaign.owner} (`)
  const open = campaign.status === 'open'
  const pending = preview.decisions.length + preview.refused.length

  useEffect(() => {
    if (confirming) confirmRef.current?.focus()
  }, [confirming])
  useFocusBackAfter(busy, confirmRef)

  const applyDefault = () =>
    run(
      undefined,
      async (work) => {
        const r = await applyNoResponseDefault(db, campaign.id, actor, new Date(), work)
        setConfirming(false)
        setMessage(
          `Applied the no-response default (${campaign.noResponseDefault}) to ${plural(r.applied, 'item')}.` +
            (r.refused > 0
              ? ` ${plural(r.refused, 'item')} privileged or stale ${r.refused === 1 ? 'needs' : 'need'} a person's decision.`
              : ''),
        )
      },
      () => setMessage('Cancelled: the no-response default was not applied to any item.'),
    )

  const close = () =>
    run(undefined, async () => {
      await closeCampaign(db, campaign.id, actor)
      setMessage(`${campaign.name} is closed; its decisions can no longer change.`)
    })

  return (
    <section className="panel ar-section" aria-labelledby="ar-close-title">
      <h2 id="ar-close-title">Close the campaign</h2>
      <p role="status">{message}</p>
      {!open ? (
        <p>
          Closed {when(campaign.closedAt ?? '')} by {campaign.closedBy}. Change confirmations can
          still be added.
        </p>
      ) : check.canClose ? (
        <>
          <p>Every item has a keep, revoke or modify decision: the campaign can close.</p>
          {canAct ? (
            <ActionButton busy={busy} primary onClick={close}>
              Close campaign
            </ActionButton>
          ) : null}
        </>
      ) : (
        <>
          <p>The campaign cannot close yet:</p>
          <ul>
            {check.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
          {pending > 0 && canAct ? (
            isOwner ? (
              confirming ? (
                <div className="ar-confirm" role="group" aria-labelledby="ar-default-q">
                  <p id="ar-default-q">
                    Record “{campaign.noResponseDefault}” as the decision for{' '}
                    {plural(preview.decisions.length, 'undecided or unsure item')}, each marked as
                    the no-response default with the due date in its justification?
                    {preview.refused.length > 0
                      ? ` ${plural(preview.refused.length, 'item')} privileged or stale will stay open: a keep default never covers them.`
                      : ''}
                  </p>
                  <div className="ar-actions">
                    <button
                      ref={confirmRef}
                      type="button"
                      className="button button-primary"
                      disabled={busy || preview.decisions.length === 0}
                      onClick={() => void applyDefault()}
                    >
                      Apply to {plural(preview.decisions.length, 'item')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={busy}
                      onClick={() => setConfirming(false)}
                    >
                      Cancel
                    </button>
                  </div>
                  <ActionProgress
                    id="ar-default"
                    label="No-response default progress"
                    state={action}
                    starting={`Recording the default for ${plural(preview.decisions.length, 'item')}…`}
                  />
                </div>
              ) : (
                <button type="button" className="button" onClick={() => setConfirming(true)}>
                  Apply the no-response default to the {plural(pending, 'undecided item')}
                </button>
              )
            ) : (
              <p>Only the owner ({campaign.owner}) can apply the no-response default.</p>
            )
          ) : null}
        </>
      )}
      <AlertLine error={error} />
    </section>
  )
}

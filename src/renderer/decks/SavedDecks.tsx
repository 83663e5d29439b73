// The decks kept in the workspace, as a table: title, event, demo date, last update, the Demo
// deck packet made from it, and whether it is ready to render (or how many problems the draft
// still has). Open loads a deck into the builder below, Duplicate saves a copy and opens it,
// Delete asks first. A record that cannot be opened is listed as damaged with its id and why,
// and can only be deleted.
import { useState, type RefObject } from 'react'
import { WorkspaceConfirm } from '../workspace/WorkspaceConfirm'
import { packetHrefs } from '../packets/packet-routes'
import type { StoredDeck } from './deck-store'

const when = (iso: string) => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })
}

const titleOf = (d: StoredDeck) =>
  d.ok ? d.record.deck.title.trim() || 'Untitled deck' : `Damaged deck ${d.id}`

export function SavedDecks({
  decks,
  currentId,
  busy,
  headingRef,
  onOpen,
  onDuplicate,
  onDelete,
  onNew,
}: {
  decks: StoredDeck[] | undefined
  currentId: string | undefined
  busy: boolean
  headingRef: RefObject<HTMLHeadingElement | null>
  onOpen: (id: string) => void
  onDuplicate: (id: string) => void
  onDelete: (id: string) => void
  onNew: () => void
}) {
  const [confirm, setConfirm] = useState<StoredDeck>()
  const idOf = (d: StoredDeck) => (d.ok ? d.record.id : d.id)
  return (
    <section className="panel saved-decks" aria-labelledby="saved-decks-title">
      <h2 id="saved-decks-title" tabIndex={-1} ref={headingRef}>
        Saved decks {decks ? <span className="count">({decks.length})</span> : null}
      </h2>
      <p className="muted">
        Decks are kept in this workspace. The deck you are editing is saved automatically two
        seconds after you stop typing, when you open another deck and when you leave this screen,
        even while it still has problems; Save deck saves it at once.
      </p>
      {!decks ? (
        <p className="muted">Loading…</p>
      ) : decks.length === 0 ? (
        <p>No saved decks yet. The deck below is saved as soon as you change it.</p>
      ) : (
        <div className="table-scroll">
          <table className="saved-decks-table">
            <thead>
              <tr>
                <th scope="col">Deck</th>
                <th scope="col">Event</th>
                <th scope="col">Demo date</th>
                <th scope="col">Updated</th>
                <th scope="col">Packet</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {decks.map((d) => {
                const id = idOf(d)
                const current = id === currentId
                const title = titleOf(d)
                return (
                  <tr
                    key={id}
                    aria-current={current ? 'true' : undefined}
                    className={d.ok ? undefined : 'is-damaged'}
                  >
                    <th scope="row">
                      {title}
                      <div className="mono muted">{id}</div>
                    </th>
                    {d.ok ? (
                      <>
                        <td>{d.record.deck.event}</td>
                        <td>{d.record.deck.date}</td>
                        <td>
                          <time dateTime={d.record.updatedAt}>{when(d.record.updatedAt)}</time>
                        </td>
                        <td>
                          {d.record.packetId ? (
                            <a href={packetHrefs.packet(d.record.packetId)} className="mono">
                              {d.record.packetId}
                            </a>
                          ) : (
                            <span className="muted">None yet</span>
                          )}
                        </td>
                        <td>
                          {d.problems.length === 0 ? (
                            <span className="tag tag-ok">Ready</span>
                          ) : (
                            <span className="tag tag-draft">
                              Draft: {d.problems.length} problem
                              {d.problems.length === 1 ? '' : 's'}
                            </span>
                          )}
                        </td>
                      </>
                    ) : (
                      <td colSpan={5}>
                        <span className="tag tag-bad">Damaged</span> This record cannot be opened:{' '}
                        {d.problem}. Delete it; nothing else in the workspace depends on it.
                      </td>
                    )}
                    <td>
                      <div className="row-actions">
                        {d.ok &&
                          (current ? (
                            <span className="muted">Editing below</span>
                          ) : (
                            <button
                              type="button"
                              className="button button-small"
                              disabled={busy}
                              onClick={() => onOpen(id)}
                            >
                              Open<span className="visually-hidden"> “{title}”</span>
                            </button>
                          ))}
                        {d.ok && (
                          <button
                            type="button"
                            className="button button-small"
                            disabled={busy}
                            onClick={() => onDuplicate(id)}
                          >
                            Duplicate<span className="visually-hidden"> “{title}”</span>
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy}
                          onClick={() => setConfirm(d)}
                        >
                          Delete<span className="visually-hidden"> “{title}”</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="deck-actions">
        <button type="button" className="button" disabled={busy} onClick={onNew}>
          New deck from the demo script
        </button>
      </div>
      <WorkspaceConfirm
        open={confirm !== undefined}
        title={confirm ? `Delete “${titleOf(confirm)}”?` : 'Delete the deck?'}
        confirmLabel="Delete deck"
        onConfirm={() => {
          if (confirm) onDelete(idOf(confirm))
          setConfirm(undefined)
        }}
        onCancel={() => setConfirm(undefined)}
      >
        <p>
          The saved deck is removed from this workspace; the audit log records the deletion. PDFs
          you exported and any Demo deck packet made from it are kept.
        </p>
      </WorkspaceConfirm>
    </section>
  )
}

// The demo deck builder (#/decks): the decks saved in this workspace (Open, Duplicate, Delete)
// and the builder for one deck: a title and the demo steps, prefilled from the sprint's demo
// script; per step the packets it draws on, screenshots from the evidence library and KPIs
// (target vs actual). The deck being edited is saved automatically (two seconds after the last
// change, when another deck is opened, when the screen is left or the window hidden), drafts
// with problems included, and "Save deck" saves at once; every save is an audit entry.
// "Preview" renders the deck PDF and shows its slides with pdf.js; "Export deck PDF" saves it;
// the release notes (Markdown or PDF) list the chosen packets with their signers, digests and
// changes. Rendering reports progress per slide and Cancel stops it. Saved exports are logged.
import { useLiveQuery } from 'dexie-react-hooks'
import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import {
  KPI_COMPARATORS,
  COMPARATOR_WORDS,
  validateDeck,
  type DeckKpi,
  type DeckModel,
  type DeckProblem,
  type DeckStep,
  type KpiComparator,
} from '../../core/deck/deck-model'
import { deckFromDemoScript } from '../../core/deck/demo-script'
import { utf8 } from '../../core/encoding/bytes'
import {
  isSlideImage,
  loadDeckImages,
  loadPacketDigests,
  loadReleaseNotes,
} from '../decks/deck-data'
import {
  deleteDeck,
  duplicateDeck,
  getDeck,
  listDecks,
  newDeckId,
  saveDeck,
  type DeckSaveKind,
} from '../decks/deck-store'
import { SavedDecks } from '../decks/SavedDecks'
import type { PdfHandle } from '../evidence/pdf-render'
import { useHost } from '../host/host-context'
import { actorLabel, useActor } from '../identity/actor'
import { packetHrefs } from '../packets/packet-routes'
import { WorkProgress } from '../packets/WorkProgress'
import { logExport } from '../pdf/export-log'
import { useWorkspaceDb } from '../workspace/workspace-context'
import '../decks/decks.css'

type Job = 'preview' | 'deck' | 'notes-md' | 'notes-pdf' | 'packet'
const JOB_LABELS: Record<Job, string> = {
  preview: 'Rendering the preview',
  deck: 'Exporting the deck PDF',
  'notes-md': 'Exporting the release notes (Markdown)',
  'notes-pdf': 'Exporting the release notes (PDF)',
  packet: 'Creating the Demo deck packet',
}

/** How long after the last change the deck being edited is saved. */
export const AUTOSAVE_MS = 2000

const today = () => new Date().toISOString().slice(0, 10)
const fileBase = (deck: DeckModel) =>
  (deck.title.trim() || 'demo-deck')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'demo-deck'
const describe = (e: unknown) => (e instanceof Error ? e.message : String(e))
const isAbort = (e: unknown) => e instanceof Error && e.name === 'AbortError'
/** "14:03:22" today; "2026-11-23 14:03:22" on an earlier day (an opened deck's last save). */
const clock = (iso: string) => {
  const time = new Date(iso).toLocaleTimeString('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  const day = new Date(iso).toLocaleDateString('en-CA')
  return day === new Date().toLocaleDateString('en-CA') ? time : `${day} ${time}`
}

/** The deck open in the builder; `key` changes on every open so the form starts afresh. */
interface Session {
  key: number
  id: string
  deck: DeckModel
  packetId?: string
  updatedAt?: string
  /** Move focus to the editor's heading when it appears (after Open, Duplicate, New). */
  focus?: boolean
}

const freshSession = (key: number, focus = false): Session => ({
  key,
  focus,
  id: newDeckId(),
  deck: deckFromDemoScript(today()),
})

export function DeckBuilderScreen() {
  const db = useWorkspaceDb()
  const actor = actorLabel(useActor())
  const decks = useLiveQuery(() => listDecks(db), [db])
  /** Undefined until the saved decks are read: then the latest one opens, or a new deck. */
  const [session, setSession] = useState<Session>()
  const [note, setNote] = useState('')
  useEffect(() => {
    if (session || !decks) return
    const latest = decks.find((d) => d.ok)
    if (!latest?.ok) {
      setSession(freshSession(0))
      setNote(
        decks.length > 0
          ? 'No saved deck can be opened; started a new deck from the demo script.'
          : 'No deck is saved yet; started a new deck from the demo script.',
      )
      return
    }
    const { record } = latest
    setSession({
      key: 0,
      id: record.id,
      deck: record.deck,
      updatedAt: record.updatedAt,
      ...(record.packetId ? { packetId: record.packetId } : {}),
    })
    setNote(
      `Opened the most recently updated deck, “${record.deck.title.trim() || 'Untitled deck'}” (${record.id}).`,
    )
  }, [decks, session])
  const [listBusy, setListBusy] = useState(false)
  /** Ids deleted while open: their pending save is dropped, not written back. */
  const deleted = useRef(new Set<string>())
  /** Saves the deck being edited now if it has unsaved changes (set by the editor). */
  const flush = useRef<() => Promise<boolean>>(async () => true)
  const listHeading = useRef<HTMLHeadingElement>(null)
  const editorHeading = useRef<HTMLHeadingElement>(null)

  const guarded = async (work: () => Promise<void>) => {
    setListBusy(true)
    try {
      if (!(await flush.current())) {
        setNote('The deck you are editing could not be saved; see the message by Save deck.')
        return
      }
      await work()
    } catch (e) {
      setNote(describe(e))
    } finally {
      setListBusy(false)
    }
  }

  const open = (id: string) =>
    guarded(async () => {
      const found = await getDeck(db, id)
      if (!found) return setNote(`The deck ${id} is no longer saved; it may have been deleted.`)
      if (!found.ok) return setNote(`The deck ${id} is damaged (${found.problem}); delete it.`)
      const { record } = found
      setSession((s) => ({
        key: (s?.key ?? 0) + 1,
        id: record.id,
        deck: record.deck,
        updatedAt: record.updatedAt,
        focus: true,
        ...(record.packetId ? { packetId: record.packetId } : {}),
      }))
      setNote(`Opened “${record.deck.title}”.`)
    })

  const duplicate = (id: string) =>
    guarded(async () => {
      const copy = await duplicateDeck(db, id, actor)
      setSession((s) => ({
        key: (s?.key ?? 0) + 1,
        id: copy.id,
        deck: copy.deck,
        updatedAt: copy.updatedAt,
        focus: true,
      }))
      setNote(`Saved a copy as “${copy.deck.title}” and opened it.`)
    })

  const remove = async (id: string) => {
    deleted.current.add(id)
    setListBusy(true)
    try {
      await deleteDeck(db, id, actor)
      if (id === session?.id) setSession((s) => freshSession((s?.key ?? 0) + 1))
      setNote(
        id === session?.id
          ? 'Deleted the deck you were editing; the builder now holds a new deck.'
          : `Deleted the deck ${id}.`,
      )
    } catch (e) {
      deleted.current.delete(id)
      setNote(`Could not delete the deck ${id}: ${describe(e)}`)
    } finally {
      setListBusy(false)
      requestAnimationFrame(() => listHeading.current?.focus())
    }
  }

  const startNew = () =>
    guarded(async () => {
      setSession((s) => freshSession((s?.key ?? 0) + 1, true))
      setNote('Started a new deck from the demo script.')
    })

  const isDeleted = useCallback((id: string) => deleted.current.has(id), [])

  return (
    <>
      <h1 tabIndex={-1}>Demo deck</h1>
      <p>
        Build the sprint demo deck: every slide names the signed packet and the screenshot it shows.
        The steps start from the sprint&apos;s demo script; change them as you need.
      </p>
      <SavedDecks
        decks={decks}
        currentId={session?.id}
        busy={listBusy}
        headingRef={listHeading}
        onOpen={(id) => void open(id)}
        onDuplicate={(id) => void duplicate(id)}
        onDelete={(id) => void remove(id)}
        onNew={() => void startNew()}
      />
      <p role="status" className="muted">
        {note}
      </p>
      {session ? (
        <DeckEditor
          key={session.key}
          session={session}
          actor={actor}
          isDeleted={isDeleted}
          flushRef={flush}
          headingRef={editorHeading}
        />
      ) : (
        <p className="muted">Reading the saved decks…</p>
      )}
    </>
  )
}

function DeckEditor({
  session,
  actor,
  isDeleted,
  flushRef,
  headingRef,
}: {
  session: Session
  actor: string
  isDeleted: (id: string) => boolean
  flushRef: RefObject<() => Promise<boolean>>
  headingRef: RefObject<HTMLHeadingElement | null>
}) {
  const db = useWorkspaceDb()
  const host = useHost()
  const [createdPacket, setCreatedPacket] = useState<{ id: string; title: string }>()
  const [deck, setDeck] = useState<DeckModel>(session.deck)
  const [caveatsText, setCaveatsText] = useState(session.deck.caveats.join('\n'))
  const [problems, setProblems] = useState<DeckProblem[]>([])
  const [job, setJob] = useState<Job>()
  const [progress, setProgress] = useState<Progress>()
  const [cancelling, setCancelling] = useState(false)
  const [status, setStatus] = useState('')
  const [preview, setPreview] = useState<PdfHandle>()
  const [saved, setSaved] = useState<{ at?: string; packetId?: string; error?: string }>({
    ...(session.updatedAt ? { at: session.updatedAt } : {}),
    ...(session.packetId ? { packetId: session.packetId } : {}),
  })
  const [saving, setSaving] = useState(false)
  const controller = useRef<AbortController>(undefined)
  const problemsRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (session.focus) headingRef.current?.focus()
  }, [session.focus, headingRef])
  const packets = useLiveQuery(() => db.packets.orderBy('updatedAt').reverse().toArray(), [db])
  const images = useLiveQuery(async () => (await db.evidence.toArray()).filter(isSlideImage), [db])

  useEffect(() => () => void preview?.destroy(), [preview])

  const model = (): DeckModel => ({
    ...deck,
    caveats: caveatsText
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  })

  const updateStep = (i: number, change: Partial<DeckStep>) =>
    setDeck((d) => ({ ...d, steps: d.steps.map((s, k) => (k === i ? { ...s, ...change } : s)) }))
  const moveStep = (i: number, by: number) =>
    setDeck((d) => {
      const steps = [...d.steps]
      const [s] = steps.splice(i, 1)
      steps.splice(i + by, 0, s!)
      return { ...d, steps }
    })

  // Saving: `lastSaved` is the JSON of the deck as stored (or as first shown, for a new deck
  // nobody changed yet, which is therefore not written). Refs keep the latest values for the
  // saves that run on a timer, on leaving and on hiding the window.
  const current = model()
  const currentJson = JSON.stringify(current)
  const lastSaved = useRef(currentJson)
  const latest = useRef({ deck: current, json: currentJson, actor })
  latest.current = { deck: current, json: currentJson, actor }
  const dirty = currentJson !== lastSaved.current

  const saveNow = useCallback(
    async (how: DeckSaveKind): Promise<boolean> => {
      if (isDeleted(session.id)) return true
      const { deck: m, json, actor: who } = latest.current
      if (how === 'autosave' && json === lastSaved.current) return true
      setSaving(true)
      try {
        const { record } = await saveDeck(db, { id: session.id, deck: m }, who, how)
        lastSaved.current = json
        setSaved({
          at: record.updatedAt,
          ...(record.packetId ? { packetId: record.packetId } : {}),
        })
        return true
      } catch (e) {
        setSaved((s) => ({ ...s, error: describe(e) }))
        return false
      } finally {
        setSaving(false)
      }
    },
    [db, session.id, isDeleted],
  )

  // Autosave: two seconds after the last change, valid or not.
  useEffect(() => {
    if (currentJson === lastSaved.current) return
    const t = setTimeout(() => void saveNow('autosave'), AUTOSAVE_MS)
    return () => clearTimeout(t)
  }, [currentJson, saveNow])

  // On leaving the screen or opening another deck (unmount), and when the window is hidden.
  useEffect(() => {
    flushRef.current = () => saveNow('autosave')
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saveNow('autosave')
    }
    const onPageHide = () => void saveNow('autosave')
    document.addEventListener('visibilitychange', onHide)
    window.addEventListener('pagehide', onPageHide)
    return () => {
      document.removeEventListener('visibilitychange', onHide)
      window.removeEventListener('pagehide', onPageHide)
      void saveNow('autosave')
    }
  }, [saveNow, flushRef])

  async function run(which: Job) {
    const m = model()
    const found = validateDeck(m)
    setProblems(found)
    if (found.length) {
      setStatus(
        `The deck has ${found.length} problem${found.length === 1 ? '' : 's'}; fix them first.`,
      )
      requestAnimationFrame(() => problemsRef.current?.focus())
      return
    }
    // Exports and the packet name this deck by id: keep the stored deck equal to what is shown.
    if (!(await saveNow('autosave'))) {
      setStatus('The deck could not be saved, so nothing was exported; see the save message.')
      return
    }
    const ac = new AbortController()
    controller.current = ac
    setJob(which)
    setCancelling(false)
    setProgress({ phase: 'loading the PDF fonts', done: 0, total: 1 })
    setStatus('')
    setCreatedPacket(undefined)
    try {
      if (which === 'notes-md') {
        const notes = await loadReleaseNotes(db, m)
        const { releaseNotesMarkdown } = await import('../../core/deck/release-notes')
        const r = await host.saveFile(
          `${fileBase(m)}-release-notes.md`,
          utf8(releaseNotesMarkdown(notes)),
          {
            kind: 'markdown',
          },
        )
        if (r.saved)
          await logExport(db, {
            document: 'release-notes-md',
            actor,
            fileName: r.name,
            data: utf8(releaseNotesMarkdown(notes)),
            deckId: session.id,
          })
        setStatus(
          r.saved ? `Saved the release notes as ${r.name}.` : 'The release notes were not saved.',
        )
        return
      }
      const { loadPdfFonts } = await import('../pdf/pdf-fonts-loader')
      const fonts = await loadPdfFonts(ac.signal)
      ac.signal.throwIfAborted()
      if (which === 'notes-pdf') {
        setProgress({ phase: 'laying out the release notes', done: 0, total: 1 })
        const notes = await loadReleaseNotes(db, m)
        const { releaseNotesPdf } = await import('../../core/deck/release-notes')
        const bytes = await releaseNotesPdf(notes, fonts)
        ac.signal.throwIfAborted()
        const r = await host.saveFile(`${fileBase(m)}-release-notes.pdf`, bytes, { kind: 'pdf' })
        if (r.saved)
          await logExport(db, {
            document: 'release-notes-pdf',
            actor,
            fileName: r.name,
            data: bytes,
            deckId: session.id,
          })
        setStatus(
          r.saved ? `Saved the release notes as ${r.name}.` : 'The release notes were not saved.',
        )
        return
      }
      setProgress({ phase: 'reading the screenshots', done: 0, total: 1 })
      const shas = [...new Set(m.steps.flatMap((s) => s.screenshots.map((x) => x.sha256)))]
      const deckImages = await loadDeckImages(db, shas, ac.signal)
      const packetDigests = await loadPacketDigests(db, [
        ...new Set(m.steps.flatMap((s) => s.packetIds)),
      ])
      const { renderDeckPdf } = await import('../../core/deck/render-deck-pdf')
      const bytes = await renderDeckPdf({
        deck: m,
        images: deckImages,
        packetDigests,
        fonts,
        signal: ac.signal,
        onProgress: (done, total) => setProgress({ phase: 'laying out the slides', done, total }),
      })
      if (which === 'preview') {
        setProgress({ phase: 'drawing the preview', done: 0, total: 1 })
        const { openPdf } = await import('../evidence/pdf-render')
        const handle = await openPdf(bytes)
        setPreview(handle)
        setStatus(`Preview ready: ${handle.pages} slides. Nothing was saved.`)
      } else if (which === 'packet') {
        setProgress({ phase: 'saving the packet', done: 0, total: 1 })
        const notes = await loadReleaseNotes(db, m)
        const { releaseNotesMarkdown } = await import('../../core/deck/release-notes')
        const { createDeckPacket } = await import('../decks/deck-packet-store')
        ac.signal.throwIfAborted()
        const packet = await createDeckPacket(db, m, {
          pdf: bytes,
          fileName: `${fileBase(m)}.pdf`,
          releaseNotesMarkdown: releaseNotesMarkdown(notes),
          actor,
          deckId: session.id,
        })
        lastSaved.current = JSON.stringify(m)
        setSaved({ at: new Date().toISOString(), packetId: packet.id })
        setCreatedPacket({ id: packet.id, title: packet.title })
        setStatus(
          `Created the draft packet “${packet.title}” with the deck PDF and its screenshots as evidence, and linked it to this saved deck. Review, pack and sign it like any packet.`,
        )
      } else {
        const r = await host.saveFile(`${fileBase(m)}.pdf`, bytes, { kind: 'pdf' })
        if (r.saved)
          await logExport(db, {
            document: 'deck-pdf',
            actor,
            fileName: r.name,
            data: bytes,
            deckId: session.id,
          })
        setStatus(
          r.saved
            ? `Saved the deck as ${r.name} (${Math.round(bytes.length / 1024).toLocaleString('en-GB')} KB).`
            : 'The deck was not saved.',
        )
      }
    } catch (e) {
      setStatus(isAbort(e) || ac.signal.aborted ? 'Cancelled; nothing was saved.' : describe(e))
    } finally {
      setJob(undefined)
      setProgress(undefined)
      controller.current = undefined
    }
  }

  const busy = job !== undefined
  return (
    <section aria-labelledby="deck-editor-title">
      <h2 id="deck-editor-title" tabIndex={-1} ref={headingRef}>
        Editing “{deck.title.trim() || 'Untitled deck'}”
      </h2>
      <div className="deck-save-bar">
        <button
          type="button"
          className="button"
          disabled={saving}
          onClick={() =>
            void saveNow('manual').then(
              (ok) => ok && setStatus(`Saved the deck “${deck.title.trim() || 'Untitled deck'}”.`),
            )
          }
        >
          Save deck
        </button>
        <p className="muted" id="deck-save-state">
          {saving
            ? 'Saving…'
            : dirty
              ? 'Unsaved changes: saved automatically in a moment.'
              : saved.at
                ? `All changes saved at ${clock(saved.at)}.`
                : 'A new deck: it is saved as soon as you change it.'}{' '}
          {saved.packetId && (
            <>
              Demo deck packet: <a href={packetHrefs.packet(saved.packetId)}>{saved.packetId}</a>.
            </>
          )}
        </p>
      </div>
      {saved.error && (
        <p className="error-box" role="alert">
          The deck could not be saved: {saved.error} Your changes are still here; try Save deck
          again.
        </p>
      )}
      <form className="deck-form" onSubmit={(e) => e.preventDefault()} noValidate>
        {problems.length > 0 && (
          <div className="error-box" role="alert" tabIndex={-1} ref={problemsRef}>
            <h2>The deck cannot be made yet</h2>
            <ul>
              {problems.map((p) => (
                <li key={p.path}>{p.message}</li>
              ))}
            </ul>
          </div>
        )}
        <fieldset>
          <legend>Deck</legend>
          <div className="deck-row">
            <TextField
              label="Title"
              value={deck.title}
              onChange={(title) => setDeck({ ...deck, title })}
            />
            <TextField
              label="Event"
              value={deck.event}
              onChange={(event) => setDeck({ ...deck, event })}
            />
            <TextField
              label="Date"
              type="date"
              value={deck.date}
              onChange={(date) => setDeck({ ...deck, date })}
            />
            <TextField
              label="Presenter"
              value={deck.presenter}
              onChange={(presenter) => setDeck({ ...deck, presenter })}
            />
          </div>
        </fieldset>
        {deck.steps.map((step, i) => (
          <StepEditor
            key={i}
            index={i}
            count={deck.steps.length}
            step={step}
            packets={packets?.map((p) => ({ id: p.id, title: p.title })) ?? []}
            images={images?.map((e) => ({ sha256: e.sha256, title: e.title || e.fileName })) ?? []}
            onChange={(c) => updateStep(i, c)}
            onMove={(by) => moveStep(i, by)}
            onRemove={() => setDeck((d) => ({ ...d, steps: d.steps.filter((_, k) => k !== i) }))}
          />
        ))}
        <div className="deck-actions">
          <button
            type="button"
            className="button"
            onClick={() =>
              setDeck((d) => ({
                ...d,
                steps: [
                  ...d.steps,
                  { title: '', notes: '', packetIds: [], screenshots: [], kpis: [] },
                ],
              }))
            }
          >
            Add step
          </button>
        </div>
        <div className="deck-field">
          <label htmlFor="deck-caveats">Caveats</label>
          <p className="ws-hint" id="deck-caveats-hint">
            One per line: what the demo does not show, or where a figure comes from.
          </p>
          <textarea
            id="deck-caveats"
            rows={4}
            aria-describedby="deck-caveats-hint"
            value={caveatsText}
            onChange={(e) => setCaveatsText(e.target.value)}
          />
        </div>
        <div className="deck-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() => void run('preview')}
          >
            Preview
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => void run('deck')}>
            Export deck PDF
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('notes-md')}
          >
            Export release notes (Markdown)
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('notes-pdf')}
          >
            Export release notes (PDF)
          </button>
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() => void run('packet')}
          >
            Create Demo deck packet
          </button>
        </div>
        {job && (
          <WorkProgress
            id="deck-progress"
            label={JOB_LABELS[job]}
            progress={progress}
            starting={`${JOB_LABELS[job]}…`}
            cancelling={cancelling}
            focusCancel
            onCancel={() => {
              setCancelling(true)
              controller.current?.abort()
            }}
          />
        )}
        <p role="status" className="muted">
          {status}
        </p>
        {createdPacket && (
          <p>
            <a href={packetHrefs.packet(createdPacket.id)}>Open “{createdPacket.title}”</a>
          </p>
        )}
      </form>
      {preview && <DeckPreview handle={preview} title={deck.title} />}
    </section>
  )
}

function TextField({
  label,
  value,
  onChange,
  type = 'text',
}: {
  label: string
  value: string
  onChange: (v: string) => void
  type?: string
}) {
  const id = useId()
  return (
    <div className="deck-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type={type} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  )
}

function StepEditor({
  index,
  count,
  step,
  packets,
  images,
  onChange,
  onMove,
  onRemove,
}: {
  index: number
  count: number
  step: DeckStep
  packets: { id: string; title: string }[]
  images: { sha256: string; title: string }[]
  onChange: (c: Partial<DeckStep>) => void
  onMove: (by: number) => void
  onRemove: () => void
}) {
  const id = useId()
  const name = `Step ${index + 1}`
  const togglePacket = (pid: string, on: boolean) =>
    onChange({ packetIds: on ? [...step.packetIds, pid] : step.packetIds.filter((x) => x !== pid) })
  const toggleShot = (sha: string, on: boolean) =>
    onChange({
      screenshots: on
        ? [...step.screenshots, { sha256: sha, caption: '' }]
        : step.screenshots.filter((s) => s.sha256 !== sha),
    })
  const setKpi = (k: number, change: Partial<DeckKpi>) =>
    onChange({ kpis: step.kpis.map((x, j) => (j === k ? { ...x, ...change } : x)) })
  return (
    <fieldset>
      <legend>
        {name}
        {step.title.trim() ? `: ${step.title.trim()}` : ''}
      </legend>
      <div className="deck-row">
        <TextField
          label={`${name} title`}
          value={step.title}
          onChange={(title) => onChange({ title })}
        />
      </div>
      <div className="deck-field">
        <label htmlFor={`${id}-notes`}>{name} notes</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          value={step.notes}
          onChange={(e) => onChange({ notes: e.target.value })}
        />
      </div>
      <div role="group" aria-labelledby={`${id}-packets`}>
        <p className="deck-group-label" id={`${id}-packets`}>
          {name} packets
        </p>
        {packets.length === 0 ? (
          <p className="muted">This workspace has no packets yet.</p>
        ) : (
          <div className="deck-choices">
            {packets.map((p) => (
              <label key={p.id} className="deck-choice">
                <input
                  type="checkbox"
                  checked={step.packetIds.includes(p.id)}
                  onChange={(e) => togglePacket(p.id, e.target.checked)}
                />
                {p.title} <span className="mono muted">{p.id}</span>
              </label>
            ))}
          </div>
        )}
      </div>
      <div role="group" aria-labelledby={`${id}-shots`}>
        <p className="deck-group-label" id={`${id}-shots`}>
          {name} screenshots
        </p>
        {images.length === 0 ? (
          <p className="muted">The evidence library has no PNG or JPEG images.</p>
        ) : (
          <div className="deck-choices">
            {images.map((img) => {
              const chosen = step.screenshots.find((s) => s.sha256 === img.sha256)
              return (
                <div key={img.sha256} className="deck-choice">
                  <label>
                    <input
                      type="checkbox"
                      checked={chosen !== undefined}
                      onChange={(e) => toggleShot(img.sha256, e.target.checked)}
                    />{' '}
                    {img.title} <span className="mono muted">{img.sha256.slice(0, 12)}</span>
                  </label>
                  {chosen && (
                    <input
                      type="text"
                      aria-label={`Caption for ${img.title}`}
                      placeholder="Caption (defaults to the title)"
                      value={chosen.caption}
                      onChange={(e) =>
                        onChange({
                          screenshots: step.screenshots.map((s) =>
                            s.sha256 === img.sha256 ? { ...s, caption: e.target.value } : s,
                          ),
                        })
                      }
                    />
                  )}
                </div>
              )
            })}
          </div>
        )}
      </div>
      <div role="group" aria-labelledby={`${id}-kpis`}>
        <p className="deck-group-label" id={`${id}-kpis`}>
          {name} KPIs
        </p>
        {step.kpis.map((k, j) => (
          <div key={j} className="deck-kpi">
            <label>
              KPI
              <input value={k.label} onChange={(e) => setKpi(j, { label: e.target.value })} />
            </label>
            <label>
              Must be
              <select
                value={k.comparator}
                onChange={(e) => setKpi(j, { comparator: e.target.value as KpiComparator })}
              >
                {KPI_COMPARATORS.map((c) => (
                  <option key={c} value={c}>
                    {COMPARATOR_WORDS[c]} ({c})
                  </option>
                ))}
              </select>
            </label>
            <NumberInput
              label="Target"
              value={k.target}
              onChange={(target) => setKpi(j, { target })}
            />
            <NumberInput
              label="Actual"
              value={k.actual}
              onChange={(actual) => setKpi(j, { actual })}
            />
            <label>
              Unit
              <input value={k.unit} onChange={(e) => setKpi(j, { unit: e.target.value })} />
            </label>
            <button
              type="button"
              className="button"
              onClick={() => onChange({ kpis: step.kpis.filter((_, x) => x !== j) })}
            >
              Remove KPI {j + 1}
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            onChange({
              kpis: [...step.kpis, { label: '', target: 0, actual: 0, unit: '', comparator: '<=' }],
            })
          }
        >
          Add KPI to {name.toLowerCase()}
        </button>
      </div>
      <div className="deck-actions">
        <button type="button" className="button" disabled={index === 0} onClick={() => onMove(-1)}>
          Move {name.toLowerCase()} up
        </button>
        <button
          type="button"
          className="button"
          disabled={index === count - 1}
          onClick={() => onMove(1)}
        >
          Move {name.toLowerCase()} down
        </button>
        <button type="button" className="button" onClick={onRemove}>
          Remove {name.toLowerCase()}
        </button>
      </div>
    </fieldset>
  )
}

/** A number field that keeps what is typed (e.g. "1." on the way to "1.25"). */
function NumberInput({
  label,
  value,
  onChange,
}: {
  label: string
  value: number
  onChange: (n: number) => void
}) {
  const [text, setText] = useState(String(value))
  return (
    <label>
      {label}
      <input
        inputMode="decimal"
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          const n = e.target.value.trim() === '' ? Number.NaN : Number(e.target.value)
          onChange(n)
        }}
      />
    </label>
  )
}

function DeckPreview({ handle, title }: { handle: PdfHandle; title: string }) {
  return (
    <section aria-labelledby="deck-preview-heading">
      <h2 id="deck-preview-heading">Preview: {handle.pages} slides</h2>
      <ol className="deck-preview">
        {Array.from({ length: handle.pages }, (_, i) => (
          <li key={i}>
            <PreviewPage
              handle={handle}
              page={i + 1}
              label={`${title}, slide ${i + 1} of ${handle.pages}`}
            />
          </li>
        ))}
      </ol>
    </section>
  )
}

function PreviewPage({ handle, page, label }: { handle: PdfHandle; page: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null)
  const [failed, setFailed] = useState<string>()
  useEffect(() => {
    if (ref.current) handle.render(page, ref.current, 480).catch((e) => setFailed(describe(e)))
  }, [handle, page])
  return (
    <figure>
      <canvas ref={ref} role="img" aria-label={label} />
      <figcaption>
        {failed ? `Slide ${page} could not be drawn: ${failed}` : `Slide ${page}`}
      </figcaption>
    </figure>
  )
}

// The campaign screen's access-review packet part: once the campaign is closed, "File
// access-review packet" stores the decisions and the gap report as evidence and creates the draft
// packet (review-packet-store.ts), with progress and Cancel while it writes; afterwards, and
// whenever the campaign is already filed, a link opens the packet.
import { useEffect, useId, useRef, useState } from 'react'
import type { Progress } from '../../core/bundle/byte-io'
import type { ReviewCampaignRecord } from '../../core/access-review/review-records'
import type { WorkspaceDb } from '../data/workspace-db'
import { actorLabel, useActor } from '../identity/actor'
import { packetHrefs } from '../packets/packet-routes'
import { WorkProgress } from '../packets/WorkProgress'
import { describeError } from './review-text'

export interface FileReviewPacketProps {
  db: WorkspaceDb
  /** The campaign as stored now (re-read after it closes). */
  campaign: ReviewCampaignRecord
  /** Called with the campaign record once it names its packet. */
  onFiled?: (campaign: ReviewCampaignRecord) => void
}

const isAbort = (e: unknown) => e instanceof DOMException && e.name === 'AbortError'

export function FileReviewPacket({ db, campaign, onFiled }: FileReviewPacketProps) {
  const actor = actorLabel(useActor())
  const headingId = useId()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<Progress>()
  const [cancelling, setCancelling] = useState(false)
  const [problem, setProblem] = useState<string>()
  const [status, setStatus] = useState('')
  const [justFiled, setJustFiled] = useState(false)
  const [packetTitle, setPacketTitle] = useState<string>()
  const controller = useRef<AbortController>(undefined)
  const linkRef = useRef<HTMLAnchorElement>(null)
  const problemRef = useRef<HTMLDivElement>(null)
  const packetId = campaign.packetId

  useEffect(() => {
    let live = true
    if (packetId)
      void db.packets.get(packetId).then((p) => {
        if (live) setPacketTitle(p?.title)
      })
    return () => {
      live = false
    }
  }, [db, packetId])

  useEffect(() => {
    if (justFiled && packetId) linkRef.current?.focus()
  }, [justFiled, packetId])

  useEffect(() => {
    if (problem) problemRef.current?.focus()
  }, [problem])

  useEffect(() => () => controller.current?.abort(), [])

  async function file() {
    const ac = new AbortController()
    controller.current = ac
    setBusy(true)
    setCancelling(false)
    setProblem(undefined)
    setStatus('')
    setProgress(undefined)
    try {
      const { fileReviewPacket } = await import('./review-packet-store')
      const r = await fileReviewPacket(db, campaign.id, actor, new Date(), {
        signal: ac.signal,
        onProgress: setProgress,
      })
      setPacketTitle(r.packet.title)
      setJustFiled(true)
      setStatus(
        `Filed the draft packet “${r.packet.title}” with the frozen inputs, the decisions (CSV and JSON) and the gap report as evidence.`,
      )
      onFiled?.(r.campaign)
    } catch (e) {
      if (isAbort(e) || ac.signal.aborted) setStatus('Cancelled; nothing was filed.')
      else {
        const { AlreadyFiledError } = await import('./review-packet-store')
        if (e instanceof AlreadyFiledError) {
          const current = await db.reviewCampaigns.get(campaign.id)
          if (current) onFiled?.(current)
        }
        setProblem(describeError(e))
      }
    } finally {
      setBusy(false)
      setProgress(undefined)
      controller.current = undefined
    }
  }

  return (
    <section className="panel ar-section review-packet" aria-labelledby={headingId}>
      <h2 id={headingId}>Access-review packet</h2>
      {problem && (
        <div className="error-box" role="alert" tabIndex={-1} ref={problemRef}>
          <p>{problem}</p>
        </div>
      )}
      {packetId ? (
        <>
          <p>
            <a ref={linkRef} href={packetHrefs.packet(packetId)}>
              Open the access-review packet
            </a>
            {packetTitle && <span className="muted"> (“{packetTitle}”)</span>}
          </p>
          <p className="muted">
            In the packet, state the review cadence and confirm that the population is complete,
            then submit it for review, pack it and collect the Security Engineering and Ombuds
            sign-offs. The exported bundle holds the frozen input files, the decisions (CSV and
            JSON), the gap report and the packet PDF.
          </p>
        </>
      ) : campaign.status !== 'closed' ? (
        <p className="muted">Close the campaign to file its access-review packet.</p>
      ) : (
        <>
          <p>
            Filing stores the decisions (CSV and JSON) and the gap report as evidence and creates a
            draft access-review packet holding them with the frozen input files.
          </p>
          <p>
            <button type="button" className="button" disabled={busy} onClick={() => void file()}>
              File access-review packet
            </button>
          </p>
          {busy && (
            <WorkProgress
              id={`${headingId}-progress`}
              label="Filing progress"
              progress={progress}
              starting="Filing the access-review packet…"
              cancelling={cancelling}
              focusCancel
              onCancel={() => {
                setCancelling(true)
                controller.current?.abort()
              }}
            />
          )}
        </>
      )}
      <p role="status" className="muted">
        {status}
      </p>
    </section>
  )
}

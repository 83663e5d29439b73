// Says whether the bundle's packet.pdf is the PDF that was signed (the verifier's policy is
// in src/core/bundle/signed-pdf.ts) and, when it is, saves that PDF for reading.
import { useState } from 'react'
import { readSignedPdf, signedPdf } from '../../core/bundle/signed-pdf'
import type { VerificationReport } from '../../core/bundle/report'
import type { PickedFile } from '../../core/host/host-api'
import { Icon } from '../components/Icon'
import { useHost } from '../host/host-context'
import { platformCrypto } from '../host/platform-crypto'

const HEADINGS = {
  signed: 'Signed PDF: yes',
  'matches-unverified': 'Signed PDF: not shown to be signed',
  changed: 'Signed PDF: changed',
  absent: 'Signed PDF: none in this bundle',
} as const

export function SignedPdfPanel({
  report,
  bundle,
  bundleName,
}: {
  report: VerificationReport
  bundle: PickedFile | null
  bundleName: string
}) {
  const host = useHost()
  const info = signedPdf(report)
  const [busy, setBusy] = useState(false)
  const [note, setNote] = useState<string>()
  const [error, setError] = useState<string>()

  const open = async () => {
    if (!bundle) return
    setBusy(true)
    setNote(undefined)
    setError(undefined)
    try {
      const bytes = await readSignedPdf(bundle.source, await platformCrypto())
      const name = `${bundleName.replace(/\.(evb|zip)$/i, '')}.pdf`
      const result = await host.saveFile(name, bytes, { kind: 'pdf' })
      if (result.saved) {
        setNote(
          `${host.platform === 'browser' ? 'Downloaded' : 'Saved'} the signed PDF as ${result.name}. Open it in any PDF reader.`,
        )
      }
    } catch (e) {
      setError(`Could not save the signed PDF: ${e instanceof Error ? e.message : String(e)}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <section
      className={`panel signed-pdf signed-pdf-${info.state}`}
      aria-labelledby="signed-pdf-title"
    >
      <h2 id="signed-pdf-title">{HEADINGS[info.state]}</h2>
      <p>{info.sentence}</p>
      {info.state === 'signed' && bundle ? (
        <button type="button" className="button" onClick={() => void open()} disabled={busy}>
          <Icon name="file" />
          {busy ? 'Saving the signed PDF…' : 'Open the signed PDF…'}
        </button>
      ) : null}
      <div role="status" aria-live="polite">
        {note ? <p className="muted small">{note}</p> : null}
      </div>
      {error ? (
        <p className="field-error small" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  )
}

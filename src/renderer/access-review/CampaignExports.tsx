// The campaign's exports: decisions as CSV or JSON, and the gap report as JSON.
import { useState } from 'react'
import {
  decisionsCsv,
  decisionsJson,
  gapReportJson,
  type ChangeConfirmation,
  type Decision,
  type GapReport,
} from '../../core/access-review'
import type {
  ReviewCampaignRecord,
  ReviewItemRecord,
} from '../../core/access-review/review-records'
import { utf8 } from '../../core/encoding/bytes'
import type { FileKind } from '../../core/host/host-api'
import { useHost } from '../host/host-context'
import { describeError } from './review-text'
import { fileBase } from './review-view'

export interface CampaignData {
  items: ReviewItemRecord[]
  decisions: Decision[]
  confirmations: ChangeConfirmation[]
}

interface ExportChoice {
  label: string
  /** The file name after the campaign's base name. */
  suffix: string
  kind: FileKind
  text: () => string
}

export function CampaignExports({
  campaign,
  data,
  report,
}: {
  campaign: ReviewCampaignRecord
  data: CampaignData
  report: GapReport
}) {
  const host = useHost()
  const [message, setMessage] = useState('')
  const base = fileBase(campaign.name)
  const items = () => data.items.map(({ campaignId: _campaign, ...item }) => item)
  const choices: ExportChoice[] = [
    {
      label: 'Export decisions CSV',
      suffix: 'decisions.csv',
      kind: 'csv',
      text: () => decisionsCsv(items(), data.decisions, data.confirmations),
    },
    {
      label: 'Export decisions JSON',
      suffix: 'decisions.json',
      kind: 'json',
      text: () => decisionsJson(items(), data.decisions, data.confirmations),
    },
    {
      label: 'Export gap report JSON',
      suffix: 'gap-report.json',
      kind: 'json',
      text: () => gapReportJson(report),
    },
  ]
  const save = async ({ suffix, text, kind }: ExportChoice) => {
    const name = `${base}-${suffix}`
    try {
      const r = await host.saveFile(name, utf8(text()), { kind })
      setMessage(r.saved ? `Saved ${r.name}.` : `${name} was not saved.`)
    } catch (e) {
      setMessage(`${name} could not be saved: ${describeError(e)}`)
    }
  }
  return (
    <section className="panel ar-section" aria-labelledby="ar-export-title">
      <h2 id="ar-export-title">Export</h2>
      <p className="ws-hint">
        Spreadsheet cells that start with =, +, - or @ are written as text, never as formulas.
      </p>
      <div className="ar-actions">
        {choices.map((c) => (
          <button key={c.suffix} type="button" className="button" onClick={() => void save(c)}>
            {c.label}
          </button>
        ))}
      </div>
      <p role="status">{message}</p>
    </section>
  )
}

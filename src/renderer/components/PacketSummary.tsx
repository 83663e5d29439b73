// What the bundle says it is: packet, template, creator, statement digest, size.
import type { VerificationReport } from '../../core/bundle/report'
import type { PacketTemplate } from '../../core/templates/template-model'
import { formatBytes, formatTime, shortKeyId } from '../verify/report-view'

interface PacketSummaryProps {
  report: VerificationReport
  template: PacketTemplate | undefined
}

export function PacketSummary({ report, template }: PacketSummaryProps) {
  const p = report.packet
  return (
    <section className="panel" aria-labelledby="packet-title">
      <h2 id="packet-title">Packet</h2>
      {p ? (
        <dl className="facts">
          <dt>Title</dt>
          <dd>{p.title}</dd>
          <dt>Template</dt>
          <dd>
            {template ? `${template.title} ` : ''}
            <span className="mono">
              {p.template.id}@{p.template.version}
            </span>
          </dd>
          {p.partnerSource ? (
            <>
              <dt>Partner source</dt>
              <dd>{p.partnerSource}</dd>
            </>
          ) : null}
          <dt>Packet id</dt>
          <dd className="mono">{p.packetId}</dd>
          <dt>Revision</dt>
          <dd>{p.revision ?? 1}</dd>
          {p.createdBy ? (
            <>
              <dt>Created by</dt>
              <dd>
                {p.createdBy.name}{' '}
                <span className="mono muted">{shortKeyId(p.createdBy.keyid)}</span>
              </dd>
            </>
          ) : null}
          {p.createdAt ? (
            <>
              <dt>Created</dt>
              <dd>
                <time dateTime={p.createdAt}>{formatTime(p.createdAt)}</time>
              </dd>
            </>
          ) : null}
          <dt>Intact files</dt>
          <dd>
            {report.files === 1
              ? `1 file (${formatBytes(report.bytes)}) matches its signed digest`
              : `${report.files} files (${formatBytes(report.bytes)}) match their signed digests`}
          </dd>
          {report.statementSha256 ? (
            <>
              <dt>Statement SHA-256</dt>
              <dd className="mono break">{report.statementSha256}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted">
          The bundle could not be read far enough to say what packet it holds.
        </p>
      )}
    </section>
  )
}

// Words for the audit screen: action names, one-line summaries of events, and each
// verification problem in plain language with what it means and what to do.
import type { AuditAction, AuditEvent } from '../../core/audit/audit-event'
import type { LogIssue, LogIssueCode } from '../../core/audit/audit-log'

export const ACTION_LABELS: Record<AuditAction, string> = {
  'evidence.added': 'Evidence added',
  'evidence.edited': 'Evidence details edited',
  'packet.created': 'Packet created',
  'packet.edited': 'Packet edited',
  'packet.submitted': 'Packet submitted for review',
  'packet.returned-to-draft': 'Packet returned to draft',
  'packet.revision-started': 'New packet revision started',
  'packet.signed': 'Packet signed',
  'packet.rejected': 'Packet rejected',
  'packet.synced': 'Packet synced',
  'bundle.exported': 'Bundle exported',
  'bundle.verified': 'Bundle verified',
  'bundle.imported': 'Bundle imported',
  'bundle.removed': 'Quarantined bundle deleted',
  'source.created': 'Partner source added',
  'source.edited': 'Partner source edited',
  'source.removed': 'Partner source removed',
  'key.created': 'Signing key created',
  'key.imported': 'Public key imported',
  'key.updated': 'Key roles or validity changed',
  'key.revoked': 'Key revoked',
  'signoff.added': 'Sign-off added',
  'log.exported': 'Audit log exported',
  'review.campaign-created': 'Access review started',
  'review.decided': 'Access decided',
  'review.reassigned': 'Access review item reassigned',
  'review.change-confirmed': 'Access change confirmed',
  'review.closed': 'Access review closed',
  'review.packet-filed': 'Access-review packet filed',
  'deck.saved': 'Demo deck saved',
  'deck.deleted': 'Demo deck deleted',
  'pdf.exported': 'PDF exported',
  'notes.exported': 'Release notes exported',
  'a11y.reviewed': 'Accessibility item decided',
  'a11y.waived': 'Accessibility violation waived',
  'a11y.review-saved': 'Accessibility review saved as evidence',
}

const detail = (event: AuditEvent, key: string): string | undefined => {
  const v = event.details?.[key]
  return typeof v === 'string' && v !== '' ? v : undefined
}

/** What the event was about, in a few words: a file, a source, a packet title. */
export function eventSubject(event: AuditEvent, packetTitles: ReadonlyMap<string, string>): string {
  const packet = event.packetId ? (packetTitles.get(event.packetId) ?? event.packetId) : undefined
  if (event.action.startsWith('evidence.')) {
    const name = detail(event, 'title') ?? detail(event, 'fileName')
    return name ?? event.subject ?? ''
  }
  if (event.action.startsWith('source.')) return detail(event, 'name') ?? event.subject ?? ''
  if (event.action.startsWith('deck.')) return detail(event, 'title') ?? event.subject ?? ''
  if (packet)
    return event.subject && event.subject !== packet ? `${packet} — ${event.subject}` : packet
  return event.subject ?? ''
}

/** The local calendar date (YYYY-MM-DD) of an event time, for the date filter. */
export function localDay(time: string): string {
  const d = new Date(time)
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export const formatTime = (time: string): string =>
  new Date(time).toLocaleString('en-GB', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })

export interface IssueView {
  title: string
  /** What happened, for this log, with the positions concerned. */
  message: string
  /** What it means for the user and what to do. */
  advice: string
  /** The entry it names exactly, when it names one. */
  entry?: number
}

const TITLES: Record<LogIssueCode, string> = {
  LOG_EDITED: 'An entry was changed after it was signed',
  LOG_TRUNCATED: 'Entries were removed from the log',
  LOG_FORKED: 'Two different histories were signed',
  LOG_INCONSISTENT: 'A checkpoint does not extend the one before it',
  LOG_ENTRY_MALFORMED: 'An entry cannot be read',
  LOG_CHECKPOINT_SIGNATURE_INVALID: 'A checkpoint’s signature does not match it',
  LOG_CHECKPOINT_UNTRUSTED_KEY: 'A checkpoint is signed by a key this workspace does not know',
  LOG_CHECKPOINT_MALFORMED: 'A checkpoint is damaged',
  LOG_CHECKPOINT_ORIGIN_MISMATCH: 'A checkpoint belongs to another log',
  LOG_VERIFIER_KEY_INVALID: 'A trusted key is damaged',
}

const NOT_REPAIRED =
  'The workbench keeps the log exactly as it is (nothing is repaired or hidden) and keeps working.'

/**
 * One verification problem in plain language. `describeEntry` names an entry by its index
 * ("entry 61, Evidence added: capture.png") when the problem points at exactly one.
 */
export function issueView(issue: LogIssue, describeEntry: (index: number) => string): IssueView {
  const title = TITLES[issue.code]
  switch (issue.code) {
    case 'LOG_EDITED': {
      const first = issue.index
      const last = issue.size !== undefined ? issue.size - 1 : undefined
      const exact = first !== undefined && first === last
      const message = exact
        ? `${describeEntry(first)} is no longer what was signed: its stored bytes were changed.`
        : first !== undefined && last !== undefined
          ? `One of entries ${first} to ${last} no longer matches what was signed (checkpoint of ${issue.size} entries): an entry in that range was changed.`
          : `The entries no longer match the checkpoint of ${issue.size ?? '?'} entries. ${issue.message}.`
      return {
        title,
        message,
        advice: `Do not rely on ${exact ? 'this entry' : 'the entries in that range'}: what they say now is not what was recorded. Someone or something wrote to the workspace database directly. Export the log for investigation and restore the workspace from a backup if you have one. ${NOT_REPAIRED}`,
        ...(exact ? { entry: first } : {}),
      }
    }
    case 'LOG_TRUNCATED':
      return {
        title,
        message:
          issue.index !== undefined
            ? `${issue.message.charAt(0).toUpperCase()}${issue.message.slice(1)}.`
            : `A checkpoint was signed for ${issue.size ?? '?'} entries, but the log now holds fewer: the last entries were deleted or the log was rolled back to an older copy.`,
        advice: `The history is incomplete: actions that were recorded are no longer listed. Find out whether the workspace was restored from an old backup; if not, treat it as tampered with. ${NOT_REPAIRED}`,
        ...(issue.index !== undefined ? { entry: issue.index } : {}),
      }
    case 'LOG_FORKED':
      return {
        title,
        message: `Two checkpoints are validly signed for the same ${issue.size ?? '?'} entries but with different contents: the signer kept two different versions of the history.`,
        advice: `At most one of them is the real history, and this log cannot tell which. Compare with exported copies of the log, and find out who else holds the signing key. ${NOT_REPAIRED}`,
      }
    case 'LOG_INCONSISTENT':
      return {
        title,
        message: `The checkpoint for ${issue.size ?? '?'} entries does not extend the earlier one: the log was rewritten between them.`,
        advice: `Treat the history between those checkpoints as unreliable. ${NOT_REPAIRED}`,
      }
    case 'LOG_ENTRY_MALFORMED':
      return {
        title,
        message:
          issue.index !== undefined
            ? `${describeEntry(issue.index)} is not a valid audit entry (${issue.message.replace(/^entry \d+: /, '')}).`
            : issue.message,
        advice: `The workbench never writes such an entry: it was damaged or written by something else. ${NOT_REPAIRED}`,
        ...(issue.index !== undefined ? { entry: issue.index } : {}),
      }
    case 'LOG_CHECKPOINT_SIGNATURE_INVALID':
      return {
        title,
        message: `Checkpoint ${issue.checkpoint ?? '?'} was changed after it was signed: its signature does not verify.`,
        advice: `Do not rely on that checkpoint. The other checkpoints are checked on their own. ${NOT_REPAIRED}`,
      }
    case 'LOG_CHECKPOINT_UNTRUSTED_KEY':
      return {
        title,
        message: `Checkpoint ${issue.checkpoint ?? '?'} carries no signature by this computer’s device key or a key in the workspace keyring.`,
        advice:
          'If a colleague signed it when packing a bundle, import their public key into the keyring. If this computer’s device key was replaced (the browser’s storage was cleared), older checkpoints can no longer be checked here. Otherwise the checkpoint was added by something else.',
      }
    case 'LOG_CHECKPOINT_MALFORMED':
      return {
        title,
        message: `Checkpoint ${issue.checkpoint ?? '?'} is not a valid signed checkpoint.`,
        advice: `It says nothing about the log; the other checkpoints are checked on their own. ${NOT_REPAIRED}`,
      }
    case 'LOG_CHECKPOINT_ORIGIN_MISMATCH':
      return {
        title,
        message: `Checkpoint ${issue.checkpoint ?? '?'} was signed for a different log than this workspace’s.`,
        advice: `It was copied in from another workspace and says nothing about this one. ${NOT_REPAIRED}`,
      }
    case 'LOG_VERIFIER_KEY_INVALID':
      return {
        title,
        message: issue.message,
        advice: 'Fix or remove the damaged key in the keyring, then verify again.',
      }
  }
}

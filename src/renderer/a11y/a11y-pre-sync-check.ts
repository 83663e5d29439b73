// The pre-sync review's accessibility line: the sweep reports attached to the packet, each
// judged with the review record attached beside it and the workspace's review log
// (core/a11y/a11y-gate.ts). Registered when this module loads.
import { accessibilityItem, A11Y_CHECK_ID, A11Y_CHECK_TITLE } from '../../core/a11y/a11y-gate'
import { localDate } from '../../core/evidence/expiry'
import { registerPreSyncCheck, type PreSyncCheck } from '../packets/pre-sync-checks'
import { packetA11yFindings } from './a11y-review-store'

export const accessibilityCheck: PreSyncCheck = {
  id: A11Y_CHECK_ID,
  title: A11Y_CHECK_TITLE,
  async run({ db, packet, template, now }, { signal, onProgress }) {
    const links = packet.evidence
    onProgress({ phase: 'reading accessibility reports', done: 0, total: links.length })
    const { reports, badRecords } = await packetA11yFindings(db, links, localDate(now))
    signal.throwIfAborted()
    onProgress({ phase: 'reading accessibility reports', done: links.length, total: links.length })
    return accessibilityItem(template.id, reports, badRecords)
  },
}

registerPreSyncCheck(accessibilityCheck)

// The words of a verdict and the "What was checked" overview, decided from the report alone.
import { describe, expect, it } from 'vitest'
import { checkOverview, verdictSentence } from '../../../../src/renderer/verify/report-view'
import { cancelledReport } from '../../../../src/renderer/verify/run-verification'
import {
  fullySignedDpia,
  signOff,
  parties,
  packInMemory,
  verifyBytes,
  dpiaPacket,
} from '../../../helpers/bundle-fixture'
import { entry, rewrite } from '../../../helpers/zip-surgery'

describe('the verdict sentence', () => {
  it('says what a verified bundle rests on', async () => {
    const { bundle, keyring } = await fullySignedDpia()
    const report = await verifyBytes(bundle, keyring)
    expect(verdictSentence(report)).toMatch(
      /^Every check passed: \d+ files unchanged since signing, signed by keys your keyring trusts, 3 approving sign-offs\.$/,
    )
    expect(checkOverview(report).map((c) => c.state)).toEqual(Array(8).fill('passed'))
  })

  it('tells not to rely on a changed bundle and names the file first', async () => {
    const { bundle, keyring } = await fullySignedDpia()
    let name = ''
    const tampered = await rewrite(bundle, (entries) => {
      name = entries.find((e) => e.name.startsWith('files/'))!.name
      const e = entry(entries, name)
      e.data = e.data.slice()
      e.data[0] = e.data[0]! ^ 1
      return entries
    })
    const report = await verifyBytes(tampered, keyring)
    const sentence = verdictSentence(report)
    expect(sentence.startsWith('Do not rely on this packet. ')).toBe(true)
    expect(sentence).toContain(`${name} changed after it was signed`)
    const files = checkOverview(report).find((c) => c.check === 'files')!
    expect(files).toMatchObject({ state: 'failed', failures: 1 })
  })

  it('reads a bundle that only lacks sign-offs as not fully signed, naming the role', async () => {
    const ps = await parties()
    let bundle = await packInMemory(dpiaPacket(), ps.packer.identity)
    bundle = await signOff(bundle, ps.dpo, 'dpo')
    bundle = await signOff(bundle, ps.manager, 'accountable-manager')
    const { keyring } = await fullySignedDpia()
    const report = await verifyBytes(bundle, keyring)
    expect(verdictSentence(report)).toMatch(/^Not fully signed: .*by Legal\. Do not rely on it/)
  })

  it('marks checks an unreadable bundle never reached as not checked', async () => {
    const { keyring } = await fullySignedDpia()
    const report = await verifyBytes(new TextEncoder().encode('not a zip'), keyring)
    const states = checkOverview(report).map((c) => [c.check, c.state])
    expect(states[0]).toEqual(['container', 'failed'])
    expect(states.slice(1).every(([, s]) => s === 'not-checked')).toBe(true)
  })

  it('concludes nothing for a cancelled run', () => {
    expect(verdictSentence(cancelledReport())).toMatch(/cancelled/)
  })
})

import { describe, expect, it } from 'vitest'
import { packetHrefs, parsePacketRoute } from '../../../../src/renderer/packets/packet-routes'
import { evidencePathFor } from '../../../../src/renderer/packets/packet-store'

describe('packet routes', () => {
  it('parses the routes the readiness matrix links to', () => {
    expect(parsePacketRoute('/packets/new?template=dpia&source=woodgrove-fx')).toEqual({
      view: 'new',
      template: 'dpia',
      source: 'woodgrove-fx',
    })
    expect(parsePacketRoute('/packets/dpia%3Aa-1')).toEqual({ view: 'editor', id: 'dpia:a-1' })
    expect(parsePacketRoute('/packets/x/history?from=1.1&to=1.3')).toEqual({
      view: 'history',
      id: 'x',
      from: '1.1',
      to: '1.3',
    })
    expect(parsePacketRoute('/packets?status=draft')).toEqual({
      view: 'list',
      template: undefined,
      source: undefined,
      status: 'draft',
    })
    expect(parsePacketRoute('/packets/import')).toEqual({ view: 'import' })
    expect(parsePacketRoute('/packets/x/review')).toEqual({ view: 'review', id: 'x' })
    expect(parsePacketRoute(packetHrefs.review('p/1').slice(1))).toEqual({
      view: 'review',
      id: 'p/1',
    })
    expect(parsePacketRoute('/packetsx')).toBeUndefined()
    expect(parsePacketRoute('/packets/%E0%A4%A')).toBeUndefined()
  })

  it('round-trips hrefs', () => {
    const h = packetHrefs.new('dpia', 'a b&c')
    expect(parsePacketRoute(h.slice(1))).toEqual({ view: 'new', template: 'dpia', source: 'a b&c' })
    expect(parsePacketRoute(packetHrefs.packet('p/1').slice(1))).toEqual({
      view: 'editor',
      id: 'p/1',
    })
  })

  it('gives attached evidence unique, safe bundle names', () => {
    expect(evidencePathFor('flow.svg', [])).toBe('flow.svg')
    expect(evidencePathFor('flow.svg', ['Flow.svg'])).toBe('flow-2.svg')
    expect(evidencePathFor('../a\\b\u0001.pdf', [])).toBe('_a_b_.pdf')
  })
})

// The demo workspace's sample history as audit events, so its timeline starts alive: each
// partner source created by its owner, each sample file added by whoever collected it, each
// packet created by its author, the demo deck saved by its presenter, and the access reviews'
// campaigns, decisions and filed packet (demo-reviews.ts), and the decisions and waiver on the
// accessibility sweep reports (demo-a11y.ts), in time order. Derived from the demo's records
// alone (their own dates and names), so the log tells the same story as the data it sits beside.
import type { AuditEvent } from '../audit/audit-event'
import { validateDeck } from '../deck/deck-model'
import type { DemoWorkspace } from './demo-workspace'

/** "Priya Raman (Data Eng)" → "Priya Raman": the person, as an actor is named. */
const personOf = (owner: string) => owner.replace(/\s*\([^)]*\)\s*$/, '').trim() || owner

export function demoAuditEvents(demo: DemoWorkspace): AuditEvent[] {
  const events: AuditEvent[] = []
  for (const s of demo.partnerSources) {
    events.push({
      action: 'source.created',
      actor: personOf(s.owner),
      time: s.createdAt,
      subject: s.id,
      details: { name: s.name, owner: s.owner, status: s.status },
    })
  }
  for (const e of demo.evidence) {
    const details: NonNullable<AuditEvent['details']> = {
      fileName: e.fileName,
      title: e.title,
      size: e.size,
    }
    if (e.partnerSourceId) details.partnerSourceId = e.partnerSourceId
    events.push({
      action: 'evidence.added',
      actor: e.addedBy,
      time: e.addedAt,
      subject: e.sha256,
      details,
    })
  }
  for (const p of demo.packets) {
    const details: NonNullable<AuditEvent['details']> = {
      how: 'Created from the template’s example',
      templateId: p.templateId,
      revision: 1,
    }
    if (p.partnerSourceId) details.partnerSourceId = p.partnerSourceId
    events.push({
      action: 'packet.created',
      actor: p.createdBy,
      time: p.createdAt,
      packetId: p.id,
      subject: p.title,
      details,
    })
  }
  for (const d of demo.decks) {
    events.push({
      action: 'deck.saved',
      actor: d.deck.presenter || 'Demo author',
      time: d.updatedAt,
      subject: d.id,
      details: {
        title: d.deck.title,
        steps: d.deck.steps.length,
        problems: validateDeck(d.deck).length,
        how: 'manual',
        created: true,
      },
    })
  }
  // The access reviews: what the app logged for each campaign step, decision and filing.
  if (demo.reviews) events.push(...demo.reviews.events)
  // The accessibility reviews: each decision and waiver on the demo's sweep reports.
  if (demo.a11yReviews) events.push(...demo.a11yReviews.events)
  // Stable sort: events at the same moment keep sources, then evidence, packets, decks, reviews,
  // accessibility reviews.
  return events
    .map((event, i) => ({ event, i }))
    .sort((a, b) =>
      a.event.time < b.event.time ? -1 : a.event.time > b.event.time ? 1 : a.i - b.i,
    )
    .map((x) => x.event)
}

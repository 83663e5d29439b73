// Packets in the workspace: lifecycle and status rules, sign-off, revisions, readable diffs and
// duplication for next year's review. Environment-free; see docs/packets.md.
export * from './packet-lifecycle'
export * from './packet-diff'
export * from './next-year'
export * from './field-values'
export * from './signoff-rules'
export * from './packet-bundle'
export * from './pre-sync-review'

// Packets in the workspace: lifecycle and status rules, revisions, readable diffs and
// duplication for next year's review. Environment-free; see docs/packets.md.
export * from './packet-lifecycle'
export * from './packet-diff'
export * from './next-year'
export * from './field-values'

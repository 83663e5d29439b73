// A person's decisions on an accessibility sweep report (schema version 5). The log is
// append-only: the latest entry per (report, item) is the current state, earlier ones are its
// history. A report is named by its SHA-256, the same key as its evidence record.

/** What the entry is about: an axe "needs review" result, a manual checklist item, or a violation. */
export type A11yItemKind = 'incomplete' | 'manual' | 'violation'

export interface A11yReviewer {
  keyid: string
  name: string
}

export type A11yReviewEntry =
  | {
      kind: 'decision'
      /** The reviewer's verdict on an incomplete result or a manual check. */
      outcome: 'pass' | 'fail'
      note: string
    }
  | {
      kind: 'waiver'
      /** Why the violation is accepted for now. */
      rationale: string
      /** The role whose holder approved the waiver (e.g. "accessibility-lead"). */
      approverRole: string
      /** YYYY-MM-DD: the waiver no longer counts after this day. */
      expires: string
    }

export type A11yReviewRecord = {
  seq?: number
  reportSha256: string
  /** Stable id of the item inside the report (see the a11y review model). */
  itemId: string
  itemKind: A11yItemKind
  reviewer: A11yReviewer
  /** ISO 8601 time of the decision. */
  at: string
} & A11yReviewEntry

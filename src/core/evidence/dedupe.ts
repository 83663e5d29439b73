// Duplicate detection for a batch being added: evidence is content-addressed, so two files with
// the same SHA-256 are the same evidence, whatever their names. A file already in the library
// is reported with the library item's title; a file repeated within the batch is added once.

export interface HashedCandidate {
  sha256: string
  /** The name shown to the person (file name with its folder). */
  label: string
}

export type AddDecision =
  | { action: 'add'; index: number }
  | { action: 'duplicate-existing'; index: number; existingTitle: string }
  | { action: 'duplicate-in-batch'; index: number; firstLabel: string }

/**
 * What to do with each candidate, in order. `existing` maps a SHA-256 already in the library to
 * that item's title.
 */
export function planAdd(
  candidates: readonly HashedCandidate[],
  existing: ReadonlyMap<string, string>,
): AddDecision[] {
  const firstInBatch = new Map<string, string>()
  return candidates.map((c, index): AddDecision => {
    const title = existing.get(c.sha256)
    if (title !== undefined) return { action: 'duplicate-existing', index, existingTitle: title }
    const first = firstInBatch.get(c.sha256)
    if (first !== undefined) return { action: 'duplicate-in-batch', index, firstLabel: first }
    firstInBatch.set(c.sha256, c.label)
    return { action: 'add', index }
  })
}

/** The sentence shown for a duplicate. */
export function describeDuplicate(label: string, d: AddDecision): string | undefined {
  if (d.action === 'duplicate-existing') {
    return `${label} is already in the library as "${d.existingTitle}"; it was not added again.`
  }
  if (d.action === 'duplicate-in-batch') {
    return `${label} has the same content as ${d.firstLabel} in this batch; it was added once.`
  }
  return undefined
}

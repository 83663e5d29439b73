// The "valid from" and "valid until" dates of a keyring entry, as the import and edit forms
// both ask for them.
export function ValidityFields({
  idPrefix,
  from,
  until,
  onFrom,
  onUntil,
  errorId,
}: {
  idPrefix: string
  from: string
  until: string
  onFrom: (value: string) => void
  onUntil: (value: string) => void
  /** The id of the message saying what is wrong with the dates, when something is. */
  errorId?: string
}) {
  const problem = errorId ? { 'aria-invalid': true as const, 'aria-describedby': errorId } : {}
  return (
    <div className="keyring-dates">
      <div className="ws-field">
        <label htmlFor={`${idPrefix}-from`}>Valid from (optional)</label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          value={from}
          {...problem}
          onChange={(e) => onFrom(e.target.value)}
        />
      </div>
      <div className="ws-field">
        <label htmlFor={`${idPrefix}-until`}>Valid until (optional)</label>
        <input
          id={`${idPrefix}-until`}
          type="date"
          value={until}
          {...problem}
          onChange={(e) => onUntil(e.target.value)}
        />
      </div>
    </div>
  )
}

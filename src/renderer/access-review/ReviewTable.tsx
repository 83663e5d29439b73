// A scrolling table of the access-review screens: caption, one header row, the body rows.
import type { ReactNode } from 'react'

export function ReviewTable({
  caption,
  hideCaption = false,
  columns,
  children,
}: {
  caption: string
  /** The caption is for screen readers only (a heading above already says it). */
  hideCaption?: boolean
  columns: readonly string[]
  children: ReactNode
}) {
  return (
    <div className="table-scroll">
      <table className="ar-table">
        <caption className={hideCaption ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}

// A modal <dialog> shown while `open`: the browser traps focus inside it and makes the rest of
// the page inert; Escape asks to cancel through onCancel instead of closing it behind React's
// back.
import { useEffect, useRef, type ReactNode } from 'react'

export function Modal({
  open,
  labelledBy,
  onCancel,
  className = 'ws-dialog',
  children,
}: {
  open: boolean
  /** The id of the dialog's heading. */
  labelledBy: string
  onCancel: () => void
  className?: string
  children: ReactNode
}) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
    >
      {open ? children : null}
    </dialog>
  )
}

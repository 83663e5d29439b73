// A modal confirmation (native <dialog>: focus stays inside, Escape cancels, focus returns to
// the control that opened it).
import { useEffect, useId, useRef, type ReactNode } from 'react'

export function WorkspaceConfirm({
  open,
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: {
  open: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}) {
  const ref = useRef<HTMLDialogElement>(null)
  const titleId = useId()
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className="ws-dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
    >
      {open ? (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
          <div className="ws-form-actions">
            <button type="button" className="button button-danger" onClick={onConfirm}>
              {confirmLabel}
            </button>
            <button type="button" className="button" onClick={onCancel} autoFocus>
              Cancel
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  )
}

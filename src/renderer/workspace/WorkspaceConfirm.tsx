// A modal confirmation (native <dialog>: focus stays inside, Escape cancels, focus returns to
// the control that opened it).
import { useId, type ReactNode } from 'react'
import { Modal } from '../components/Modal'

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
  const titleId = useId()
  return (
    <Modal open={open} labelledBy={titleId} onCancel={onCancel}>
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
    </Modal>
  )
}

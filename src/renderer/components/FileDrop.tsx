// A place to choose a file: a button that opens the host's file chooser, and a drop zone
// around it for drag and drop. The button alone does everything, so the keyboard and screen
// readers lose nothing; dropping is a shortcut for pointer users.
import { useId, useState, type DragEvent, type ReactNode } from 'react'
import { blobFile, type PickedFile } from '../../core/host/host-api'
import { Icon } from './Icon'

interface FileDropProps {
  step: number
  title: string
  hint: string
  icon: 'file' | 'key'
  chooseLabel: string
  /** What is chosen now, shown in place of the hint. */
  chosen?: ReactNode
  error?: string
  disabled?: boolean
  onChoose: () => void
  onDropFile: (file: PickedFile) => void
}

/**
 * Drag-and-drop handlers for a drop zone: `over` while a file hovers it, `onDropFile` with the
 * first file dropped. Spread `handlers` on the zone's element.
 */
export function useFileDrop(onDropFile: (file: PickedFile) => void, disabled?: boolean) {
  const [over, setOver] = useState(false)
  const handlers = {
    onDragOver: (e: DragEvent) => {
      if (disabled || !e.dataTransfer.types.includes('Files')) return
      e.preventDefault()
      e.dataTransfer.dropEffect = 'copy'
      setOver(true)
    },
    onDragLeave: () => setOver(false),
    onDrop: (e: DragEvent) => {
      e.preventDefault()
      setOver(false)
      const file = e.dataTransfer.files[0]
      if (file && !disabled) onDropFile(blobFile(file.name, file))
    },
  }
  return { over, handlers }
}

export function FileDrop(props: FileDropProps) {
  const { over, handlers } = useFileDrop(props.onDropFile, props.disabled)
  const titleId = useId()
  const errorId = useId()

  return (
    <section
      className={`file-drop${over ? ' is-over' : ''}${props.chosen ? ' is-chosen' : ''}`}
      aria-labelledby={titleId}
      {...handlers}
    >
      <h2 id={titleId} className="file-drop-title">
        <span className="step" aria-hidden="true">
          {props.step}
        </span>
        <Icon name={props.icon} />
        {props.title}
      </h2>
      <div className="file-drop-body">{props.chosen ?? <p className="muted">{props.hint}</p>}</div>
      <div className="file-drop-actions">
        <button
          type="button"
          className="button"
          onClick={props.onChoose}
          disabled={props.disabled}
          aria-describedby={props.error ? errorId : undefined}
        >
          <Icon name="upload" />
          {props.chooseLabel}
        </button>
        <span className="muted drop-hint">or drop a file here</span>
      </div>
      {props.error ? (
        <p id={errorId} className="field-error" role="alert">
          {props.error}
        </p>
      ) : null}
    </section>
  )
}

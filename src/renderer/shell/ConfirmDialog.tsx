import { type JSX, useEffect, useId, useRef } from 'react'

/**
 * A modal question with a destructive answer (a native `<dialog>`: focus stays inside, Escape
 * cancels). Cancel has the focus first, so Enter never deletes by accident.
 */
export function ConfirmDialog({
  title,
  text,
  confirmLabel,
  onConfirm,
  onCancel
}: {
  title: string
  text: string
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null)
  const cancelRef = useRef<HTMLButtonElement>(null)
  const uid = useId()

  useEffect(() => {
    const dialog = ref.current
    if (dialog === null) return
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!dialog.open) dialog.showModal()
    cancelRef.current?.focus()
    return () => {
      if (dialog.open) dialog.close()
      before?.focus()
    }
  }, [])

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      role="alertdialog"
      aria-labelledby={`${uid}-title`}
      aria-describedby={`${uid}-text`}
      onCancel={(event) => {
        event.preventDefault()
        onCancel()
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault()
          event.stopPropagation()
          onCancel()
        }
      }}
    >
      <h2 id={`${uid}-title`} className="confirm-title">
        {title}
      </h2>
      <p id={`${uid}-text`} className="confirm-text">
        {text}
      </p>
      <div className="form-actions">
        <button ref={cancelRef} type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="button button-danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  )
}

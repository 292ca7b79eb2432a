import { type JSX, useState } from 'react'
import { downloadFile } from '../shell/download'
import { errorText } from '../../shared/error-text'

export type FileExportNote = { text: string; error: boolean }

/**
 * A records page's Export CSV: asks main for the file, offers it as a download, and says how it
 * went in one line (`what` names what was exported; `failed` starts the error sentence).
 */
export function useFileExport(): {
  exporting: boolean
  note: FileExportNote | null
  exportFile: (load: () => Promise<{ fileName: string; text: string }>, what: string, failed: string) => void
} {
  const [exporting, setExporting] = useState(false)
  const [note, setNote] = useState<FileExportNote | null>(null)
  function exportFile(load: () => Promise<{ fileName: string; text: string }>, what: string, failed: string): void {
    setExporting(true)
    setNote(null)
    load().then(
      ({ fileName, text }) => {
        setExporting(false)
        downloadFile(fileName, text)
        setNote({ text: `Exported ${what} as ${fileName}.`, error: false })
      },
      (failure: unknown) => {
        setExporting(false)
        setNote({ text: `${failed}: ${errorText(failure)}`, error: true })
      }
    )
  }
  return { exporting, note, exportFile }
}

/** The export's one line under the page heading. */
export function ExportNote({ note }: { note: FileExportNote | null }): JSX.Element | null {
  if (note === null) return null
  return (
    <p className={note.error ? 'form-error' : 'records-note'} role={note.error ? 'alert' : 'status'}>
      {note.text}
    </p>
  )
}

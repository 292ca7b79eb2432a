import { type JSX, useRef, useState } from 'react'
import type { EarshotApi, SettingsView } from '../../shared/contract'
import type { SettingsErrors } from '../../shared/settings'
import { downloadFile } from '../shell/download'
import { inPageOrder, labelOf } from './labels'
import { errorText } from '../../shared/error-text'

/** Export the settings to a file (no passwords in it), or import one: applied at once when valid. */
export function ImportExport({ api, onImported }: { api: EarshotApi; onImported: (view: SettingsView) => void }): JSX.Element {
  const fileRef = useRef<HTMLInputElement>(null)
  const [busy, setBusy] = useState<'export' | 'import' | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const [problem, setProblem] = useState<{ title: string; errors: SettingsErrors } | { title: string; errors: null } | null>(null)

  function exportSettings(): void {
    setBusy('export')
    setNote(null)
    setProblem(null)
    api.invoke('settings:export', {}).then(
      ({ fileName, text }) => {
        setBusy(null)
        downloadFile(fileName, text, 'application/json')
        setNote(`Exported as ${fileName}. The file holds no passwords: set them again after importing it elsewhere.`)
      },
      (failure: unknown) => {
        setBusy(null)
        setProblem({ title: `The settings could not be exported: ${errorText(failure)}`, errors: null })
      }
    )
  }

  function importFile(file: File): void {
    setNote(null)
    setProblem(null)
    if (file.size > 1_000_000) {
      setProblem({ title: `${file.name} is too big for an Earshot settings file.`, errors: null })
      return
    }
    setBusy('import')
    file
      .text()
      .then((text) => api.invoke('settings:import', { text }))
      .then(
        (result) => {
          setBusy(null)
          if (result.ok) {
            onImported(result.view)
            setNote(`Imported ${file.name}: the settings are applied. Passwords are not in the file; set them on the PBX and Softphone pages if needed.`)
          } else {
            setProblem({ title: `Nothing was imported: ${file.name} has settings Earshot cannot use.`, errors: result.errors })
          }
        },
        (failure: unknown) => {
          setBusy(null)
          setProblem({ title: `Nothing was imported: ${errorText(failure)}`, errors: null })
        }
      )
  }

  return (
    <div className="import-export">
      <div className="ie-row">
        <div className="ie-text">
          <h3 className="form-title">Export</h3>
          <p className="field-hint">Save these settings to a file, to set up another supervisor’s computer the same way. Passwords stay in this computer’s keychain.</p>
        </div>
        <button type="button" className="button" onClick={exportSettings} disabled={busy !== null}>
          {busy === 'export' ? 'Exporting…' : 'Export settings'}
        </button>
      </div>
      <div className="ie-row">
        <div className="ie-text">
          <h3 className="form-title">Import</h3>
          <p className="field-hint">Replace these settings with an exported file. Nothing changes unless every setting in the file is valid.</p>
        </div>
        <button type="button" className="button" onClick={() => fileRef.current?.click()} disabled={busy !== null}>
          {busy === 'import' ? 'Importing…' : 'Import settings…'}
        </button>
        <input
          ref={fileRef}
          type="file"
          hidden
          tabIndex={-1}
          aria-label="Settings file to import"
          accept=".json,application/json"
          onChange={(event) => {
            const file = event.target.files?.[0]
            event.target.value = ''
            if (file !== undefined) importFile(file)
          }}
        />
      </div>
      <p className="ie-note" role="status">
        {note}
      </p>
      {problem !== null && (
        <div className="ie-problem" role="alert">
          <p className="form-error">{problem.title}</p>
          {problem.errors !== null && (
            <ul className="error-list" aria-label="Problems in the file">
              {inPageOrder(Object.keys(problem.errors)).map((path) => (
                <li key={path}>
                  <strong>{labelOf(path)}</strong> {path !== '' && <code className="error-path">{path}</code>}{' '}
                  <span>{problem.errors[path]}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}

import { type JSX, type RefObject, useEffect, useId, useMemo, useRef, useState } from 'react'
import { CsvDelimiter, type CsvMapping, type CsvPreview, type ImportResult, type ImportWarning } from '../../shared/records'
import { useAdminActions } from '../sign-in/access'
import { WarningIcon } from '../shell/icons'
import { useRecordsApi } from './context'
import { type ColumnRole, DELIMITER_LABEL, ROLES, ROLE_LABEL, clampMapping, mappingSummary, previewTable, roleOf, withRole } from './pure/csv-preview'
import { errorText } from '../../shared/error-text'
import { type TextEncodingName, decodeTextFile } from './pure/text-file'

/** What `customers:import-*` accepts at most (characters). */
const MAX_FILE = 20_000_000

type Step =
  | { step: 'choose'; error: string | null }
  | { step: 'reading'; fileName: string }
  | { step: 'map'; fileName: string; text: string; encoding: TextEncodingName; preview: CsvPreview; mapping: CsvMapping; error: string | null; busy: boolean }
  | { step: 'done'; fileName: string; kind: 'csv' | 'vcard'; result: ImportResult }

function isVCard(fileName: string, text: string): boolean {
  return /\.(vcf|vcard)$/i.test(fileName) || /^\s*BEGIN:VCARD/i.test(text.slice(0, 200))
}

/**
 * Import customers (configure-everything): choose a CSV or vCard file; a CSV goes through a
 * column-mapping step with a preview of its first rows (`customers:import-preview`), then
 * `customers:import-csv`; a vCard file is imported at once. The result says how many were imported
 * and lists each row that was not, by line.
 */
export function ImportCustomers({ onDone }: { onDone: (imported: number) => void }): JSX.Element {
  const api = useRecordsApi()
  const uid = useId()
  const fileRef = useRef<HTMLInputElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [step, setStep] = useState<Step>({ step: 'choose', error: null })

  // Each new step's heading takes the focus, so a screen reader hears where the import is.
  useEffect(() => {
    headingRef.current?.focus()
  }, [step.step])

  function choose(file: File): void {
    if (file.size > MAX_FILE) {
      setStep({ step: 'choose', error: `${file.name} is too big to import (at most 20 MB).` })
      return
    }
    setStep({ step: 'reading', fileName: file.name })
    file
      .arrayBuffer()
      .then(async (bytes) => {
        const { text, encoding } = decodeTextFile(new Uint8Array(bytes))
        if (isVCard(file.name, text)) {
          const result = await api.invoke('customers:import-vcard', { text })
          setStep({ step: 'done', fileName: file.name, kind: 'vcard', result })
          return
        }
        const preview = await api.invoke('customers:import-preview', { text })
        setStep({ step: 'map', fileName: file.name, text, encoding, preview, mapping: preview.mapping, error: null, busy: false })
      })
      .catch((failure: unknown) => setStep({ step: 'choose', error: `${file.name} could not be read: ${errorText(failure)}` }))
  }

  function importCsv(current: Extract<Step, { step: 'map' }>): void {
    setStep({ ...current, busy: true, error: null })
    api.invoke('customers:import-csv', { text: current.text, mapping: current.mapping }).then(
      (result) => setStep({ step: 'done', fileName: current.fileName, kind: 'csv', result }),
      (failure: unknown) => setStep({ ...current, busy: false, error: `Nothing was imported: ${errorText(failure)}` })
    )
  }

  const fileInput = (
    <input
      ref={fileRef}
      type="file"
      hidden
      tabIndex={-1}
      aria-label="Customer file to import"
      accept=".csv,.txt,.tsv,.vcf,.vcard,text/csv,text/plain,text/vcard,text/x-vcard"
      onChange={(event) => {
        const file = event.target.files?.[0]
        event.target.value = ''
        if (file !== undefined) choose(file)
      }}
    />
  )

  if (step.step === 'choose' || step.step === 'reading') {
    return (
      <section className="panel import-panel" aria-labelledby={`${uid}-title`} aria-busy={step.step === 'reading'}>
        <h2 id={`${uid}-title`} ref={headingRef} tabIndex={-1} className="import-title">
          Choose a file
        </h2>
        <p className="muted">
          A <strong>CSV</strong> file (exported from a CRM, a spreadsheet or Earshot) or a <strong>vCard</strong> file (<code>.vcf</code>, from a
          phone or an address book). For a CSV file you choose which column is what before anything is imported.
        </p>
        <div className="import-choose">
          <button type="button" className="button button-primary" onClick={() => fileRef.current?.click()} disabled={step.step === 'reading'}>
            {step.step === 'reading' ? `Reading ${step.fileName}…` : 'Choose a CSV or vCard file…'}
          </button>
          {fileInput}
        </div>
        {step.step === 'choose' && step.error !== null && (
          <p className="form-error" role="alert">
            {step.error}
          </p>
        )}
      </section>
    )
  }

  if (step.step === 'done') {
    const { result } = step
    return (
      <section className="panel import-panel" aria-labelledby={`${uid}-title`}>
        <h2 id={`${uid}-title`} ref={headingRef} tabIndex={-1} className="import-title">
          {result.imported === 0 ? 'Nothing was imported' : `Imported ${String(result.imported)} ${result.imported === 1 ? 'customer' : 'customers'}`}
          {result.errors.length > 0 && `; ${String(result.errors.length)} ${result.errors.length === 1 ? 'row had problems' : 'rows had problems'}`}
        </h2>
        <p className="muted">
          From {step.fileName}.
          {result.duplicates > 0 &&
            ` ${String(result.duplicates)} ${result.duplicates === 1 ? 'row was' : 'rows were'} already in the directory exactly as in the file, and ${result.duplicates === 1 ? 'was' : 'were'} skipped.`}
        </p>
        {result.errors.length > 0 && (
          <div className="import-errors">
            <h3 className="section-title">{step.kind === 'vcard' ? 'Cards not imported' : 'Rows not imported'}</h3>
            <ul className="import-error-list" aria-label="Problems in the file">
              {result.errors.map((error, index) => (
                <li key={`${String(error.line)}-${String(index)}`}>
                  <span className="import-line">
                    Line {error.line}
                    {error.column !== undefined && <span className="import-column"> · {error.column}</span>}
                  </span>
                  <span>{error.message}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {result.warnings.length > 0 && <UnreadNumbers warnings={result.warnings} />}
        <div className="form-actions import-actions">
          <button type="button" className="button" onClick={() => setStep({ step: 'choose', error: null })}>
            Import another file
          </button>
          <button type="button" className="button button-primary" onClick={() => onDone(result.imported)}>
            Done
          </button>
        </div>
      </section>
    )
  }

  return (
    <MappingStep
      uid={uid}
      step={step}
      headingRef={headingRef}
      onChange={(mapping) => setStep({ ...step, mapping })}
      onImport={() => importCsv(step)}
      onAnotherFile={() => fileRef.current?.click()}
      onCancel={() => onDone(0)}
      fileInput={fileInput}
    />
  )
}

function MappingStep({
  uid,
  step,
  headingRef,
  onChange,
  onImport,
  onAnotherFile,
  onCancel,
  fileInput
}: {
  uid: string
  step: Extract<Step, { step: 'map' }>
  headingRef: RefObject<HTMLHeadingElement | null>
  onChange: (mapping: CsvMapping) => void
  onImport: () => void
  onAnotherFile: () => void
  onCancel: () => void
  fileInput: JSX.Element
}): JSX.Element {
  const { preview, mapping, text } = step
  const table = useMemo(() => previewTable(text, preview, mapping.delimiter, mapping.hasHeader), [text, preview, mapping.delimiter, mapping.hasHeader])
  const width = table.headers.length
  const summary = mappingSummary(mapping, table.headers)
  const noName = mapping.name.length === 0

  return (
    <section className="panel import-panel import-map" aria-labelledby={`${uid}-title`} aria-busy={step.busy}>
      <div className="import-map-head">
        <div>
          <h2 id={`${uid}-title`} ref={headingRef} tabIndex={-1} className="import-title">
            Which column is what?
          </h2>
          <p className="muted">
            <strong className="import-file">{step.fileName}</strong> · {table.rowCount} {table.rowCount === 1 ? 'row' : 'rows'}. Choose what each column
            holds; the name may come from several columns (first and last name), and so may phone numbers.
          </p>
        </div>
        <div className="import-options">
          <div className="filter">
            <label className="filter-label" htmlFor={`${uid}-delimiter`}>
              Columns separated by
            </label>
            <select
              id={`${uid}-delimiter`}
              className="input select"
              value={mapping.delimiter}
              onChange={(event) => {
                const delimiter = event.target.value as CsvMapping['delimiter']
                const next = previewTable(text, preview, delimiter, mapping.hasHeader)
                onChange(clampMapping({ ...mapping, delimiter }, next.headers.length))
              }}
            >
              {CsvDelimiter.options.map((d) => (
                <option key={d} value={d}>
                  {DELIMITER_LABEL[d]}
                </option>
              ))}
            </select>
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={mapping.hasHeader} onChange={(event) => onChange({ ...mapping, hasHeader: event.target.checked })} />
            The first row holds column titles
          </label>
        </div>
      </div>

      {step.encoding === 'Windows-1252' && (
        <p className="note note-warning" role="status">
          <WarningIcon /> This file is not UTF-8, so it was read as Windows-1252 (how Excel saves CSV on Windows). Check the accented letters in the
          rows below before you import.
        </p>
      )}
      {preview.problem !== null && (
        <p className="note note-warning" role="status">
          <WarningIcon /> Line {preview.problem.line}: {preview.problem.message} The rows before it are shown.
        </p>
      )}

      <div className="import-preview" tabIndex={0} role="region" aria-label="Preview of the file">
        <table className="records-table preview-table" aria-label={`First rows of ${step.fileName}`}>
          <thead>
            <tr>
              {table.headers.map((header, column) => {
                const role = roleOf(mapping, column)
                return (
                  <th key={column} scope="col" className={role === '' ? 'col-ignored' : `col-role col-role-${role}`}>
                    <span className="preview-header">{header}</span>
                    <select
                      className="input select role-select"
                      aria-label={`Use column “${header}” as`}
                      value={role}
                      onChange={(event) => onChange(withRole(mapping, column, event.target.value as ColumnRole))}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABEL[r]}
                        </option>
                      ))}
                    </select>
                  </th>
                )
              })}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, index) => (
              <tr key={index}>
                {Array.from({ length: width }, (_, column) => (
                  <td key={column} className={roleOf(mapping, column) === '' ? 'col-ignored' : undefined}>
                    {row[column] ?? ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {table.rows.length < table.rowCount && (
          <p className="preview-more muted">
            The first {table.rows.length} of {table.rowCount} rows.
          </p>
        )}
      </div>

      <div className="import-summary">
        {noName ? (
          <p className="field-error" role="alert">
            <WarningIcon className="field-error-icon" /> Choose the column (or columns) with the name.
          </p>
        ) : (
          <ul className="mapping-summary" aria-label="What will be imported">
            {summary.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        )}
        {step.error !== null && (
          <p className="form-error" role="alert">
            {step.error}
          </p>
        )}
      </div>

      <div className="form-actions import-actions">
        <button type="button" className="button button-quiet" onClick={onCancel} disabled={step.busy}>
          Cancel
        </button>
        <button type="button" className="button" onClick={onAnotherFile} disabled={step.busy}>
          Choose another file…
        </button>
        {fileInput}
        <button type="button" className="button button-primary" onClick={onImport} disabled={noName || step.busy}>
          {step.busy ? 'Importing…' : `Import ${String(table.rowCount)} ${table.rowCount === 1 ? 'row' : 'rows'}`}
        </button>
      </div>
    </section>
  )
}

/**
 * The numbers that were imported as typed because Earshot cannot read them (issue 13.11): each by
 * line and column, with why; for an admin, the way to the default country, which reads them again.
 */
function UnreadNumbers({ warnings }: { warnings: readonly ImportWarning[] }): JSX.Element {
  const admin = useAdminActions()
  return (
    <div className="import-errors import-warnings">
      <h3 className="section-title">
        {warnings.length === 1 ? '1 number could not be read' : `${String(warnings.length)} numbers could not be read`}
      </h3>
      <ul className="import-error-list" aria-label="Numbers that could not be read">
        {warnings.map((warning, index) => (
          <li key={`${String(warning.line)}-${String(index)}`}>
            <span className="import-line">
              Line {warning.line}
              <span className="import-column"> · {warning.column}</span>
            </span>
            <span>{warning.message}</span>
          </li>
        ))}
      </ul>
      {admin !== null && warnings.some((w) => w.message.includes('default country')) && (
        <button type="button" className="link-button" onClick={() => admin.openSettings('records')}>
          Set the default country
        </button>
      )}
    </div>
  )
}

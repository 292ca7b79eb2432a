import { type JSX, useEffect, useRef, useState } from 'react'
import type { EarshotApi, Operator } from '../../shared/contract'
import { SUPERVISE_SCOPE, supervisionModes } from '../../shared/settings'
import { SCOPE_LABEL } from '../sign-in/access'
import { initials, tintOf } from '../shell/pure/avatar'
import { type OperatorDraft, OperatorForm } from './OperatorForm'
import './operators.css'
import { errorText } from '../../shared/error-text'

type Editing = { kind: 'none' } | { kind: 'add' } | { kind: 'edit'; operator: Operator }

/**
 * The operators of this machine: list, add, edit (name, extension, scopes, PIN), remove. Main
 * refuses what would lock everyone out (removing the last admin, say); its words are shown as they are.
 */
export function OperatorsSection({ api, currentId }: { api: EarshotApi; currentId: string | null }): JSX.Element {
  const [list, setList] = useState<{ phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready'; operators: Operator[] }>({
    phase: 'loading'
  })
  const [attempt, setAttempt] = useState(0)
  const [editing, setEditing] = useState<Editing>({ kind: 'none' })
  const [confirming, setConfirming] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const [formRefusal, setFormRefusal] = useState<string | null>(null)
  const [note, setNote] = useState<string | null>(null)
  const addRef = useRef<HTMLButtonElement>(null)

  useEffect(() => {
    let live = true
    api.invoke('operators:list', {}).then(
      ({ operators }) => {
        if (live) setList({ phase: 'ready', operators })
      },
      (failure: unknown) => {
        if (live) setList({ phase: 'failed', message: errorText(failure) })
      }
    )
    return () => {
      live = false
    }
  }, [api, attempt])

  const operators = list.phase === 'ready' ? list.operators : []

  function closeForm(): void {
    setEditing({ kind: 'none' })
    setFormRefusal(null)
  }

  async function submit(draft: OperatorDraft): Promise<void> {
    setFormRefusal(null)
    setRefusal(null)
    try {
      if (editing.kind === 'edit') {
        const before = editing.operator
        const updated = await api.invoke('operators:update', {
          id: before.id,
          ...(draft.name !== before.name ? { name: draft.name } : {}),
          ...(draft.extension !== before.extension ? { extension: draft.extension } : {}),
          ...(draft.scopes.join() !== before.scopes.join() ? { scopes: draft.scopes } : {}),
          ...(draft.pin !== null ? { pin: draft.pin } : {})
        })
        setList({ phase: 'ready', operators: operators.map((o) => (o.id === updated.id ? updated : o)) })
        setNote(`${updated.name} is updated.`)
      } else {
        if (draft.pin === null) return
        const created = await api.invoke('operators:create', { name: draft.name, extension: draft.extension, scopes: draft.scopes, pin: draft.pin })
        setList({ phase: 'ready', operators: [...operators, created] })
        setNote(`${created.name} is added and can sign in now.`)
      }
      closeForm()
    } catch (failure) {
      setFormRefusal(errorText(failure))
    }
  }

  function remove(operator: Operator): void {
    setRefusal(null)
    setNote(null)
    api.invoke('operators:remove', { id: operator.id }).then(
      () => {
        setConfirming(null)
        setList({ phase: 'ready', operators: operators.filter((o) => o.id !== operator.id) })
        setNote(`${operator.name} is removed.`)
        addRef.current?.focus()
      },
      (failure: unknown) => {
        setConfirming(null)
        setRefusal(errorText(failure))
      }
    )
  }

  if (list.phase === 'loading') {
    return (
      <p className="muted" role="status">
        Loading the operators…
      </p>
    )
  }
  if (list.phase === 'failed') {
    return (
      <div className="load-failed">
        <p className="form-error" role="alert">
          The operators could not be loaded: {list.message}
        </p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          Try again
        </button>
      </div>
    )
  }

  return (
    <div className="operators">
      <table className="op-table" aria-label="Operators">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Extension</th>
            <th scope="col">Access</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {operators.map((operator) => (
            <tr key={operator.id} data-operator={operator.id}>
              <td>
                <span className="op-name">
                  <span className={`avatar tint-${String(tintOf(operator.id))}`} aria-hidden="true">
                    {initials(operator.name, operator.extension)}
                  </span>
                  <span>{operator.name}</span>
                  {operator.id === currentId && <span className="op-you">you</span>}
                </span>
              </td>
              <td>
                <code className="op-ext">{operator.extension}</code>
              </td>
              <td>
                <span className="op-scopes">
                  {operator.scopes.length === 0 && <span className="scope-badge scope-none">Own calls only</span>}
                  {operator.scopes.includes('configure-everything') && (
                    <span className="scope-badge scope-admin" title={SCOPE_LABEL['configure-everything'].long}>
                      {SCOPE_LABEL['configure-everything'].short}
                    </span>
                  )}
                  {operator.scopes.includes('see-everyone') && (
                    <span className="scope-badge scope-see" title={SCOPE_LABEL['see-everyone'].long}>
                      {SCOPE_LABEL['see-everyone'].short}
                    </span>
                  )}
                  {!operator.scopes.includes('configure-everything') && supervisionModes(operator.scopes).length > 0 && (
                    <span className="scope-badge scope-supervise" title="May supervise calls in these modes">
                      {supervisionModes(operator.scopes)
                        .map((mode) => SCOPE_LABEL[SUPERVISE_SCOPE[mode]].short)
                        .join(' · ')}
                    </span>
                  )}
                </span>
              </td>
              <td className="op-actions">
                {confirming === operator.id ? (
                  <span className="op-confirm" role="group" aria-label={`Remove ${operator.name}?`}>
                    <span>Remove {operator.name}?</span>
                    <button type="button" className="button button-small button-danger" onClick={() => remove(operator)}>
                      Remove
                    </button>
                    <button type="button" className="button button-small" onClick={() => setConfirming(null)}>
                      Keep
                    </button>
                  </span>
                ) : (
                  <>
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={`Edit ${operator.name}`}
                      aria-expanded={editing.kind === 'edit' && editing.operator.id === operator.id}
                      onClick={() => {
                        setNote(null)
                        setFormRefusal(null)
                        setEditing({ kind: 'edit', operator })
                      }}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      aria-label={`Remove ${operator.name}`}
                      onClick={() => {
                        setNote(null)
                        setRefusal(null)
                        setConfirming(operator.id)
                      }}
                    >
                      Remove
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {refusal !== null && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
      <p className="op-note" role="status">
        {note}
      </p>
      {editing.kind === 'none' ? (
        <div>
          <button
            ref={addRef}
            type="button"
            className="button"
            onClick={() => {
              setNote(null)
              setEditing({ kind: 'add' })
            }}
          >
            Add operator
          </button>
        </div>
      ) : (
        <div className="op-form-panel">
          <OperatorForm
            key={editing.kind === 'edit' ? editing.operator.id : 'new'}
            operator={editing.kind === 'edit' ? editing.operator : undefined}
            title={editing.kind === 'edit' ? `Edit ${editing.operator.name}` : 'Add an operator'}
            submitLabel={editing.kind === 'edit' ? 'Save operator' : 'Add operator'}
            busyLabel="Saving…"
            refusal={formRefusal}
            onSubmit={submit}
            onCancel={closeForm}
          />
        </div>
      )}
    </div>
  )
}

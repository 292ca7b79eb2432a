import type { JSX } from 'react'
import { CloseIcon } from '../shell/icons'
import { elapsedSeconds, formatDuration } from '../floor/clock'
import { type Alert, alertTitle } from './pure/evaluate'
import { askNotificationPermission } from './notify'
import { OwnLimits } from './OwnLimits'
import type { AlertsModel } from './useAlerts'
import './alerts.css'

const SNOOZE_MINUTES = [5, 15, 60] as const

function clockTime(ms: number, clockOffset: number): string {
  return new Date(ms - clockOffset).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
}

function AlertItem({ alert, model, clockOffset, onFocus }: { alert: Alert; model: AlertsModel; clockOffset: number; onFocus: (alert: Alert) => void }): JSX.Element {
  const state = model.states.get(alert.key) ?? 'open'
  return (
    <li className={`alert-item alert-${state}`} data-alert-key={alert.key} data-alert-kind={alert.kind}>
      <button type="button" className="alert-what link-button" onClick={() => onFocus(alert)}>
        <strong>{alertTitle(alert)}</strong> <span className="alert-subject">· {alert.subject}</span>
      </button>
      <div className="alert-when muted">
        {alert.kind === 'unanswered-rings' ? (
          `${String(alert.count ?? 0)} calls in a row rang unanswered`
        ) : alert.since === null ? (
          'since an unknown time'
        ) : (
          <>
            since {clockTime(alert.since, clockOffset)} · <span className="time">{formatDuration(elapsedSeconds(alert.since, model.now))}</span>
          </>
        )}
        {alert.kind === 'offline-in-queue' && <> · in {alert.queues.join(', ')}</>}
        {state !== 'open' && <span className="alert-state"> · {state}</span>}
      </div>
      {state === 'open' && (
        <div className="alert-actions">
          <button type="button" className="button button-small" onClick={() => model.acknowledge(alert.key)}>
            Acknowledge
          </button>
          {SNOOZE_MINUTES.map((minutes) => (
            <button key={minutes} type="button" className="button button-small button-quiet" aria-label={`Snooze ${String(minutes)} minutes`} onClick={() => model.snooze(alert.key, minutes)}>
              {minutes}m
            </button>
          ))}
        </div>
      )}
    </li>
  )
}

/** Every alert in force, newest trouble last, with acknowledge and snooze; and how alerts reach this operator. */
export function AlertsPanel({ model, clockOffset, onClose, onFocus }: { model: AlertsModel; clockOffset: number; onClose: () => void; onFocus: (alert: Alert) => void }): JSX.Element {
  const prefs = model.preferences
  return (
    <aside className="customer-panel alerts-panel" aria-label="Alerts">
      <header className="customer-panel-header">
        <div className="customer-panel-heading">
          <div className="customer-panel-kicker">Needs attention</div>
          <h2 className="customer-panel-title">Alerts</h2>
        </div>
        <button type="button" className="icon-button" aria-label="Close alerts" onClick={onClose}>
          <CloseIcon />
        </button>
      </header>
      <section className="customer-panel-section">
        {model.alerts.length === 0 ? (
          <p className="muted">Nothing needs attention.</p>
        ) : (
          <ul className="alert-list">
            {model.alerts.map((alert) => (
              <AlertItem key={alert.key} alert={alert} model={model} clockOffset={clockOffset} onFocus={onFocus} />
            ))}
          </ul>
        )}
      </section>
      {prefs !== null && (
        <section className="customer-panel-section alert-prefs" aria-label="How alerts reach you">
          <label className="check">
            <input type="checkbox" checked={prefs.sound} onChange={(e) => void model.savePreferences({ ...prefs, sound: e.target.checked })} /> Play a sound
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={prefs.notifications}
              onChange={(e) => {
                if (e.target.checked) askNotificationPermission()
                void model.savePreferences({ ...prefs, notifications: e.target.checked })
              }}
            />{' '}
            Show notifications
          </label>
          {model.machine !== null && <OwnLimits prefs={prefs} machine={model.machine} save={model.savePreferences} />}
        </section>
      )}
    </aside>
  )
}

import { type JSX, useEffect, useId, useRef, useState } from 'react'
import { useNow } from '../floor/clock'
import { SlidersIcon } from '../shell/icons'
import { AUDIO_ROLES, type AudioRole, ROLE_LABEL, devicesFor } from './pure/devices'
import { registrationWords } from './pure/registration'
import { softphoneName } from './pure/whose'
import { selectAudio, selectConfig, selectRegistration, useSoftphone, useSoftphoneController } from './useSoftphone'
import './softphone.css'

/**
 * The softphone in the status bar: whose it is (pure/whose.ts), its registration, always visible
 * (registered, registering, failed with the SIP status and reason phrase…), and the audio devices
 * popover.
 */
export function SoftphoneStatus({ operatorExtension }: { operatorExtension: string }): JSX.Element {
  const registration = useSoftphone(selectRegistration)
  const config = useSoftphone(selectConfig)
  const missing = useSoftphone((s) => AUDIO_ROLES.some((role) => s.audio.resolved[role].missing !== null))
  // The shared 1 s clock: while failed, the tooltip counts down to the next attempt.
  const now = useNow()
  const [open, setOpen] = useState(false)
  const words = registrationWords(registration, now)
  const name = softphoneName(config?.configured === true ? config.extension : null, operatorExtension)
  const popoverId = useId()

  return (
    <div className="softphone">
      <div
        className={`softphone-status tone-${words.tone}`}
        data-testid="softphone-status"
        data-state={registration.state}
        role="status"
        aria-live="polite"
        title={name.whose === null ? words.detail : `${words.detail}\n${name.whose}`}
      >
        <span className="connection-dot" aria-hidden="true" />
        <span className="softphone-status-text">
          {name.label} · {words.label}
        </span>
      </div>
      <button
        type="button"
        className={missing ? 'icon-button softphone-audio-button has-notice' : 'icon-button softphone-audio-button'}
        aria-label="Audio devices"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? popoverId : undefined}
        title={missing ? 'Audio devices: a chosen device is not connected' : 'Audio devices'}
        onClick={() => setOpen((value) => !value)}
      >
        <SlidersIcon />
      </button>
      {open && <AudioSettings id={popoverId} onClose={() => setOpen(false)} />}
    </div>
  )
}

function AudioSettings({ id, onClose }: { id: string; onClose: () => void }): JSX.Element {
  const softphone = useSoftphoneController()
  const audio = useSoftphone(selectAudio)
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    ref.current?.querySelector('select')?.focus()
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault()
        event.stopPropagation()
        onClose()
      }
    }
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node | null
      const root = ref.current
      if (root !== null && target !== null && !root.contains(target) && !(target instanceof Element && target.closest('.softphone-audio-button'))) onClose()
    }
    window.addEventListener('keydown', onKey, true)
    window.addEventListener('pointerdown', onPointer, true)
    return () => {
      window.removeEventListener('keydown', onKey, true)
      window.removeEventListener('pointerdown', onPointer, true)
    }
  }, [onClose])

  return (
    <div className="audio-settings" id={id} role="dialog" aria-label="Audio devices" ref={ref}>
      <h2 className="audio-settings-title">Audio devices</h2>
      <p className="audio-settings-hint">Remembered on this computer.</p>
      {AUDIO_ROLES.map((role) => (
        <DeviceField
          key={role}
          role={role}
          disabled={role !== 'microphone' && !audio.outputsSelectable}
          onChoose={(deviceId) => softphone.chooseDevice(role, deviceId)}
        />
      ))}
      {!audio.outputsSelectable && <p className="audio-settings-note">This window cannot choose outputs: calls and ringing use the system default.</p>}
      {!audio.labelsKnown && (
        <button type="button" className="link-button" onClick={() => void softphone.revealDeviceNames()}>
          Show device names (asks for the microphone once)
        </button>
      )}
    </div>
  )
}

function DeviceField({ role, disabled, onChoose }: { role: AudioRole; disabled: boolean; onChoose: (deviceId: string | null) => void }): JSX.Element {
  const audio = useSoftphone(selectAudio)
  const id = useId()
  const choice = audio.choices[role]
  const resolved = audio.resolved[role]
  const devices = devicesFor(role, audio.devices)
  const kind = role === 'microphone' ? 'Microphone' : 'Output'
  return (
    <div className="audio-field">
      <label htmlFor={id}>{ROLE_LABEL[role]}</label>
      <select id={id} value={choice?.deviceId ?? ''} disabled={disabled} onChange={(event) => onChoose(event.target.value === '' ? null : event.target.value)}>
        <option value="">System default</option>
        {devices.map((device, index) => (
          <option key={device.deviceId} value={device.deviceId}>
            {device.label !== '' ? device.label : `${kind} ${String(index + 1)}`}
          </option>
        ))}
        {resolved.missing !== null && (
          <option value={resolved.missing.deviceId}>{`${resolved.missing.label !== '' ? resolved.missing.label : 'Chosen device'} (not connected)`}</option>
        )}
      </select>
      {resolved.missing !== null && <p className="audio-field-note">Not connected: the system default is used until it is back.</p>}
    </div>
  )
}

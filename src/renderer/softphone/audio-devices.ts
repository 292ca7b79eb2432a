/**
 * The softphone's audio devices: the list (refreshed on `devicechange`), the supervisor's choices
 * of microphone, headset and ring output (kept in storage), the microphone SIP.js opens, and the
 * two audio elements — the remote party on the headset, the ring of ordinary calls on the ring output.
 */
import { errorText } from '../../shared/error-text'
import type { SoftphoneEnv } from './env'
import {
  type AudioChoices,
  type AudioDevice,
  type AudioRole,
  type ChoiceStorage,
  type ResolvedDevices,
  choose,
  deviceNotices,
  loadChoices,
  resolveDevices,
  saveChoices
} from './pure/devices'
import { ringtoneWav } from './pure/ringtone'

export interface AudioView {
  devices: readonly AudioDevice[]
  choices: AudioChoices
  resolved: ResolvedDevices
  /** Device names are known (the browser shows them only once a microphone was allowed). */
  labelsKnown: boolean
  /** HTMLMediaElement.setSinkId exists: outputs can be chosen. */
  outputsSelectable: boolean
}

/** What the devices tell the softphone. */
export interface AudioEvents {
  changed(view: AudioView): void
  /** Another microphone is to be used: calls in progress should switch to it. */
  microphoneChanged(): void
}

/** Before the first device list: the stored choices, nothing resolved yet. */
export function initialAudioView(storage: ChoiceStorage | null): AudioView {
  const choices = loadChoices(storage)
  return {
    devices: [],
    choices,
    resolved: resolveDevices(choices, []),
    labelsKnown: false,
    outputsSelectable: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype
  }
}

export class AudioDevices {
  private remoteAudio: HTMLAudioElement | null = null
  private ringAudio: HTMLAudioElement | null = null
  private ringUrl: string | null = null
  private remoteStream: MediaStream | null = null
  private ringing = false
  private resolvedOnce = false

  constructor(
    private readonly env: SoftphoneEnv,
    private view: AudioView,
    private readonly events: AudioEvents
  ) {}

  /** Follows `devicechange` and reads the list once. Returns stop(). */
  watch(): () => void {
    const media = this.env.mediaDevices
    if (media === null) return () => undefined
    const onDeviceChange = (): void => void this.refresh()
    media.addEventListener('devicechange', onDeviceChange)
    void this.refresh()
    return () => media.removeEventListener('devicechange', onDeviceChange)
  }

  /** The remote audio element (headset output); null when it unmounts. */
  attachRemoteAudio(element: HTMLAudioElement | null): void {
    this.remoteAudio = element
    if (element === null) return
    this.applySink(element, this.view.resolved.headset.deviceId)
    this.applyRemoteStream()
  }

  /** The ringing element (ring output). */
  attachRingAudio(element: HTMLAudioElement | null): void {
    this.ringAudio = element
    if (element === null) {
      if (this.ringUrl !== null) URL.revokeObjectURL(this.ringUrl)
      this.ringUrl = null
      return
    }
    this.ringUrl ??= URL.createObjectURL(new Blob([ringtoneWav() as Uint8Array<ArrayBuffer>], { type: 'audio/wav' }))
    element.src = this.ringUrl
    element.loop = true
    this.applySink(element, this.view.resolved.ring.deviceId)
    this.applyRinging()
  }

  /** Plays this call's remote audio on the headset (null: nothing). */
  playRemote(stream: MediaStream | null): void {
    this.remoteStream = stream
    this.applyRemoteStream()
  }

  /** Rings (an ordinary call is ringing) or stops ringing. */
  setRinging(ringing: boolean): void {
    this.ringing = ringing
    this.applyRinging()
  }

  choose(role: AudioRole, deviceId: string | null): void {
    const choices = choose(this.view.choices, role, deviceId, this.view.devices)
    saveChoices(this.env.storage, choices)
    this.apply(this.view.devices, choices, false)
  }

  /** Opens the microphone once so the browser reveals device names (then closes it). */
  async revealNames(): Promise<void> {
    const media = this.env.mediaDevices
    if (media === null) return
    try {
      const stream = await media.getUserMedia({ audio: true, video: false })
      for (const track of stream.getTracks()) track.stop()
    } catch (error) {
      this.env.notify(`The microphone is not available: ${errorText(error)}`)
    }
    await this.refresh()
  }

  /** Reads the device list again (names appear once a microphone was opened). */
  async refresh(): Promise<void> {
    const media = this.env.mediaDevices
    if (media === null) return
    let list: MediaDeviceInfo[]
    try {
      list = await media.enumerateDevices()
    } catch (error) {
      this.env.log('warn', `enumerateDevices: ${errorText(error)}`)
      return
    }
    const devices: AudioDevice[] = []
    for (const d of list) {
      if (d.kind === 'audioinput' || d.kind === 'audiooutput') devices.push({ deviceId: d.deviceId, kind: d.kind, label: d.label })
    }
    this.apply(devices, this.view.choices, true)
  }

  /** SIP.js's MediaStreamFactory: the chosen microphone, or the default when it is not there. */
  async microphone(): Promise<MediaStream> {
    const media = this.env.mediaDevices
    if (media === null) throw new Error('no microphone is available to Earshot')
    const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true }
    const deviceId = this.view.resolved.microphone.deviceId
    if (deviceId !== null) {
      try {
        return await media.getUserMedia({ audio: { ...audio, deviceId: { exact: deviceId } }, video: false })
      } catch (error) {
        this.env.log('warn', `chosen microphone failed, using the default: ${errorText(error)}`)
      }
    }
    return media.getUserMedia({ audio, video: false })
  }

  private apply(devices: readonly AudioDevice[], choices: AudioChoices, announce: boolean): void {
    const before = this.view.resolved
    const resolved = resolveDevices(choices, devices)
    if (announce) {
      for (const notice of deviceNotices(this.resolvedOnce ? before : null, resolved)) this.env.notify(notice)
    }
    this.resolvedOnce = true
    this.view = { ...this.view, devices, choices, resolved, labelsKnown: devices.some((d) => d.label !== '') }
    this.events.changed(this.view)
    if (before.headset.deviceId !== resolved.headset.deviceId && this.remoteAudio !== null) this.applySink(this.remoteAudio, resolved.headset.deviceId)
    if (before.ring.deviceId !== resolved.ring.deviceId && this.ringAudio !== null) this.applySink(this.ringAudio, resolved.ring.deviceId)
    if (before.microphone.deviceId !== resolved.microphone.deviceId) this.events.microphoneChanged()
  }

  private applySink(element: HTMLAudioElement, deviceId: string | null): void {
    if (!this.view.outputsSelectable) return
    element.setSinkId(deviceId ?? '').catch((error: unknown) => this.env.log('warn', `setSinkId: ${errorText(error)}`))
  }

  private applyRemoteStream(): void {
    const element = this.remoteAudio
    if (element === null) return
    const stream = this.remoteStream
    if (element.srcObject === stream) return
    element.srcObject = stream
    if (stream !== null) element.play().catch((error: unknown) => this.env.log('warn', `remote audio: ${errorText(error)}`))
  }

  private applyRinging(): void {
    const element = this.ringAudio
    if (element === null) return
    if (this.ringing && element.paused) {
      element.play().catch((error: unknown) => this.env.log('warn', `ring: ${errorText(error)}`))
    } else if (!this.ringing && !element.paused) {
      element.pause()
      element.currentTime = 0
    }
  }
}

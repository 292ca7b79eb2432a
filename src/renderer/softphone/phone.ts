/**
 * The softphone: registration (through the pure state machine and a SipLink), incoming calls
 * (Earshot's own supervision legs answered by themselves, anything else ringing with Accept /
 * Decline), call audio on the chosen devices, mute and DTMF. Framework-free like FloorStore: React
 * reads it through useStoreSlice (useSoftphone.ts).
 *
 * The SIP password never comes here: main answers each digest challenge (`softphone:digest`).
 */
import { type Invitation, type Session, SessionState, type Web } from 'sip.js'
import type { EarshotApi, SoftphoneConfig } from '../../shared/contract'
import type { SupervisionSession } from '../../shared/supervision'
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
import { TOKEN_WAIT_MS, callerWords, classifyIncoming } from './pure/incoming'
import { RegistrationMachine, type RegistrationState } from './pure/registration'
import { ringtoneWav } from './pure/ringtone'
import { ExternalStore } from '../store/external-store'
import { SipLink } from './sip-link'

export type CallPhase = 'ringing' | 'answering' | 'connected' | 'ended'

/** One call of the softphone, as the UI shows it. */
export interface SoftphoneCall {
  id: string
  /** Earshot's supervision leg (answered by itself) or an ordinary incoming call. */
  kind: 'supervision' | 'ordinary'
  /** The supervision session this leg belongs to. */
  sessionId: string | null
  callerName: string
  callerNumber: string | null
  phase: CallPhase
  muted: boolean
  receivedAt: number
  answeredAt: number | null
}

export interface AudioView {
  devices: readonly AudioDevice[]
  choices: AudioChoices
  resolved: ResolvedDevices
  /** Device names are known (the browser shows them only once a microphone was allowed). */
  labelsKnown: boolean
  /** HTMLMediaElement.setSinkId exists: outputs can be chosen. */
  outputsSelectable: boolean
}

export interface SoftphoneState {
  config: SoftphoneConfig | null
  registration: RegistrationState
  /** Calls that ring or are in progress (ended ones are dropped). */
  calls: readonly SoftphoneCall[]
  audio: AudioView
}

export interface SoftphoneEnv {
  now(): number
  storage: ChoiceStorage | null
  mediaDevices: MediaDevices | null
  /** Window-like target of the `online` event. */
  events: Pick<EventTarget, 'addEventListener' | 'removeEventListener'> | null
  /** A short message for the supervisor (a toast). */
  notify(text: string): void
  log(level: string, text: string): void
}

interface CallRecord {
  view: SoftphoneCall
  invitation: Invitation
  /** The caller ID number as received. */
  number: string
  /** Classified (answered, ringing or turned away); undecided calls wait for their session. */
  decided: boolean
  waitTimer: ReturnType<typeof setTimeout> | null
  /** End was pressed while the answer was still being set up. */
  hangUpWhenConnected: boolean
}

const DTMF_DURATION_MS = 160
const DTMF_GAP_MS = 70
/** A supervision leg whose session main has ended is hung up here if the PBX has not done it by then. */
const ORPHAN_LEG_MS = 2000

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

function sdhOf(session: Session): Web.SessionDescriptionHandler | null {
  return (session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined) ?? null
}

export function browserEnv(notify: (text: string) => void): SoftphoneEnv {
  let storage: ChoiceStorage | null = null
  try {
    storage = window.localStorage
  } catch {
    storage = null
  }
  return {
    now: () => Date.now(),
    storage,
    mediaDevices: typeof navigator !== 'undefined' && 'mediaDevices' in navigator ? navigator.mediaDevices : null,
    events: window,
    notify,
    log: (level, text) => {
      // SIP.js's warnings and errors are diagnostics, not page errors.
      if (level === 'error' || level === 'warn') console.warn(`[softphone] ${text}`)
      else console.debug(`[softphone] ${text}`)
    }
  }
}

function initialSoftphone(storage: ChoiceStorage | null): SoftphoneState {
  const choices = loadChoices(storage)
  return {
    config: null,
    registration: { state: 'loading' },
    calls: [],
    audio: {
      devices: [],
      choices,
      resolved: resolveDevices(choices, []),
      labelsKnown: false,
      outputsSelectable: typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype
    }
  }
}

export class Softphone extends ExternalStore<SoftphoneState> {
  private readonly machine: RegistrationMachine<ReturnType<typeof setTimeout>>
  private readonly records = new Map<string, CallRecord>()
  private sessions: readonly SupervisionSession[] = []
  private readonly usedTokens = new Set<string>()
  private callSeq = 0
  private remoteAudio: HTMLAudioElement | null = null
  private ringAudio: HTMLAudioElement | null = null
  private ringUrl: string | null = null
  private devicesResolvedOnce = false
  private configFromStream = false
  /** Bumped by start() and stop(): answers to requests made before are ignored. */
  private generation = 0
  /** Supervision legs already due to be hung up because main ended their session. */
  private readonly orphans = new WeakSet<CallRecord>()
  private stopFns: Array<() => void> = []

  constructor(
    private readonly api: EarshotApi,
    private readonly env: SoftphoneEnv
  ) {
    super(initialSoftphone(env.storage))
    this.machine = new RegistrationMachine(
      {
        open: (config, url, events) =>
          new SipLink(config, url, events, {
            answerDigest: (challenge) => this.api.invoke('softphone:digest', challenge),
            onInvite: (invitation) => this.onInvite(invitation),
            mediaStreamFactory: (constraints) => this.microphone(constraints),
            log: (level, text) => this.env.log(level, text)
          }),
        now: () => this.env.now(),
        setTimer: (callback, ms) => setTimeout(callback, ms),
        clearTimer: (timer) => clearTimeout(timer),
        random: Math.random
      },
      (registration) => this.set({ ...this.state, registration })
    )
  }

  /** Reads the config (and follows its changes), listens for `online` and device changes. Returns stop(). */
  start(): () => void {
    this.stop()
    try {
      this.stopFns.push(
        this.api.on('softphone:config', (config) => {
          this.configFromStream = true
          this.configure(config)
        })
      )
    } catch (error) {
      this.env.log('warn', `no softphone:config stream: ${reasonOf(error)}`)
    }
    this.configFromStream = false
    const generation = ++this.generation
    // An answer after stop() (or after a newer start) must not open a link on a stopped softphone.
    const current = (): boolean => generation === this.generation && !this.configFromStream
    this.api.invoke('softphone:config', {}).then(
      (config) => {
        if (current()) this.configure(config)
      },
      (error: unknown) => {
        if (current()) this.configure({ configured: false, reason: `Earshot could not read the softphone settings: ${reasonOf(error)}` })
      }
    )
    const onOnline = (): void => this.machine.online()
    this.env.events?.addEventListener('online', onOnline)
    this.stopFns.push(() => this.env.events?.removeEventListener('online', onOnline))
    const media = this.env.mediaDevices
    if (media !== null) {
      const onDeviceChange = (): void => void this.refreshDevices()
      media.addEventListener('devicechange', onDeviceChange)
      this.stopFns.push(() => media.removeEventListener('devicechange', onDeviceChange))
      void this.refreshDevices()
    }
    return () => this.stop()
  }

  stop(): void {
    this.generation++
    for (const stop of this.stopFns.splice(0)) stop()
    this.machine.stop()
    for (const record of this.records.values()) if (record.waitTimer !== null) clearTimeout(record.waitTimer)
    this.records.clear()
    this.updateCalls()
  }

  /** The supervision sessions of this machine (from main), for recognising Earshot's own legs. */
  setSessions(sessions: readonly SupervisionSession[]): void {
    this.sessions = sessions
    for (const record of [...this.records.values()]) {
      if (!record.decided) this.decide(record, false)
    }
    for (const session of sessions) {
      if (session.phase !== 'ended') continue
      for (const record of this.records.values()) {
        if (record.view.sessionId !== session.id || record.view.phase === 'ended' || this.orphans.has(record)) continue
        this.orphans.add(record)
        setTimeout(() => {
          if (this.records.get(record.view.id) === record && record.view.phase !== 'ended') this.hangUp(record.view.id)
        }, ORPHAN_LEG_MS)
      }
    }
  }

  // ---- Calls ----------------------------------------------------------------------------------

  accept(callId: string): void {
    const record = this.records.get(callId)
    if (record === undefined || record.view.phase !== 'ringing') return
    this.answer(record)
  }

  decline(callId: string): void {
    const record = this.records.get(callId)
    if (record === undefined || record.view.phase !== 'ringing') return
    record.invitation.reject({ statusCode: 603, reasonPhrase: 'Decline' }).catch((error: unknown) => this.env.log('warn', `decline: ${reasonOf(error)}`))
  }

  /** Ends a call: BYE when connected, a rejection while it still rings. */
  hangUp(callId: string): void {
    const record = this.records.get(callId)
    if (record === undefined) return
    const invitation = record.invitation
    switch (invitation.state) {
      case SessionState.Initial:
        invitation.reject({ statusCode: 603, reasonPhrase: 'Decline' }).catch(() => undefined)
        return
      case SessionState.Establishing:
        // Accepted but not confirmed yet: BYE as soon as it is.
        record.hangUpWhenConnected = true
        return
      case SessionState.Established:
        invitation.bye().catch((error: unknown) => this.env.log('warn', `bye: ${reasonOf(error)}`))
        return
      case SessionState.Terminating:
      case SessionState.Terminated:
        return
    }
  }

  /** Hangs up the leg of a supervision session (End: only the supervisor's leg). */
  hangUpSession(sessionId: string): void {
    for (const record of this.records.values()) if (record.view.sessionId === sessionId) this.hangUp(record.view.id)
  }

  setMuted(callId: string, muted: boolean): void {
    const record = this.records.get(callId)
    if (record === undefined) return
    this.update(record, { muted })
    this.applyMute(record)
  }

  /** Whether the leg of this session can send RFC 4733 DTMF now. */
  canSendDtmf(sessionId: string): boolean {
    const record = this.connectedLeg(sessionId)
    if (record === null) return false
    const pc = sdhOf(record.invitation)?.peerConnection
    const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio') ?? pc?.getSenders()[0]
    return sender?.dtmf?.canInsertDTMF === true
  }

  /** Sends one digit on the session's leg as RFC 4733 events; false when it could not. */
  sendDtmf(sessionId: string, digit: string): boolean {
    const record = this.connectedLeg(sessionId)
    const sdh = record === null ? null : sdhOf(record.invitation)
    if (sdh === null) return false
    return sdh.sendDtmf(digit, { duration: DTMF_DURATION_MS, interToneGap: DTMF_GAP_MS })
  }

  private connectedLeg(sessionId: string): CallRecord | null {
    for (const record of this.records.values()) {
      if (record.view.sessionId === sessionId && record.view.phase === 'connected') return record
    }
    return null
  }

  private onInvite(invitation: Invitation): void {
    const number = invitation.remoteIdentity.uri.user ?? ''
    const words = callerWords(invitation.remoteIdentity.displayName, number)
    const id = `call-${String(++this.callSeq)}`
    const record: CallRecord = {
      view: {
        id,
        kind: 'ordinary',
        sessionId: null,
        callerName: words.name,
        callerNumber: words.number,
        phase: 'ringing',
        muted: false,
        receivedAt: this.env.now(),
        answeredAt: null
      },
      invitation,
      number,
      decided: false,
      waitTimer: null,
      hangUpWhenConnected: false
    }
    this.records.set(id, record)
    invitation.stateChange.addListener((state) => this.onSessionState(record, state))
    this.decide(record, false)
  }

  private decide(record: CallRecord, waited: boolean): void {
    if (record.decided || this.records.get(record.view.id) !== record) return
    const busy = [...this.records.values()].some((r) => r !== record && r.decided && r.view.phase !== 'ended')
    const decision = classifyIncoming(record.number, { sessions: this.sessions, usedTokens: this.usedTokens, busy, waited })
    if (decision.kind === 'wait') {
      record.waitTimer ??= setTimeout(() => {
        record.waitTimer = null
        this.decide(record, true)
      }, TOKEN_WAIT_MS)
      return
    }
    if (record.waitTimer !== null) clearTimeout(record.waitTimer)
    record.waitTimer = null
    record.decided = true
    switch (decision.kind) {
      case 'supervision': {
        this.usedTokens.add(record.number)
        const session = decision.session
        this.update(record, { kind: 'supervision', sessionId: session.id, callerName: session.agentName, callerNumber: session.agentExtension })
        this.answer(record)
        return
      }
      case 'busy':
        this.records.delete(record.view.id)
        record.invitation.reject({ statusCode: 486, reasonPhrase: 'Busy Here' }).catch(() => undefined)
        return
      case 'ordinary':
        record.invitation.progress().catch(() => undefined)
        this.updateCalls()
        return
    }
  }

  private answer(record: CallRecord): void {
    this.update(record, { phase: 'answering' })
    record.invitation
      .accept({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } })
      .catch((error: unknown) => {
        this.env.notify(`The softphone could not answer: ${reasonOf(error)}`)
        if (record.invitation.state === SessionState.Initial || record.invitation.state === SessionState.Establishing) {
          record.invitation.reject({ statusCode: 488, reasonPhrase: 'Not Acceptable Here' }).catch(() => undefined)
        }
      })
  }

  private onSessionState(record: CallRecord, state: SessionState): void {
    switch (state) {
      case SessionState.Established:
        this.update(record, { phase: 'connected', answeredAt: this.env.now() })
        this.applyMute(record)
        // Devices may have names now that a microphone was opened.
        void this.refreshDevices()
        if (record.hangUpWhenConnected) this.hangUp(record.view.id)
        return
      case SessionState.Terminated:
        if (record.waitTimer !== null) clearTimeout(record.waitTimer)
        this.records.delete(record.view.id)
        this.updateCalls()
        return
      case SessionState.Initial:
      case SessionState.Establishing:
      case SessionState.Terminating:
        return
    }
  }

  private applyMute(record: CallRecord): void {
    const sdh = sdhOf(record.invitation)
    try {
      sdh?.enableSenderTracks(!record.view.muted)
    } catch {
      // The peer connection is closed: nothing to mute.
    }
  }

  private update(record: CallRecord, patch: Partial<SoftphoneCall>): void {
    record.view = { ...record.view, ...patch }
    this.updateCalls()
  }

  private updateCalls(): void {
    const calls = [...this.records.values()].filter((r) => r.decided).map((r) => r.view)
    this.set({ ...this.state, calls })
    this.updateRemoteAudio()
    this.updateRinging()
  }

  // ---- Audio ----------------------------------------------------------------------------------

  /** The remote audio element (headset output); null when it unmounts. */
  attachRemoteAudio(element: HTMLAudioElement | null): void {
    this.remoteAudio = element
    if (element === null) return
    this.applySink(element, this.state.audio.resolved.headset.deviceId)
    this.updateRemoteAudio()
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
    this.applySink(element, this.state.audio.resolved.ring.deviceId)
    this.updateRinging()
  }

  chooseDevice(role: AudioRole, deviceId: string | null): void {
    const choices = choose(this.state.audio.choices, role, deviceId, this.state.audio.devices)
    saveChoices(this.env.storage, choices)
    this.applyDevices(this.state.audio.devices, choices, false)
  }

  /** Opens the microphone once so the browser reveals device names (then closes it). */
  async revealDeviceNames(): Promise<void> {
    const media = this.env.mediaDevices
    if (media === null) return
    try {
      const stream = await media.getUserMedia({ audio: true, video: false })
      for (const track of stream.getTracks()) track.stop()
    } catch (error) {
      this.env.notify(`The microphone is not available: ${reasonOf(error)}`)
    }
    await this.refreshDevices()
  }

  private async refreshDevices(): Promise<void> {
    const media = this.env.mediaDevices
    if (media === null) return
    let list: MediaDeviceInfo[]
    try {
      list = await media.enumerateDevices()
    } catch (error) {
      this.env.log('warn', `enumerateDevices: ${reasonOf(error)}`)
      return
    }
    const devices: AudioDevice[] = []
    for (const d of list) {
      if (d.kind === 'audioinput' || d.kind === 'audiooutput') devices.push({ deviceId: d.deviceId, kind: d.kind, label: d.label })
    }
    this.applyDevices(devices, this.state.audio.choices, true)
  }

  private applyDevices(devices: readonly AudioDevice[], choices: AudioChoices, announce: boolean): void {
    const before = this.state.audio.resolved
    const resolved = resolveDevices(choices, devices)
    if (announce) {
      for (const notice of deviceNotices(this.devicesResolvedOnce ? before : null, resolved)) this.env.notify(notice)
    }
    this.devicesResolvedOnce = true
    this.set({
      ...this.state,
      audio: { ...this.state.audio, devices, choices, resolved, labelsKnown: devices.some((d) => d.label !== '') }
    })
    if (before.headset.deviceId !== resolved.headset.deviceId && this.remoteAudio !== null) this.applySink(this.remoteAudio, resolved.headset.deviceId)
    if (before.ring.deviceId !== resolved.ring.deviceId && this.ringAudio !== null) this.applySink(this.ringAudio, resolved.ring.deviceId)
    if (before.microphone.deviceId !== resolved.microphone.deviceId) void this.replaceMicrophones()
  }

  private applySink(element: HTMLAudioElement, deviceId: string | null): void {
    if (!this.state.audio.outputsSelectable) return
    element.setSinkId(deviceId ?? '').catch((error: unknown) => this.env.log('warn', `setSinkId: ${reasonOf(error)}`))
  }

  /** The microphone changed mid-call: swap the track on every call (mute carries over). */
  private async replaceMicrophones(): Promise<void> {
    for (const record of this.records.values()) {
      const sdh = sdhOf(record.invitation)
      const sender = sdh?.peerConnection?.getSenders().find((s) => s.track?.kind === 'audio')
      if (sdh === null || sender === undefined || record.view.phase !== 'connected') continue
      try {
        const track = (await this.microphone({ audio: true, video: false })).getAudioTracks()[0]
        if (track === undefined) continue
        track.enabled = !record.view.muted
        const old = sender.track
        await sender.replaceTrack(track)
        if (old !== null) {
          old.stop()
          sdh.localMediaStream.removeTrack(old)
        }
        sdh.localMediaStream.addTrack(track)
      } catch (error) {
        this.env.notify(`Could not switch the microphone: ${reasonOf(error)}`)
      }
    }
  }

  /** SIP.js's MediaStreamFactory: the chosen microphone, or the default when it is not there. */
  private async microphone(_constraints: MediaStreamConstraints): Promise<MediaStream> {
    const media = this.env.mediaDevices
    if (media === null) throw new Error('no microphone is available to Earshot')
    const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true }
    const deviceId = this.state.audio.resolved.microphone.deviceId
    if (deviceId !== null) {
      try {
        return await media.getUserMedia({ audio: { ...audio, deviceId: { exact: deviceId } }, video: false })
      } catch (error) {
        this.env.log('warn', `chosen microphone failed, using the default: ${reasonOf(error)}`)
      }
    }
    return media.getUserMedia({ audio, video: false })
  }

  private updateRemoteAudio(): void {
    const element = this.remoteAudio
    if (element === null) return
    let latest: CallRecord | null = null
    for (const record of this.records.values()) {
      if (record.view.phase !== 'connected') continue
      if (latest === null || (record.view.answeredAt ?? 0) >= (latest.view.answeredAt ?? 0)) latest = record
    }
    const stream = latest === null ? null : (sdhOf(latest.invitation)?.remoteMediaStream ?? null)
    if (element.srcObject === stream) return
    element.srcObject = stream
    if (stream !== null) element.play().catch((error: unknown) => this.env.log('warn', `remote audio: ${reasonOf(error)}`))
  }

  private updateRinging(): void {
    const element = this.ringAudio
    if (element === null) return
    const ringing = this.state.calls.some((c) => c.kind === 'ordinary' && c.phase === 'ringing')
    if (ringing && element.paused) {
      element.play().catch((error: unknown) => this.env.log('warn', `ring: ${reasonOf(error)}`))
    } else if (!ringing && !element.paused) {
      element.pause()
      element.currentTime = 0
    }
  }

  private configure(config: SoftphoneConfig): void {
    this.set({ ...this.state, config })
    this.machine.configure(config)
  }
}

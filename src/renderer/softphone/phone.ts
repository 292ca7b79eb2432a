/**
 * The softphone: registration (through the pure state machine and a SipLink), its calls
 * (calls.ts) and its audio devices (audio-devices.ts), as one store. Framework-free like
 * FloorStore: React reads it through useStoreSlice (useSoftphone.ts).
 *
 * The SIP password never comes here: main answers each digest challenge (`softphone:digest`).
 */
import type { EarshotApi, SoftphoneConfig } from '../../shared/contract'
import type { SupervisionSession } from '../../shared/supervision'
import { ExternalStore } from '../store/external-store'
import { AudioDevices, type AudioView, initialAudioView } from './audio-devices'
import { type SoftphoneCall, SoftphoneCalls } from './calls'
import { errorText } from '../../shared/error-text'
import type { SoftphoneEnv } from './env'
import type { AudioRole } from './pure/devices'
import { RegistrationMachine, type RegistrationState } from './pure/registration'
import { SipLink } from './sip-link'

export type { AudioView } from './audio-devices'
export type { CallPhase, SoftphoneCall } from './calls'
export { type SoftphoneEnv, browserEnv } from './env'

export interface SoftphoneState {
  config: SoftphoneConfig | null
  registration: RegistrationState
  /** Calls that ring or are in progress (ended ones are dropped). */
  calls: readonly SoftphoneCall[]
  audio: AudioView
}

export class Softphone extends ExternalStore<SoftphoneState> {
  private readonly machine: RegistrationMachine<ReturnType<typeof setTimeout>>
  private readonly calls: SoftphoneCalls
  private readonly audio: AudioDevices
  private configFromStream = false
  /** Bumped by start() and stop(): answers to requests made before are ignored. */
  private generation = 0
  private stopFns: Array<() => void> = []

  constructor(
    private readonly api: EarshotApi,
    private readonly env: SoftphoneEnv
  ) {
    super({ config: null, registration: { state: 'loading' }, calls: [], audio: initialAudioView(env.storage) })
    this.audio = new AudioDevices(env, this.state.audio, {
      changed: (audio) => this.set({ ...this.state, audio }),
      microphoneChanged: () => void this.calls.replaceMicrophone(() => this.audio.microphone())
    })
    this.calls = new SoftphoneCalls(env, {
      changed: (calls) => {
        this.set({ ...this.state, calls })
        this.audio.playRemote(this.calls.remoteStream())
        this.audio.setRinging(calls.some((c) => c.kind === 'ordinary' && c.phase === 'ringing'))
      },
      connected: () => void this.audio.refresh()
    })
    this.machine = new RegistrationMachine(
      {
        open: (config, url, events) =>
          new SipLink(config, url, events, {
            answerDigest: (challenge) => this.api.invoke('softphone:digest', challenge),
            onInvite: (invitation) => this.calls.receive(invitation),
            mediaStreamFactory: () => this.audio.microphone(),
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
      this.env.log('warn', `no softphone:config stream: ${errorText(error)}`)
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
        if (current()) this.configure({ configured: false, reason: `Earshot could not read the softphone settings: ${errorText(error)}` })
      }
    )
    const onOnline = (): void => this.machine.online()
    this.env.events?.addEventListener('online', onOnline)
    this.stopFns.push(() => this.env.events?.removeEventListener('online', onOnline))
    this.stopFns.push(this.audio.watch())
    return () => this.stop()
  }

  stop(): void {
    void this.shutdown()
  }

  /**
   * Stops, and resolves once the registration is removed and the socket closed (or closing gave
   * up waiting for the PBX). Sign-out waits for it: main answers the un-REGISTER's digest
   * challenge only while an operator is signed in (main/softphone/digest-policy.ts).
   */
  shutdown(): Promise<void> {
    this.generation++
    for (const stop of this.stopFns.splice(0)) stop()
    const closed = this.machine.stop()
    this.calls.clear()
    return closed
  }

  /** The supervision sessions of this machine (from main), for recognising Earshot's own legs. */
  setSessions(sessions: readonly SupervisionSession[]): void {
    this.calls.setSessions(sessions)
  }

  accept(callId: string): void {
    this.calls.accept(callId)
  }

  decline(callId: string): void {
    this.calls.decline(callId)
  }

  /** Ends a call: BYE when connected, a rejection while it still rings. */
  hangUp(callId: string): void {
    this.calls.hangUp(callId)
  }

  /** Hangs up the leg of a supervision session (End: only the supervisor's leg). */
  hangUpSession(sessionId: string): void {
    this.calls.hangUpSession(sessionId)
  }

  setMuted(callId: string, muted: boolean): void {
    this.calls.setMuted(callId, muted)
  }

  /** Whether the leg of this session can send RFC 4733 DTMF now. */
  canSendDtmf(sessionId: string): boolean {
    return this.calls.canSendDtmf(sessionId)
  }

  /** Sends one digit on the session's leg as RFC 4733 events; false when it could not. */
  sendDtmf(sessionId: string, digit: string): boolean {
    return this.calls.sendDtmf(sessionId, digit)
  }

  /** The remote audio element (headset output); null when it unmounts. */
  attachRemoteAudio(element: HTMLAudioElement | null): void {
    this.audio.attachRemoteAudio(element)
  }

  /** The ringing element (ring output). */
  attachRingAudio(element: HTMLAudioElement | null): void {
    this.audio.attachRingAudio(element)
  }

  chooseDevice(role: AudioRole, deviceId: string | null): void {
    this.audio.choose(role, deviceId)
  }

  /** Opens the microphone once so the browser reveals device names (then closes it). */
  revealDeviceNames(): Promise<void> {
    return this.audio.revealNames()
  }

  private configure(config: SoftphoneConfig): void {
    this.set({ ...this.state, config })
    this.machine.configure(config)
  }
}

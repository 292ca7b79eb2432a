/**
 * The SIP side of the registration machine: one SIP.js UserAgent + Registerer over a WebSocket,
 * with the digest plug installed (main answers the challenges). Incoming INVITEs go to the
 * softphone; everything about registration is reported to the machine as RegistrationLinkEvents.
 */
import { type Invitation, Registerer, RegistererState, UserAgent, Web } from 'sip.js'
import type { DigestAnswerer } from './pure/digest'
import { DigestPlug, installDigestPlug } from './pure/digest'
import type { ConfiguredSoftphone, RegistrationLink, RegistrationLinkEvents } from './pure/registration'
import { errorText } from '../../shared/error-text'

export interface SipLinkHooks {
  answerDigest: DigestAnswerer
  onInvite(invitation: Invitation): void
  /** The microphone for a call (the chosen device, with the default as fallback). */
  mediaStreamFactory: Web.MediaStreamFactory
  /** Where SIP.js's own log lines go (never console.error: that is for Earshot's errors). */
  log?: (level: string, text: string) => void
}

/** How long a registration lasts before SIP.js refreshes it (at 99 % by default). */
const EXPIRES_SECONDS = 300
/** How long close() waits for the PBX to answer the un-REGISTER before it drops the socket anyway. */
const CLOSE_WAIT_MS = 4000

export class SipLink implements RegistrationLink {
  readonly userAgent: UserAgent
  private readonly registerer: Registerer
  private readonly plug: DigestPlug
  private started = false
  private closing = false
  private closed: Promise<void> | null = null
  /** A REGISTER we sent is waiting for its final response, which has not been reported yet. */
  private outstanding = false

  constructor(
    config: ConfiguredSoftphone,
    private readonly url: string,
    private readonly events: RegistrationLinkEvents,
    hooks: SipLinkHooks
  ) {
    // An IPv6 host goes in brackets in a SIP URI (main gives the bare address).
    const domain = config.domain.includes(':') && !config.domain.startsWith('[') ? `[${config.domain}]` : config.domain
    const uri = UserAgent.makeURI(`sip:${config.extension}@${domain}`)
    if (uri === undefined) throw new Error(`“${config.extension}@${config.domain}” is not a SIP address`)
    const log = hooks.log ?? (() => undefined)
    this.plug = new DigestPlug(hooks.answerDigest, { warn: (text) => log('warn', `digest: ${text}`) })
    this.userAgent = new UserAgent({
      uri,
      displayName: config.displayName,
      authorizationUsername: config.authUser,
      transportOptions: { server: url, connectionTimeout: 6, keepAliveInterval: 25 },
      // The registration machine reconnects (with its own backoff), not SIP.js.
      reconnectionAttempts: 0,
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => log(level, `${category}: ${String(content)}`),
      userAgentString: 'Earshot softphone (SIP.js 0.21)',
      sessionDescriptionHandlerFactory: Web.defaultSessionDescriptionHandlerFactory(hooks.mediaStreamFactory),
      // The PBX is on the LAN (or this computer): host candidates only, no public STUN server.
      sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] }, iceGatheringTimeout: 2000 },
      delegate: {
        onConnect: () => this.events.connected(),
        onDisconnect: (error) => {
          if (this.closing) return
          this.events.disconnected(error === undefined ? 'Disconnected from the PBX' : `Connection to the PBX lost (${error.message})`)
        },
        onInvite: (invitation) => {
          // Closing (signing out): nobody is there to answer.
          if (this.closing) invitation.reject({ statusCode: 480 }).catch(() => undefined)
          else hooks.onInvite(invitation)
        }
      }
    })
    installDigestPlug(this.userAgent, this.plug)
    this.registerer = new Registerer(this.userAgent, { expires: EXPIRES_SECONDS })

    // SIP.js refreshes the registration by calling register() on its own: route those through the
    // same delegate, so a failed refresh is reported with its status like the first REGISTER.
    const register = this.registerer.register.bind(this.registerer)
    this.registerer.register = (options = {}) => {
      this.outstanding = true
      return register({
        ...options,
        requestDelegate: {
          ...options.requestDelegate,
          onAccept: (response) => {
            this.outstanding = false
            // Reported here, not on the registerer's state change: a REGISTER after the socket
            // came back finds it still "Registered", and SIP.js does not emit that again.
            if (!this.closing) this.events.registered()
            options.requestDelegate?.onAccept?.(response)
          },
          onReject: (response) => {
            this.outstanding = false
            if (this.closing) return
            const code = response.message.statusCode ?? null
            let phrase = response.message.reasonPhrase ?? 'Rejected'
            if ((code === 401 || code === 407) && this.plug.lastError !== null) phrase = `${phrase} (${this.plug.lastError})`
            this.events.rejected(code, phrase)
            options.requestDelegate?.onReject?.(response)
          }
        }
      })
    }
    this.registerer.stateChange.addListener((state) => {
      if (this.closing || state !== RegistererState.Unregistered) return
      if (!this.outstanding) {
        // No REGISTER under way: the registration ran out without a successful refresh.
        this.events.rejected(null, 'The registration expired')
        return
      }
      // A rejected REGISTER reports itself right after this (onReject above); one SIP.js dropped
      // (a 200 without this softphone's contact) never does.
      queueMicrotask(() => {
        if (!this.outstanding || this.closing) return
        this.outstanding = false
        this.events.rejected(null, 'The PBX answered the registration without this softphone’s contact')
      })
    })
  }

  connect(): void {
    const first = !this.started
    this.started = true
    const attempt = first ? this.userAgent.start() : this.userAgent.reconnect()
    attempt.catch((error: unknown) => {
      if (this.closing) return
      this.events.disconnected(`Could not connect to ${this.url} (${errorText(error)})`)
    })
  }

  register(): void {
    if (this.outstanding) return
    this.registerer.register().catch((error: unknown) => {
      this.outstanding = false
      if (!this.closing) this.events.rejected(null, errorText(error))
    })
  }

  isConnected(): boolean {
    return this.userAgent.isConnected()
  }

  /**
   * Unregisters, ends this user agent's calls and closes the socket; resolves when done. The plug
   * keeps delivering until then: the un-REGISTER is challenged like any REGISTER (Asterisk, once
   * the last nonce has expired), and its 401 must reach main and the answer the PBX, or the
   * contact stays and the stop never finishes, leaving the WebSocket open (issue 13.3).
   */
  close(): Promise<void> {
    if (this.closed !== null) return this.closed
    this.closing = true
    this.closed = (async () => {
      let timer: ReturnType<typeof setTimeout> | undefined
      await Promise.race([
        this.userAgent.stop().catch(() => undefined),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, CLOSE_WAIT_MS)
        })
      ])
      clearTimeout(timer)
      this.plug.close()
      // A PBX that never answered: the socket goes anyway (the registrar drops a closed socket's contact).
      await this.userAgent.transport.dispose().catch(() => undefined)
    })()
    return this.closed
  }
}

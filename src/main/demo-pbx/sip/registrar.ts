/**
 * REGISTER over WebSocket, as res_pjsip_registrar answers it for the lab's supervisor (AOR =
 * endpoint name, max one contact per WebSocket, remove_existing): the To user must be the
 * authenticated endpoint's AOR (404), Contact `*` only with Expires 0 (400), an expiry below the
 * minimum gets 423 with Min-Expires, above the maximum is cut to it. A registration lives until
 * Expires 0, its expiry, or the WebSocket closing (Asterisk drops contacts of a closed transport).
 */
import type { PbxModel } from '../model'
import { registerSoftphone, refreshSoftphone, unregister } from '../presence'
import type { SimEndpoint } from '../types'
import { type SipRequest } from './message'
import { param, parseNameAddr, parseSipUri, parseVia } from './uri'

export interface ExpiryLimits {
  /** res_pjsip aor minimum_expiration / maximum_expiration / default_expiration (s). */
  minimum: number
  maximum: number
  default: number
}

export const ASTERISK_EXPIRY: ExpiryLimits = { minimum: 60, maximum: 7200, default: 3600 }

/** What the registrar decided: the status and the headers of the response. */
export interface RegisterOutcome {
  status: number
  headers: Array<[string, string]>
}

interface Binding<C> {
  connection: C
  uri: string
  timer: NodeJS.Timeout
  /** Epoch ms (registrations expire in real time, whatever speed the PBX clock runs at). */
  expiresAt: number
}

/** How a registration ended, for the debug report (Asterisk says only "Removed" on AMI). */
export type RemovedHow = 'unregistered' | 'expired' | 'connection closed' | 'replaced'

export interface Removal {
  ext: string
  uri: string
  how: RemovedHow
}

/** The removals the debug report keeps (the latest). */
const REMOVALS_KEPT = 50

export class Registrar<C extends object> {
  private readonly bindings = new Map<string, Binding<C>>()
  /** The latest registrations that ended, and how: a test can tell an answered un-REGISTER from a dropped socket. */
  readonly removals: Removal[] = []

  constructor(
    private readonly model: PbxModel,
    private readonly limits: ExpiryLimits = ASTERISK_EXPIRY
  ) {}

  /** The WebSocket (and contact URI) an endpoint is registered over, if any. */
  binding(ext: string): { connection: C; uri: string } | null {
    const b = this.bindings.get(ext)
    const ep = this.model.endpoints.get(ext)
    // The model may have lost the contact meanwhile (a scripted unregister): no phone then.
    if (b === undefined || ep?.contact == null || ep.contact.uri !== b.uri) return null
    return { connection: b.connection, uri: b.uri }
  }

  /** Every live registration: the endpoint, its contact and its WebSocket. */
  list(): Array<{ ext: string; uri: string; connection: C }> {
    return [...this.bindings.keys()].flatMap((ext) => {
      const b = this.binding(ext)
      return b === null ? [] : [{ ext, ...b }]
    })
  }

  /** A REGISTER from `connection`, authenticated as endpoint `ep`. */
  register(connection: C, req: SipRequest, ep: SimEndpoint): RegisterOutcome {
    const to = parseNameAddr(req.headers.get('To') ?? '')
    const toUri = to === null ? null : parseSipUri(to.uri)
    if (to === null) return { status: 400, headers: [] }
    if (toUri === null) return { status: 416, headers: [] }
    if (toUri.user !== ep.ext) return { status: 404, headers: [] }

    const expiresHeader = req.headers.get('Expires')
    const headerExpires = expiresHeader !== undefined && /^\s*\d{1,10}\s*$/.test(expiresHeader) ? Number(expiresHeader) : null
    if (expiresHeader !== undefined && headerExpires === null) return { status: 400, headers: [] }
    const contacts = req.headers.getAll('Contact').map((c) => parseNameAddr(c))
    if (contacts.some((c) => c === null)) return { status: 400, headers: [] }
    const parsed = contacts as NonNullable<(typeof contacts)[number]>[]

    if (parsed.some((c) => c.uri === '*')) {
      // RFC 3261 §10.3 step 6: `*` must be alone, with Expires: 0.
      if (parsed.length !== 1 || headerExpires !== 0) return { status: 400, headers: [] }
      this.remove(ep, 'unregistered')
      return this.ok(ep, expiresHeader !== undefined)
    }

    const wanted: Array<{ uri: string; expires: number }> = []
    for (const c of parsed) {
      if (parseSipUri(c.uri) === null) return { status: 400, headers: [] }
      const fromParam = param(c.params, 'expires')
      const requested = fromParam != null && /^\d{1,10}$/.test(fromParam) ? Number(fromParam) : (headerExpires ?? this.limits.default)
      if (requested !== 0 && requested < this.limits.minimum) return { status: 423, headers: [['Min-Expires', String(this.limits.minimum)]] }
      wanted.push({ uri: c.uri, expires: Math.min(requested, this.limits.maximum) })
    }
    const adding = wanted.filter((w) => w.expires > 0)
    // One WebSocket, one contact: more than one live contact in one REGISTER exceeds the AOR.
    if (adding.length > 1) return { status: 403, headers: [] }
    for (const w of wanted) if (w.expires === 0 && ep.contact?.uri === w.uri) this.remove(ep, 'unregistered')
    const add = adding[0]
    if (add !== undefined) this.bind(connection, req, ep, add.uri, add.expires)
    return this.ok(ep, expiresHeader !== undefined)
  }

  /** The WebSocket closed: its registration goes (Removed). */
  connectionClosed(connection: C): void {
    for (const [ext, b] of this.bindings) {
      if (b.connection !== connection) continue
      const ep = this.model.endpoints.get(ext)
      if (ep !== undefined) this.remove(ep, 'connection closed')
    }
  }

  close(): void {
    for (const b of this.bindings.values()) clearTimeout(b.timer)
    this.bindings.clear()
  }

  private bind(connection: C, req: SipRequest, ep: SimEndpoint, uri: string, expires: number): void {
    const existing = this.bindings.get(ep.ext)
    // The same phone on the same WebSocket refreshes; anything else is a new contact.
    if (existing !== undefined && existing.connection === connection && existing.uri === uri && ep.contact?.uri === uri) {
      clearTimeout(existing.timer)
      existing.timer = this.expiryTimer(ep, uri, expires)
      existing.expiresAt = Date.now() + expires * 1000
      refreshSoftphone(this.model, ep, expires)
      return
    }
    // A WebSocket holds one registration: one it held for another endpoint goes.
    for (const [ext, b] of this.bindings) {
      if (b.connection === connection && ext !== ep.ext) {
        const other = this.model.endpoints.get(ext)
        if (other !== undefined) this.remove(other, 'replaced')
      }
    }
    if (existing !== undefined) {
      clearTimeout(existing.timer)
      this.bindings.delete(ep.ext)
      this.removed(ep.ext, existing.uri, 'replaced')
    }
    const via = parseVia(req.headers.lines('Via')[0] ?? '')
    registerSoftphone(this.model, ep, {
      uri,
      callId: req.headers.get('Call-ID') ?? '',
      viaAddr: via?.host ?? '127.0.0.1',
      viaPort: via?.port ?? 0,
      userAgent: req.headers.get('User-Agent') ?? '',
      expiresS: expires
    })
    this.bindings.set(ep.ext, { connection, uri, timer: this.expiryTimer(ep, uri, expires), expiresAt: Date.now() + expires * 1000 })
  }

  private expiryTimer(ep: SimEndpoint, uri: string, expires: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      if (this.bindings.get(ep.ext)?.uri === uri) this.remove(ep, 'expired')
    }, expires * 1000)
    timer.unref()
    return timer
  }

  /** Removes the endpoint's softphone registration (and only a softphone's). */
  private remove(ep: SimEndpoint, how: RemovedHow): void {
    const b = this.bindings.get(ep.ext)
    if (b === undefined) return
    clearTimeout(b.timer)
    this.bindings.delete(ep.ext)
    this.removed(ep.ext, b.uri, how)
    if (ep.contact?.uri === b.uri) unregister(this.model, ep)
  }

  private removed(ext: string, uri: string, how: RemovedHow): void {
    this.removals.push({ ext, uri, how })
    if (this.removals.length > REMOVALS_KEPT) this.removals.shift()
  }

  private ok(ep: SimEndpoint, echoExpires: boolean): RegisterOutcome {
    const headers: Array<[string, string]> = [['Date', new Date().toUTCString()]]
    const b = this.bindings.get(ep.ext)
    const contact = ep.contact
    let remaining = 0
    if (b !== undefined && contact !== null && contact.uri === b.uri) {
      remaining = Math.max(0, Math.round((b.expiresAt - Date.now()) / 1000))
      headers.push(['Contact', `<${contact.uri}>;expires=${remaining}`])
    }
    if (echoExpires) headers.push(['Expires', String(remaining)])
    return { status: 200, headers }
  }
}

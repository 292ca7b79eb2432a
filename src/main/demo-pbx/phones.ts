/**
 * Phones the demo does not simulate: a softphone registered over SIP/WebSocket (the SIP server
 * in sip/ provides them). A call flow asks `model.softphones` to ring an endpoint; when it has a
 * registered WebSocket contact, a real INVITE goes out and the phone's answers come back through
 * `PhoneCallEvents`. Without one, the flow keeps its simulated phone.
 */
import type { MediaStats } from './media/session'
import type { Program } from './media/sounds'
import type { SimChannel, SimEndpoint } from './types'

/** What the phone did (called once each, in a sensible order; never after `ended`). */
export interface PhoneCallEvents {
  /** 180 (or 183): the phone rings. */
  ringing(): void
  /** 200 OK to the INVITE (ACKed): the call is up. */
  answered(): void
  /** A final failure response to the INVITE, or the phone went away before answering. */
  failed(failure: PhoneFailure): void
  /** The phone hung up an answered call (BYE, or its WebSocket closed). */
  hungUp(): void
  /** DTMF received on the call (RFC 4733 events, or SIP INFO). INFO gives only an end. */
  dtmfBegin(digit: string): void
  dtmfEnd(digit: string, durationMs: number): void
}

/** Why the phone did not answer: the SIP status (486, 603, 480, ...), 408 for no answer in time. */
export interface PhoneFailure {
  status: number
}

export interface PhoneCall {
  /** Before an answer: CANCEL. After: BYE. Idempotent; no more events follow. */
  end(): void
  /** What the phone hears from now on. */
  setProgram(program: Program): void
  stats(): MediaStats
}

export interface PhoneCallRequest {
  endpoint: SimEndpoint
  /** The PBX channel this call is (`PJSIP/2001-0000000a`). */
  channel: SimChannel
  /** The caller the phone is shown (From): `"name" <sip:num@127.0.0.1>`. */
  from: { num: string; name: string }
}

export interface Softphones {
  /** Rings the endpoint's registered WebSocket contact; null when it has none (simulate the phone). */
  dial(request: PhoneCallRequest, events: PhoneCallEvents): PhoneCall | null
  /** Is a softphone registered for this extension (then only it can place its calls)? */
  registered(ext: string): boolean
}

/** chan_pjsip's hangup_sip2cause for the responses a phone gives an INVITE. */
export function sipToCause(status: number): number {
  switch (status) {
    case 401:
    case 403:
    case 407:
    case 603:
      return 21 // call rejected
    case 404:
    case 485:
    case 604:
      return 1 // unallocated number
    case 408:
      return 18 // no user responding
    case 480:
    case 483:
      return 19 // no answer
    case 486:
    case 600:
      return 17 // user busy
    case 488:
    case 606:
      return 58 // bearer capability not available
    case 500:
      return 38 // failure
    case 503:
      return 34 // congestion
    default:
      return status >= 500 && status < 600 ? 34 : 127 // congestion / interworking
  }
}

/** main/dial.c ast_hangup_cause_to_dial_status. */
export function dialStatusOfCause(cause: number): string {
  if (cause === 17) return 'BUSY'
  if (cause === 34) return 'CONGESTION'
  if (cause === 3 || cause === 20) return 'CHANUNAVAIL'
  return 'NOANSWER'
}

/**
 * How a phone's refusal ends an Originate: the leg's hangup cause, its DialEnd status and the
 * OriginateResponse Reason (AST_CONTROL_*: 3 rang without an answer, 5 busy, 8 congestion or any
 * other failure; main/pbx.c pbx_dial_reason). `status` null: nobody answered in time.
 */
export function failureOutcome(status: number | null): { cause: number; dialStatus: string; reason: number } {
  if (status === null) return { cause: 0, dialStatus: 'NOANSWER', reason: 3 }
  const cause = sipToCause(status)
  const reason = cause === 17 ? 5 : cause === 19 || cause === 18 ? 3 : 8
  return { cause, dialStatus: dialStatusOfCause(cause), reason }
}

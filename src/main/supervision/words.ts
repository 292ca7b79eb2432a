/**
 * What went wrong with a supervision leg, in words a supervisor or admin can act on. Text from
 * the PBX is untrusted: it is only ever quoted, never interpreted.
 */
import { AmiActionError, AmiConnectError, AmiDisconnectedError, AmiTimeoutError } from '../ami'
import type { SupervisionEndReason, SupervisionMode } from '../../shared/supervision'
import { errorText } from '../../shared/error-text'

function quote(text: string): string {
  return JSON.stringify(text.slice(0, 120))
}

/** Why Asterisk refused the Originate action itself. */
export function originateRefused(error: unknown, exten: string | null, context: string): string {
  if (error instanceof AmiConnectError && error.kind === 'privileges') {
    return `Asterisk refused the Originate: ${error.message}. Add 'originate' to the write = line of Earshot's user in manager.conf.`
  }
  if (error instanceof AmiActionError) {
    if (exten !== null && /extension does not exist/i.test(error.message)) {
      return `Asterisk has no extension ${exten} in context ${quote(context)}: add the feature codes to extensions.conf (see the README) or choose direct ChanSpy in Settings.`
    }
    return `Asterisk refused the Originate: ${quote(error.message)}`
  }
  if (error instanceof AmiDisconnectedError) return 'Not connected to the PBX: supervision needs the AMI connection.'
  if (error instanceof AmiTimeoutError) return 'Asterisk did not answer the Originate in time.'
  return `The Originate failed: ${errorText(error)}`
}

/**
 * An OriginateResponse failure. Reason is Asterisk's last control frame on the leg: 0 the phone
 * could not be reached at all, 1 hung up, 3 rang out, 5 busy, 8 congestion.
 */
export function originateFailed(reason: string, supervisorExtension: string, ringTimeoutMs: number): { endReason: SupervisionEndReason; error: string } {
  switch (reason) {
    case '3':
      return { endReason: 'not-answered', error: `Your softphone (${supervisorExtension}) did not answer within ${Math.round(ringTimeoutMs / 1000)} s.` }
    case '5':
      return { endReason: 'originate-failed', error: `Your softphone (${supervisorExtension}) was busy.` }
    case '1':
      return { endReason: 'originate-failed', error: `Your softphone (${supervisorExtension}) hung up before the leg was answered.` }
    default:
      return {
        endReason: 'originate-failed',
        error: `Asterisk could not ring extension ${supervisorExtension} (reason ${quote(reason)}): is the softphone registered?`
      }
  }
}

export const CALL_ENDED_BEFORE_ANSWER = 'The call ended before your softphone answered the leg.'
export const CONNECTION_LOST = 'The connection to the PBX was lost. If your softphone still has the leg, hang it up there.'

/** ChanSpy joined `spied` instead of the agent's channel `chosen` (see followLeg). */
export function wrongCall(spied: string, chosen: string): string {
  return (
    `The PBX joined ${spied} instead of ${chosen}, so Earshot hung up straight away. ` +
    'If this came from a feature code, its ChanSpy target needs a dash after the extension (PJSIP/${EXTEN:3}-): see the README.'
  )
}

/**
 * The softphone answered the leg but ChanSpy never joined `agentName`'s call within `ms` (see
 * SupervisionService.watchRinging): ChanSpy waits silently for a target it does not find.
 */
export function neverJoined(agentName: string, ms: number): string {
  return (
    `Your softphone answered, but the PBX did not join ${agentName}’s call within ${Math.round(ms / 1000)} s, so Earshot hung up. ` +
    'If this came from a feature code, check its ChanSpy target (PJSIP/${EXTEN:3}-): see the README.'
  )
}

/** A DTMF switch to `mode` the PBX did not confirm in `ms` (see SupervisionService.watchSwitch). */
export function switchUnconfirmed(mode: SupervisionMode, ms: number): string {
  const word = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' }[mode]
  return (
    `The PBX did not confirm the switch to ${word} within ${ms / 1000} s (no DTMFEnd on your leg), so Earshot hung up rather than ` +
    "leave you in a mode you did not choose. If it happens again, check that the AMI user has read=dtmf (see the README)."
  )
}

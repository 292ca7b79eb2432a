/**
 * The AMI Originate that starts a supervision leg: Asterisk rings the supervisor's softphone and,
 * once answered, joins the agent's call through ChanSpy — by the admin's feature code, or by
 * running ChanSpy directly on the agent's exact channel. Pure: tested field by field.
 */
import { MODE_DTMF, type SupervisionMode } from '../../shared/supervision'
import type { AmiAction } from '../ami'
import { checkSpyOptions } from './chanspy-options'
import type { SupervisionConfig } from './plan'

export interface LegRequest {
  agentExtension: string
  agentName: string
  /** The agent's exact current channel (`PJSIP/1001-0000002a`). */
  agentChannel: string
  mode: SupervisionMode
  /** The one-time tag the softphone recognises the leg by (the caller ID number). */
  token: string
}

const MODE_WORD: Readonly<Record<SupervisionMode, string>> = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' }

/**
 * ChanSpy options: q quiet (no beep, no name), E leave when the spied call ends, d DTMF 4/5/6
 * switches mode in-call; w whisper (the agent hears the supervisor), B barge (both parties do).
 */
export function chanSpyOptions(mode: SupervisionMode): string {
  return mode === 'whisper' ? 'qEdw' : mode === 'barge' ? 'qEdB' : 'qEd'
}

/** `"Listen · Ann Smith (1001)" <es…>`: what the softphone shows; name characters that would break the header are dropped. */
export function legCallerId(request: LegRequest): string {
  const name = `${MODE_WORD[request.mode]} · ${request.agentName} (${request.agentExtension})`.replace(/["<>\\\r\n]/g, '').slice(0, 60)
  return `"${name}" <${request.token}>`
}

/**
 * A channel name comes from the PBX (untrusted): one holding a comma, quote, parenthesis, `$` or
 * backslash would change ChanSpy's arguments — `PJSIP/1001-0000002a,B` would turn Listen into
 * Barge. Such a name is refused, and the data is checked against the mode before it is sent.
 */
function directChanSpyData(request: LegRequest): string {
  if (!/^[^\s,()"'$\\|]+$/.test(request.agentChannel)) throw new Error(`Refusing to spy on ${JSON.stringify(request.agentChannel.slice(0, 80))}: not a plain channel name.`)
  const data = `${request.agentChannel},${chanSpyOptions(request.mode)}`
  const check = checkSpyOptions(request.mode, data)
  if (check.verdict !== 'ok') throw new Error(`Refusing to start ${request.mode}: ChanSpy(${data}) would not do what ${request.mode} promises.`)
  return data
}

export function originateAction(config: SupervisionConfig, request: LegRequest): AmiAction {
  const common = {
    Channel: `PJSIP/${config.supervisorExtension}`,
    CallerID: legCallerId(request),
    Timeout: String(config.ringTimeoutMs),
    Async: 'true'
  }
  if (config.method === 'chanspy') {
    // The exact channel: ChanSpy matches by name prefix, and PJSIP/1001 would match any of 1001's calls.
    return { Action: 'Originate', ...common, Application: 'ChanSpy', Data: directChanSpyData(request) }
  }
  return {
    Action: 'Originate',
    ...common,
    Context: config.context,
    Exten: `${config.featureCodes[request.mode]}${request.agentExtension}`,
    Priority: '1'
  }
}

/** The digit that moves a `d` leg to `mode`. */
export function modeDigit(mode: SupervisionMode): '4' | '5' | '6' {
  return MODE_DTMF[mode]
}

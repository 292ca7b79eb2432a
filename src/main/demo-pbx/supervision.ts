/**
 * What the demo PBX reports about each supervision leg (in-process and on `GET /demo/supervision`):
 * who spies on whom, in which mode, who hears the supervisor, and what the supervisor's phone
 * sends. The mode comes from ChanSpy's options (the feature code's or the Originate's): `B`
 * barge, `w` whisper, neither listen; with option `d`, DTMF 4/5/6 switches it in-call.
 */

export type SpyMode = 'listen' | 'whisper' | 'barge'
export type Party = 'agent' | 'customer'

export interface SupervisionLegReport {
  /** The supervisor's leg (`PJSIP/2001-0000000c`). */
  spyerChannel: string
  /** The agent's channel being spied on; null while ChanSpy waits for it. */
  spyeeChannel: string | null
  agentExtension: string
  supervisorExtension: string
  mode: SpyMode
  /** ChanSpy's options (`qdEw`). */
  options: string
  /** Who hears the supervisor while ChanSpy runs: nobody (listen), the agent (whisper), agent and customer (barge); nobody before. */
  heardBy: Party[]
  phase: 'ringing' | 'waiting' | 'spying'
  /** A softphone over WebSocket with real media, or the demo's own simulated phone. */
  phone: 'webrtc' | 'simulated'
  supervisorAudio: { packets: number; audible: boolean; level: number }
  mediaConnected: boolean
  /** Epoch ms of the first audio packet the PBX sent the phone; null before (or simulated). */
  firstAudioSentAt: number | null
}

/** ChanSpy's options → the mode it starts in (app_chanspy: B beats w). */
export function modeFromOptions(options: string): SpyMode {
  if (options.includes('B')) return 'barge'
  if (options.includes('w')) return 'whisper'
  return 'listen'
}

/** app_chanspy with `d`: 4 spy, 5 whisper, 6 barge; other digits change nothing. */
export function modeFromDtmf(digit: string): SpyMode | null {
  return digit === '4' ? 'listen' : digit === '5' ? 'whisper' : digit === '6' ? 'barge' : null
}

export function heardBy(mode: SpyMode): Party[] {
  return mode === 'listen' ? [] : mode === 'whisper' ? ['agent'] : ['agent', 'customer']
}

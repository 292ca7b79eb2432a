import type { SpyMode } from '../../../shared/floor'
import type { FloorState } from './state'

/** The listen / whisper / barge dialplan prefixes: `<code><agent extension>`. */
export interface FeatureCodes {
  listen: string
  whisper: string
  barge: string
}

/**
 * Mode of a feature-code dial such as `5561001` (`<code><endpoint>`), or null when the extension
 * is not one. The longest matching code wins, so codes that prefix each other (`55`, `555`) still
 * work. What follows the code must be an endpoint the PBX has: an agent's own call to a number that
 * merely starts with a code (`5551230000` with Listen on 555) is an ordinary call, and read as a
 * supervision leg it vanished from the agent's row and from the call log.
 */
export function modeFromFeatureCode(exten: string, codes: FeatureCodes | null, isEndpoint: (extension: string) => boolean): SpyMode | null {
  if (codes === null || exten === '') return null
  let best: { mode: SpyMode; length: number } | null = null
  for (const mode of ['listen', 'whisper', 'barge'] as const) {
    const code = codes[mode]
    if (code !== '' && exten.length > code.length && exten.startsWith(code) && isEndpoint(exten.slice(code.length)) && (best === null || code.length > best.length)) {
      best = { mode, length: code.length }
    }
  }
  return best?.mode ?? null
}

/** `modeFromFeatureCode` on this floor: its feature codes, its endpoints. */
export function featureCodeMode(state: Pick<FloorState, 'options' | 'endpoints'>, exten: string): SpyMode | null {
  return modeFromFeatureCode(exten, state.options.featureCodes, (extension) => state.endpoints.has(extension))
}

/** ChanSpy's own option letters, with any `x(arg)` arguments removed. */
export function chanSpyOptions(data: string): string {
  const comma = data.indexOf(',')
  if (comma < 0) return ''
  return data.slice(comma + 1).replace(/\([^)]*\)/g, '')
}

/** Target (`PJSIP/1001-00000005` or a prefix) of ChanSpy application data. */
export function chanSpyTarget(data: string): string {
  const comma = data.indexOf(',')
  return (comma < 0 ? data : data.slice(0, comma)).trim()
}

/** `B` barges (talks to both), `w`/`W` whisper to the spied channel, otherwise listen only. */
export function modeFromChanSpyOptions(options: string): SpyMode {
  if (options.includes('B')) return 'barge'
  if (options.includes('w') || options.includes('W')) return 'whisper'
  return 'listen'
}

/** ChanSpy's `d` option: DTMF 4 = listen, 5 = whisper, 6 = barge. */
export function modeFromSpyDtmf(digit: string): SpyMode | null {
  switch (digit) {
    case '4':
      return 'listen'
    case '5':
      return 'whisper'
    case '6':
      return 'barge'
    default:
      return null
  }
}

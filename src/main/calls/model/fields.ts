import { type AmiMessage, headerValue } from '../../ami'

/**
 * A message as the fold reads it: by name, with `field()`, which scans its header lines. The fold
 * reads about 8 of a message's 18 or so headers, and the scan (names mostly differ in length, so
 * most comparisons end at once) costs far less than building the message's `fields` index, which
 * hashes every name: measured, that index was the largest single cost of the live path.
 */
export type Fields = AmiMessage

/** The first value of a header, as `message.fields[key]` would give it. */
export const field: (f: Fields, key: string) => string | undefined = headerValue

/**
 * Header names of one "channel snapshot" block. Asterisk repeats the same block in many events
 * with a prefix: none for the event's own channel, `Dest` for a dialled leg, `Spyer`/`Spyee` in
 * ChanSpy events. Precomputed so the hot path does no string concatenation.
 */
export interface ChannelBlock {
  channel: string
  state: string
  callerNum: string
  callerName: string
  connectedNum: string
  connectedName: string
  exten: string
  context: string
  uniqueid: string
  linkedid: string
}

function block(prefix: string): ChannelBlock {
  return {
    channel: `${prefix}Channel`,
    state: `${prefix}ChannelState`,
    callerNum: `${prefix}CallerIDNum`,
    callerName: `${prefix}CallerIDName`,
    connectedNum: `${prefix}ConnectedLineNum`,
    connectedName: `${prefix}ConnectedLineName`,
    exten: `${prefix}Exten`,
    context: `${prefix}Context`,
    uniqueid: `${prefix}Uniqueid`,
    linkedid: `${prefix}Linkedid`
  }
}

export const OWN = block('')
export const DEST = block('Dest')
export const SPYER = block('Spyer')
export const SPYEE = block('Spyee')

/** Asterisk's placeholder for an unknown caller/connected number or name. */
export function known(value: string | undefined): value is string {
  return value !== undefined && value !== '' && value !== '<unknown>'
}

/** `00:01:05` (CoreShowChannel Duration) → 65 000 ms; garbage → 0. */
export function durationMs(value: string | undefined): number {
  if (value === undefined) return 0
  const parts = value.split(':')
  let seconds = 0
  for (const part of parts) {
    const n = Number(part)
    if (!Number.isFinite(n) || n < 0) return 0
    seconds = seconds * 60 + n
  }
  return seconds * 1000
}

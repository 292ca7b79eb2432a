/**
 * Issue 14.9: what the model keeps must not keep the socket chunk it was decoded from. The decoder
 * slices header values out of each chunk's text, and V8 makes a slice of 13 characters or more a
 * view that pins the whole chunk: one never-hung-up channel held its 64 KB chunk. Measured here
 * with the real decoder on real bytes: the heap after a full GC, with the chunks dropped.
 */
import { setFlagsFromString, getHeapStatistics } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'
import { AmiDecoder } from '../../../src/main/ami'
import { emptyFloor, reduceFloor, type FloorState } from '../../../src/main/calls'
import { LAB_CODES } from '../../support/traces'

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

function usedHeap(): number {
  gc()
  gc()
  return getHeapStatistics().used_heap_size
}

const MB = 1024 * 1024

/** One AMI event as the PBX writes it. */
function wire(fields: Record<string, string>): string {
  return `${Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n`
}

function channel(name: string, uniqueid: string, state: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    Channel: name,
    ChannelState: String(state),
    CallerIDNum: '+442079460000',
    CallerIDName: 'A caller with a long name',
    ConnectedLineNum: '+442079461111',
    ConnectedLineName: 'Someone connected, long',
    Context: 'from-customers',
    Exten: '900442079462222',
    Uniqueid: uniqueid,
    Linkedid: `${uniqueid}`,
    ...extra
  }
}

/**
 * Chunk `i`: the directory, a call that stays up (customer leg, agent leg on hold, bridged, with a
 * transfer and a spy), a call that hung up, a queue leg, an abandoned caller, a failed and a
 * pending Originate; every value long enough to be a view on the chunk; padded to `size` bytes with
 * events the model ignores.
 */
function chunk(i: number, size: number): Uint8Array {
  const agent = `PJSIP/agent-with-a-long-name-${i}`
  const up = `1795469045.${100_000 + i}`
  const customer = `1795469045.${200_000 + i}`
  const gone = `1795469045.${300_000 + i}`
  const spy = `1795469045.${400_000 + i}`
  const parts = [
    wire({ Event: 'EndpointList', ObjectName: `agent-with-a-long-name-${i}`, Contacts: `aor-${i}/sip:agent-${i}@192.0.2.10:5060;ob,`, DeviceState: 'Not in use' }),
    wire({ Event: 'ContactStatus', EndpointName: `agent-with-a-long-name-${i}`, URI: `sip:agent-${i}@192.0.2.10:5060;ob`, ContactStatus: 'Reachable-ish-status' }),
    wire({ Event: 'QueueMemberPause', Queue: `a-queue-with-a-long-name-${i}`, Interface: agent, MemberName: `Member with a long name ${i}`, Paused: '1', PausedReason: 'a long pause reason' }),
    wire({ Event: 'Newchannel', ...channel(`Local/+442079460000@customers-${i};1`, customer, 6) }),
    wire({ Event: 'Newchannel', ...channel(`${agent}-00000001`, up, 0) }),
    wire({ Event: 'DialBegin', ...channel(`Local/+442079460000@customers-${i};1`, customer, 6), ...prefixed('Dest', channel(`${agent}-00000001`, up, 0)), DialString: `agent-with-a-long-name-${i}` }),
    wire({ Event: 'DialEnd', ...channel(`Local/+442079460000@customers-${i};1`, customer, 6), ...prefixed('Dest', channel(`${agent}-00000001`, up, 6)), DialStatus: 'SOMETHING-LONG-STATUS' }),
    wire({ Event: 'BridgeEnter', ...channel(`${agent}-00000001`, up, 6), BridgeUniqueid: `bridge-uuid-0000-0000-${i}` }),
    wire({ Event: 'Hold', ...channel(`${agent}-00000001`, up, 6) }),
    wire({ Event: 'BlindTransfer', Result: 'A long transfer result', TransfererUniqueid: up, TransfereeUniqueid: customer, Extension: `a-long-extension-${i}` }),
    wire({ Event: 'Newchannel', ...channel(`PJSIP/supervisor-long-${i}-00000002`, spy, 6, { Exten: `555agent-with-a-long-name-${i}` }) }),
    wire({ Event: 'Newexten', ...channel(`PJSIP/supervisor-long-${i}-00000002`, spy, 6), Application: 'ChanSpy', AppData: `${agent}-00000001,qdEwlongoptions` }),
    wire({ Event: 'ChanSpyStart', ...prefixed('Spyer', channel(`PJSIP/supervisor-long-${i}-00000002`, spy, 6)), ...prefixed('Spyee', channel(`${agent}-00000001`, up, 6)) }),
    wire({ Event: 'Newchannel', ...channel(`PJSIP/another-long-name-${i}-00000003`, gone, 0) }),
    wire({ Event: 'Hangup', ...channel(`PJSIP/another-long-name-${i}-00000003`, gone, 0), Cause: '16', 'Cause-txt': 'Normal Clearing, long text' }),
    wire({ Event: 'AgentCalled', DestUniqueid: `1795469045.${500_000 + i}` }),
    wire({ Event: 'QueueCallerAbandon', Uniqueid: `1795469045.${600_000 + i}` }),
    wire({ Action: 'Originate', ActionID: `earshot-originate-long-${i}`, Channel: `PJSIP/supervisor-long-${i}`, Application: 'ChanSpy', Data: `${agent},qEbutlonger` }),
    wire({ Event: 'OriginateResponse', Response: 'Failure', ActionID: `earshot-failed-long-${i}`, CallerIDNum: `esfailedtoken-long-${i}`, Reason: 'a reason, long enough' })
  ]
  let text = parts.join('')
  const pad = wire({ Event: 'RTCPSent', Channel: `${agent}-00000001`, Report: 'x'.repeat(200) })
  while (text.length + pad.length <= size) text += pad
  return new TextEncoder().encode(text)
}

function prefixed(prefix: string, fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}${k}`, v]))
}

/** Decodes `count` chunks of `size` bytes (each its own socket read) and folds them into a fresh model. */
function fold(count: number, size: number): FloorState {
  let state = emptyFloor({ featureCodes: LAB_CODES, outboundPrefix: '9' })
  const decoder = new AmiDecoder()
  for (let i = 0; i < count; i++) {
    for (const frame of decoder.write(chunk(i, size))) if (frame.kind === 'message') state = reduceFloor(state, frame.message, i)
  }
  return state
}

describe('what the model keeps of the chunks it was decoded from', () => {
  it('keeps the channels, directory and remembered ids, not the 1 MB chunks they came in', () => {
    const count = 24
    const before = usedHeap()
    const state = fold(count, MB)
    const retained = usedHeap() - before
    // It did keep what it was given: a live call with a spy, a hung-up channel remembered, ...
    expect(state.channels.size).toBe(count * 3)
    expect(state.tombstones.size).toBe(count)
    expect(state.spies.size).toBe(count)
    expect(state.endpoints.size).toBeGreaterThanOrEqual(count)
    // Pinned, the chunks are 24 MB of one-byte text; what the model holds is a few KB per chunk.
    expect(retained).toBeLessThan(2 * MB)
  })
})

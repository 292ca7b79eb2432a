/**
 * Issue 14.9: a hostile or broken PBX (Hangups lost, or a flood of channels, holds) must not grow
 * the model without bound. Channels the rows do not show (helpers, trunks, endpoints off the
 * roster) are capped first, so they cannot crowd out agents' calls; all channels have a cap; each
 * cap is logged once when first hit; a leg's timeline is bounded too.
 */
import { describe, expect, it } from 'vitest'
import { agentRow, emptyFloor, FLOOR_LIMITS, reduceFloor, type FloorState } from '../../../src/main/calls'
import { block, event } from '../../support/events'
import { LAB_CODES } from '../../support/traces'

function floor(roster?: (extension: string) => boolean): { state: FloorState; warnings: string[] } {
  const warnings: string[] = []
  const state = emptyFloor({ featureCodes: LAB_CODES, outboundPrefix: '9', ...(roster === undefined ? {} : { roster }), warn: (m) => warnings.push(m) })
  return { state, warnings }
}

describe('model caps', () => {
  it('caps channels off the roster, logs it once, and still follows agents; a hangup makes room', () => {
    const { state, warnings } = floor((ext) => ext === '1001')
    const cap = FLOOR_LIMITS.channelsOffRoster
    for (let i = 0; i < cap + 500; i++) {
      const name = i % 2 === 0 ? `Local/+44${i}@customers-00000001;1` : `PJSIP/trunk-${i.toString(16).padStart(8, '0')}`
      reduceFloor(state, event('Newchannel', block(name, `h.${i}`, 4)), i)
    }
    expect(state.channels.size).toBe(cap)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/channels/i)
    // An agent's call still reaches the row.
    reduceFloor(state, event('Newchannel', block('PJSIP/1001-00000001', 'a.1', 6, { ConnectedLineNum: '+4420' })), 1)
    expect(agentRow(state, '1001')?.calls).toHaveLength(1)
    // A refused channel was never in; one that hangs up makes room for the next.
    reduceFloor(state, event('Hangup', block('Local/+440@customers-00000001;1', 'h.0', 4)), 2)
    reduceFloor(state, event('Newchannel', block('Local/+44new@customers-00000001;1', 'h.new', 4)), 3)
    expect(state.channels.has('h.new')).toBe(true)
    expect(state.channels.size).toBe(cap + 1)
    expect(warnings).toHaveLength(1)
  })

  it('caps all channels when every endpoint is on the roster, and logs it once', () => {
    const { state, warnings } = floor()
    const cap = FLOOR_LIMITS.channels
    for (let i = 0; i < cap + 500; i++) reduceFloor(state, event('Newchannel', block(`PJSIP/${1000 + (i % 5000)}-${i.toString(16).padStart(8, '0')}`, `c.${i}`, 6)), i)
    expect(state.channels.size).toBe(cap)
    expect(warnings).toHaveLength(1)
  })

  it('bounds a leg timeline: endless hold/unhold keeps the newest events', () => {
    const { state, warnings } = floor()
    reduceFloor(state, event('Newchannel', block('PJSIP/1001-00000001', 'a.1', 6)), 0)
    for (let i = 1; i <= 10_000; i++) reduceFloor(state, event(i % 2 === 1 ? 'Hold' : 'Unhold', block('PJSIP/1001-00000001', 'a.1', 6)), i)
    const timeline = state.channels.get('a.1')?.timeline ?? []
    expect(timeline).toHaveLength(FLOOR_LIMITS.timeline)
    expect(timeline.at(-1)).toEqual({ at: 10_000, kind: 'unhold' })
    expect(warnings).toHaveLength(1)
  })
})

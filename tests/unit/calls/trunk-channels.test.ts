/**
 * The lab's customers are Local channels; on a call centre with an ISDN line they are DAHDI
 * channels, named after the span and the number (`DAHDI/i1/+442070001111-1`) or the B-channel
 * (`DAHDI/1-1`), never after a phone. Replayed here are the real inbound-queue-answered and
 * outbound-answered captures with the customer's side renamed as chan_dahdi names it: the floor
 * must show the same agents as the lab's (the PJSIP endpoints), not a row per trunk channel or
 * per caller's number that then stays "Offline" until the next reconnect.
 */
import { describe, expect, it } from 'vitest'
import { replayCapture } from '../../../src/main/capture'
import { agentRows, CallsProjector, type EndedLeg } from '../../../src/main/calls'
import { LAB_OPTIONS, loadTrace, type Scenario } from '../../support/traces'

const LAB_ENDPOINTS = ['1001', '1002', '1003', '1004', '2001', '2002']

function onDahdi(name: Scenario, renames: ReadonlyArray<readonly [from: string, to: string]>, at = Infinity): { calls: CallsProjector; ended: EndedLeg[] } {
  const records = loadTrace(name).map((r) => ({ ...r, raw: renames.reduce((raw, [from, to]) => raw.split(from).join(to), r.raw) }))
  const calls = new CallsProjector(LAB_OPTIONS)
  const ended: EndedLeg[] = []
  calls.attach({ update: (_model, _touched, legs) => void ended.push(...legs) }, 0)
  replayCapture(records, calls, at)
  return { calls, ended }
}

describe('customers on a DAHDI (ISDN) line', () => {
  it('inbound: the caller on DAHDI/i1/<number> is no agent; 1001 talks to them', () => {
    const { calls, ended } = onDahdi('inbound-queue-answered', [['Local/+442070001111@sim-customer-00000001;1', 'DAHDI/i1/+442070001111-1']], 5000)
    const rows = agentRows(calls.model)
    expect(rows.map((r) => r.extension)).toEqual(LAB_ENDPOINTS)
    expect(rows.find((r) => r.extension === '1001')).toMatchObject({ status: 'talking', calls: [{ customer: '+442070001111', direction: 'inbound' }] })
    expect(ended.filter((leg) => leg.agent)).toEqual([])
  })

  it('outbound: the line 1002 dials out on is no agent, during the call nor after it', () => {
    const renames = [['Local/15551230000@customers-00000003;1', 'DAHDI/i1/15551230000-3']] as const
    const during = onDahdi('outbound-answered', renames, 7000)
    expect(agentRows(during.calls.model).map((r) => r.extension)).toEqual(LAB_ENDPOINTS)
    expect(agentRows(during.calls.model).find((r) => r.extension === '1002')).toMatchObject({ status: 'talking', calls: [{ customer: '15551230000', direction: 'outbound' }] })
    const after = onDahdi('outbound-answered', renames)
    expect(agentRows(after.calls.model).map((r) => r.extension)).toEqual(LAB_ENDPOINTS)
    // The call log hears of 1002's leg only.
    expect(after.ended.filter((leg) => leg.agent).map((leg) => leg.channel.endpoint)).toEqual(['1002'])
  })

  it('a B-channel name (DAHDI/1-1) is no agent "1" either', () => {
    const { calls } = onDahdi('inbound-queue-answered', [['Local/+442070001111@sim-customer-00000001;1', 'DAHDI/1-1']], 5000)
    expect(agentRows(calls.model).map((r) => r.extension)).toEqual(LAB_ENDPOINTS)
  })
})

/**
 * A feature-code dial is `<code><agent extension>` (README, the Asterisk side). An agent's own call
 * to a number that merely starts with a code (the lab's Listen code is 555: a US number 555-123-0000
 * dialled without the outbound prefix) is an ordinary call: replayed here is the real
 * outbound-answered capture with 1002 dialling 5551230000 instead of 9 15551230000. Read as a
 * supervision leg, the call vanished from 1002's row and from the call log.
 */
import { expect, it } from 'vitest'
import { replayCapture } from '../../../src/main/capture'
import { agentRows, CallsProjector, type EndedLeg } from '../../../src/main/calls'
import { LAB_CODES, loadTrace } from '../../support/traces'

function dialling(exten: string, at = Infinity): { calls: CallsProjector; ended: EndedLeg[] } {
  const records = loadTrace('outbound-answered').map((r) => ({ ...r, raw: r.raw.split('915551230000').join(exten) }))
  const calls = new CallsProjector({ featureCodes: LAB_CODES, outboundPrefix: '' })
  const ended: EndedLeg[] = []
  calls.attach({ update: (_model, _touched, legs) => void ended.push(...legs) }, 0)
  replayCapture(records, calls, at)
  return { calls, ended }
}

it('an agent dialling a number that starts with a feature code is on an ordinary call, logged as one', () => {
  const during = dialling('5551230000', 7000)
  expect(agentRows(during.calls.model).find((r) => r.extension === '1002')).toMatchObject({ status: 'talking', calls: [{ direction: 'outbound', supervisors: [] }] })
  const after = dialling('5551230000')
  expect(after.ended.filter((leg) => leg.agent).map((leg) => [leg.channel.endpoint, leg.channel.spy])).toEqual([['1002', null]])
})

it('a code followed by an agent extension is still a supervision leg', () => {
  // The same capture, 1002 dialling 5551001 (Listen on 1001): no agent call of its own to show or log.
  const during = dialling('5551001', 7000)
  expect(agentRows(during.calls.model).find((r) => r.extension === '1002')?.calls).toEqual([])
})

/**
 * Review of 9fd07c3. paused-on-call's 1002, paused in `support` only, loses its phone (as
 * offline-paused-elsewhere.test.ts drives it): it now reads Offline and counts offline in `sales`,
 * paused in `support`. The "Offline in a queue" alert should be about the queue that would ring it
 * (sales), yet it names every queue 1002 is in, so the support tile is marked "Needs attention"
 * for an offline member while its own counts show that member paused (0 offline), and the panel
 * says "in sales, support".
 */
import { expect, it } from 'vitest'
import { amiMessage } from '../../../src/main/ami'
import { CallsProjector } from '../../../src/main/calls/projector'
import { agentRows, queueViews } from '../../../src/main/calls'
import { replayCapture } from '../../../src/main/capture/replay'
import { evaluateAlerts, queuesNeedingAttention } from '../../../src/renderer/alerts/pure/evaluate'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { LAB_OPTIONS, loadLaterCapture } from '../../support/traces'

const records = loadLaterCapture('paused-on-call')
const ev = (fields: Record<string, string>) => amiMessage(Object.entries(fields))
const memberStatus = (queue: string, paused: boolean) =>
  ev({
    Event: 'QueueMemberStatus', Privilege: 'agent,all', Queue: queue, MemberName: 'Agent 1002', Interface: 'PJSIP/1002', StateInterface: 'PJSIP/1002',
    Membership: 'dynamic', Penalty: '0', CallsTaken: '1', LastCall: '1796333296', LastPause: paused ? '1796333288' : '0', LoginTime: '1796333281',
    InCall: '0', Status: '5', Paused: paused ? '1' : '0', PausedReason: paused ? 'coaching' : '', Ringinuse: '0', Wrapuptime: '0'
  })

it('"Offline in a queue" names only the queues the offline agent is not paused in', () => {
  const at = 15_000
  const calls = replayCapture(records, new CallsProjector(LAB_OPTIONS), at)
  calls.apply(ev({ Event: 'ContactStatus', Privilege: 'system,all', URI: 'sip:1002@127.0.0.1:5072;ob', ContactStatus: 'Unreachable', AOR: '1002', EndpointName: '1002', RoundtripUsec: '0' }), at)
  calls.apply(memberStatus('support', true), at)
  calls.apply(memberStatus('sales', false), at)
  const queues = queueViews(calls.model)
  expect(queues.find((q) => q.name === 'support')).toMatchObject({ offline: 0 })
  const rows = new Map(agentRows(calls.model).map((r) => [r.extension, r]))
  const alerts = evaluateAlerts(rows, queues, DEFAULT_SETTINGS.alerts, at)
  const offline = alerts.find((a) => a.kind === 'offline-in-queue' && a.extension === '1002')
  expect(offline?.queues).toEqual(['sales'])
  expect(queuesNeedingAttention(alerts).has('support')).toBe(false)
})

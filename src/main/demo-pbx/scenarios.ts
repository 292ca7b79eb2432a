/**
 * The shared captures as scripts: the same lab, the same calls and console actions at the same
 * moments (their .steps.jsonl), so the demo plays what the real Asterisk recorded. Times are ms
 * since the console logged in, like a capture's `t`.
 */
import { amiMessage } from '../ami/message'
import { handleAction, NO_REPLY, type ActionOptions } from './actions'
import { InboundCall } from './inbound'
import type { PbxModel } from './model'
import { OriginatedLeg } from './originate'
import { OutboundCall } from './outbound'
import { qualifyFails, qualifyRecovers, register, unregister } from './presence'

export const SCENARIO_NAMES = [
  'inbound-queue-answered',
  'outbound-answered',
  'ringing-abandoned',
  'queue-pause',
  'agent-offline',
  'spy-listen',
  'spy-whisper',
  'spy-barge'
] as const
export type ScenarioName = (typeof SCENARIO_NAMES)[number]

/** What the capture's console sent, and when: the demo performs it, or a test client sends it. */
export interface ConsoleStep {
  at: number
  action: Record<string, string>
}

interface PbxStep {
  at: number
  run: (ctx: ScenarioContext) => void
}

export interface Scenario {
  name: ScenarioName
  /** When the capture ended (its Logoff). */
  duration: number
  steps: PbxStep[]
  console: ConsoleStep[]
}

interface ScenarioContext {
  model: PbxModel
  calls: Map<string, InboundCall | OutboundCall>
  /** ActionIDs of the lab driver's own Originates (customers): every session sees their OriginateResponse. */
  labOriginateId(): string
}

function inbound(ctx: ScenarioContext, label: string): InboundCall {
  const call = ctx.calls.get(label)
  if (!(call instanceof InboundCall)) throw new Error(`no inbound call ${label}`)
  return call
}

function member(model: PbxModel, queue: string, ext: string) {
  const m = model.queue(queue).members.find((x) => x.endpoint.ext === ext)
  if (m === undefined) throw new Error(`${ext} is not in ${queue}`)
  return m
}

/** A customer calls a queue at `at`; the queue offers the call to `agent` 2 ms later. */
function queueCall(at: number, number: string, name: string, queue: string, agent: string, answerAfterMs: number | null): PbxStep[] {
  return [
    { at, run: (ctx) => ctx.calls.set('call', InboundCall.arrive(ctx.model, { customer: { number, name }, queue, originateId: ctx.labOriginateId() })) },
    { at: at + 2, run: (ctx) => inbound(ctx, 'call').offer(member(ctx.model, queue, agent), answerAfterMs) }
  ]
}

const pause = (at: number, iface: string, reason: string): ConsoleStep => ({ at, action: { Action: 'QueuePause', Interface: iface, Paused: 'true', Reason: reason } })
const unpause = (at: number, iface: string): ConsoleStep => ({ at, action: { Action: 'QueuePause', Interface: iface, Paused: 'false' } })

function spyScenario(name: ScenarioName, code: string, label: string): Scenario {
  return {
    name,
    duration: 14383,
    steps: [
      // The customer dials 1001 directly (DID), so the agent is known in advance.
      { at: 1007, run: (ctx) => ctx.calls.set('call', InboundCall.arrive(ctx.model, { customer: { number: '+442070002222', name: 'Dave Customer' }, did: '1001', originateId: ctx.labOriginateId() })) },
      // The supervisor hangs up first (pjsua: h), the agent's call goes on.
      {
        at: 9125,
        run: (ctx) => {
          for (const ch of ctx.model.channelsOf(ctx.model.endpoint('2002'))) if (ch.owner instanceof OriginatedLeg) ch.owner.phoneHangup()
        }
      },
      { at: 12379, run: (ctx) => inbound(ctx, 'call').customerHangup() }
    ],
    console: [
      {
        at: 4016,
        action: { Action: 'Originate', ActionID: `earshot-originate-${code}`, Channel: 'PJSIP/2002', Context: 'internal', Exten: `${code}1001`, Priority: '1', CallerID: `"${label} 1001" <${code}1001>`, Async: 'true' }
      }
    ]
  }
}

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'inbound-queue-answered': {
    name: 'inbound-queue-answered',
    duration: 11523,
    steps: [...queueCall(1509, '+442070001111', 'Alice Customer', 'support', '1001', 0), { at: 9520, run: (ctx) => inbound(ctx, 'call').customerHangup() }],
    console: []
  },
  'outbound-answered': {
    name: 'outbound-answered',
    duration: 13021,
    steps: [
      // pjsua's INVITE reaches Asterisk ~250 ms after the agent dialled (1506); the far end answers after Wait(3).
      { at: 1762, run: (ctx) => ctx.calls.set('call', OutboundCall.dial(ctx.model, { agent: '1002', number: '15551230000', answerAfterMs: 3002 })) },
      {
        at: 10771,
        run: (ctx) => {
          const call = ctx.calls.get('call')
          if (call instanceof OutboundCall) call.agentHangup('phone')
        }
      }
    ],
    console: []
  },
  'ringing-abandoned': {
    name: 'ringing-abandoned',
    duration: 11025,
    // 1004's phone rings and is never answered; the caller gives up.
    steps: [...queueCall(1508, '+15557654321', 'Carol Prospect', 'sales', '1004', null), { at: 7518, run: (ctx) => inbound(ctx, 'call').customerHangup() }],
    console: [pause(4, 'PJSIP/1003', 'break'), unpause(9022, 'PJSIP/1003')]
  },
  'queue-pause': {
    name: 'queue-pause',
    duration: 9515,
    steps: [],
    console: [pause(1506, 'PJSIP/1002', 'lunch'), { at: 2508, action: { Action: 'QueueStatus', Queue: 'support', Member: 'PJSIP/1002' } }, unpause(7512, 'PJSIP/1002')]
  },
  'agent-offline': {
    name: 'agent-offline',
    duration: 25521,
    steps: [
      // 1505: pjsua 1003 is killed; Asterisk notices at the next failed qualify.
      { at: 6966, run: (ctx) => qualifyFails(ctx.model, ctx.model.endpoint('1003')) },
      { at: 10466, run: (ctx) => qualifyRecovers(ctx.model, ctx.model.endpoint('1003')) },
      // 14470: graceful stop (REGISTER Expires: 0), seen at 17491.
      { at: 17491, run: (ctx) => unregister(ctx.model, ctx.model.endpoint('1003')) },
      { at: 20515, run: (ctx) => register(ctx.model, ctx.model.endpoint('1003')) }
    ],
    console: []
  },
  'spy-listen': spyScenario('spy-listen', '555', 'Listen'),
  'spy-whisper': spyScenario('spy-whisper', '556', 'Whisper'),
  'spy-barge': spyScenario('spy-barge', '557', 'Barge')
}

export interface ScenarioRun {
  /** PBX time the scenario's t=0 maps to. */
  startedAt: number
}

/**
 * Schedules a scenario from PBX time `start`. With `consoleActions: 'pbx'` the demo also performs
 * what the recorded console did (a user watching a scenario has no console script); with 'client'
 * the test client sends those actions itself, over AMI, at the same moments.
 */
export function runScenario(model: PbxModel, scenario: Scenario, options: { start: number; consoleActions: 'pbx' | 'client'; actions: ActionOptions }): ScenarioRun {
  let originates = 16
  const ctx: ScenarioContext = { model, calls: new Map(), labOriginateId: () => `lab-originate-${++originates}` }
  for (const step of scenario.steps) model.clock.at(options.start + step.at, () => step.run(ctx))
  if (options.consoleActions === 'pbx') {
    for (const step of scenario.console) {
      model.clock.at(options.start + step.at, () => handleAction(model, NO_REPLY, amiMessage(Object.entries(step.action)), options.actions))
    }
  }
  return { startedAt: options.start }
}

/**
 * Plays the demo PBX on a virtual clock and folds what it says through Earshot's engine, the way
 * the replay CLI folds a capture: the console's login snapshot, then every event (each one
 * encoded and decoded as on the wire), plus the actions the recorded console sent, at the same
 * moments as in the capture.
 */
import { AmiDecoder } from '../../../src/main/ami/decoder'
import { encodeAction } from '../../../src/main/ami/encoder'
import { amiMessage, type AmiMessage } from '../../../src/main/ami/message'
import { viewAt, type ReplayResult } from '../../../src/main/capture/view'
import type { Headers } from '../../../src/main/demo-pbx/ami-server'
import { Demo, type DemoOptions } from '../../../src/main/demo-pbx/demo'
import { VirtualClock } from '../../../src/main/demo-pbx/clock'
import { SCENARIOS, type ScenarioName } from '../../../src/main/demo-pbx/scenarios'
import { CallsProjector, type FloorState } from '../../../src/main/calls'
import { SNAPSHOT_ACTIONS } from '../../../src/main/calls/live-floor'
import { LAB_OPTIONS } from '../../support/traces'

export interface VirtualPlay {
  clock: VirtualClock
  demo: Demo
  /** Everything the PBX broadcast, with its PBX time. */
  events: Array<{ t: number; headers: Headers }>
  state(): FloorState
  /** Runs the PBX up to `at` and returns the engine's view then. */
  viewAt(at: number): ReplayResult
  /** Sends an action as the console (it is folded into the engine too) and returns the reply messages. */
  send(action: Record<string, string>): AmiMessage[]
}

const decoder = new AmiDecoder()

export function wire(headers: Headers): AmiMessage {
  const out: AmiMessage[] = []
  for (const frame of decoder.write(encodeAction(headers))) if (frame.kind === 'message') out.push(frame.message)
  const message = out[0]
  if (out.length !== 1 || message === undefined) throw new Error('one message expected')
  return message
}

let actionIds = 0

export function playVirtually(options: Omit<DemoOptions, 'clock'> & { snapshotAt?: number }): VirtualPlay {
  const clock = new VirtualClock()
  const demo = new Demo({ ...options, clock })
  // The one fold, as the replay CLI and the live floor run it.
  const calls = new CallsProjector(LAB_OPTIONS)
  const events: VirtualPlay['events'] = []
  demo.model.onEvent((headers) => {
    events.push({ t: clock.now(), headers })
    calls.apply(wire(headers), clock.now())
  })
  const send = (action: Record<string, string>): AmiMessage[] => {
    const message = amiMessage(Object.entries({ ActionID: `test-${++actionIds}`, ...action }))
    calls.apply(message, clock.now())
    const replies: AmiMessage[] = []
    const collect = (h: Headers): void => {
      const m = wire(h)
      replies.push(m)
      calls.apply(m, clock.now())
    }
    // As AmiServerConnection.reply writes it: the ActionID second.
    const reply = (a: AmiMessage, h: Headers): void => {
      const [first, ...rest] = Object.entries(h)
      if (first !== undefined) collect(Object.fromEntries([first, ['ActionID', a.fields.ActionID ?? ''], ...rest]))
    }
    demo.handle({ reply, send: collect }, message)
    return replies
  }
  demo.start()
  // The console logs in and takes its snapshot first, as in every capture.
  clock.runUntil(options.snapshotAt ?? 3)
  for (const Action of SNAPSHOT_ACTIONS) send({ Action })
  if (options.scenario !== undefined && options.consoleActions === 'client') {
    for (const step of SCENARIOS[options.scenario].console) clock.at(step.at, () => send(step.action))
  }
  return {
    clock,
    demo,
    events,
    state: () => calls.model,
    viewAt: (at) => {
      clock.runUntil(at)
      return viewAt(calls.model, at)
    },
    send
  }
}

export function playScenario(name: ScenarioName): VirtualPlay {
  return playVirtually({ scenario: name, consoleActions: 'client' })
}

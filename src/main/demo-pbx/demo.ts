/**
 * One simulated Asterisk, transport-free: the model, what drives it (the living floor or a
 * scripted scenario) and the action handler. startDemoPbx puts it behind an AMI socket; tests
 * can also run it on a VirtualClock and read its events directly.
 */
import type { AmiMessage } from '../ami/message'
import { handleAction, type ActionOptions } from './actions'
import type { Scheduler } from './clock'
import { InternalCall, type RingResult } from './internal-call'
import { LAB_CONFIG, LAB_EPOCH_MS } from './lab'
import { LivingFloor, livingFloorConfig, type LivingFloorOptions } from './living-floor'
import { PbxModel } from './model'
import { Random } from './random'
import { runScenario, SCENARIOS, type ScenarioName } from './scenarios'
import type { ActionReplier } from './snapshot'
import type { SupervisionLegReport } from './supervision'

export interface DemoOptions {
  clock: Scheduler
  /** Same seed, same floor (default 1). */
  seed?: number
  /** Wall-clock epoch ms at PBX time 0 (default: the captures' for scenarios, now for the floor). */
  epochMs?: number
  /** Play this capture's scenario (the lab's 4 agents) instead of the living floor. */
  scenario?: ScenarioName
  /** Scenario only: 'pbx' performs the recorded console's actions itself, 'client' leaves them to the AMI client. */
  consoleActions?: 'pbx' | 'client'
  floor?: LivingFloorOptions
  /** How long the demo takes to answer a supervisor leg rung by Originate (default 100 ms; scenarios: 5 ms, as the lab's pjsua). */
  originateAnswerMs?: number
  /** When this Asterisk started, epoch ms (CoreStatus; default: when the Demo is made). */
  bootedAtMs?: number
  /** asterisk.conf `systemname` (CoreSettings; default empty, as Asterisk's). */
  systemName?: string
}

export class Demo {
  readonly model: PbxModel
  readonly floor: LivingFloor | null
  /** Ordinary calls started with `ring`, by id, until they end. */
  readonly calls = new Map<string, InternalCall>()
  private readonly actions: ActionOptions
  private started = false

  constructor(private readonly options: DemoOptions) {
    const seed = options.seed ?? 1
    const scenario = options.scenario
    this.model = new PbxModel(scenario === undefined ? livingFloorConfig(options.floor) : LAB_CONFIG, {
      clock: options.clock,
      random: new Random(seed),
      epochMs: options.epochMs ?? (scenario === undefined ? Date.now() : LAB_EPOCH_MS)
    })
    this.floor = scenario === undefined ? new LivingFloor(this.model, new Random(seed ^ 0x9e3779b9), options.floor) : null
    this.actions = {
      originateAnswerMs: options.originateAnswerMs ?? (scenario === undefined ? 100 : 5),
      onPauseChanged: () => this.floor?.dispatchSoon(),
      core: { startedAtMs: options.bootedAtMs ?? Date.now(), systemName: options.systemName ?? '' }
    }
  }

  /** Starts the floor or the scenario at the current PBX time. */
  start(): void {
    if (this.started) return
    this.started = true
    const scenario = this.options.scenario
    if (scenario === undefined) this.floor?.start()
    else runScenario(this.model, SCENARIOS[scenario], { start: this.model.now(), consoleActions: this.options.consoleActions ?? 'pbx', actions: this.actions })
  }

  stop(): void {
    this.floor?.stop()
  }

  /** Every supervision leg, from ringing to hangup: who spies on whom, the mode, the media. */
  supervision(): SupervisionLegReport[] {
    const out: SupervisionLegReport[] = []
    for (const leg of this.model.spyLegs) {
      const r = leg.report()
      if (r !== null) out.push(r)
    }
    return out
  }

  /** An ordinary internal call: `from`'s phone dials `to` (a softphone rings for real). */
  ring(to: string, from: string): RingResult {
    const callee = this.model.endpoints.get(to)
    const caller = this.model.endpoints.get(from)
    if (callee === undefined || caller === undefined) return { ok: false, status: 404, error: `no extension ${callee === undefined ? to : from}` }
    if (callee === caller) return { ok: false, status: 400, error: 'a phone cannot call itself' }
    if (!this.model.isReachable(caller)) return { ok: false, status: 409, error: `${from} is not registered` }
    // The demo plays the PBX and its simulated phones; a real softphone places its own calls.
    if (this.model.softphones?.registered(from) === true) return { ok: false, status: 409, error: `${from} is a softphone: it places its own calls` }
    if (!this.model.isReachable(callee)) return { ok: false, status: 409, error: `${to} is not registered` }
    const call = InternalCall.dial(this.model, caller, callee)
    this.calls.set(call.id, call)
    call.onEnded = (c) => {
      this.calls.delete(c.id)
      this.floor?.dispatchSoon()
    }
    return { ok: true, id: call.id, callerChannel: call.caller.name, calleeChannel: call.callee.name }
  }

  /** Hangs up one ordinary call (by id) as its caller would, or every one; how many ended. */
  hangup(id: string | null = null): number {
    const calls = id === null ? [...this.calls.values()] : [this.calls.get(id)].filter((c) => c !== undefined)
    for (const call of calls) call.callerHangup()
    return calls.length
  }

  handle(c: ActionReplier, action: AmiMessage): void {
    handleAction(this.model, c, action, this.actions)
  }
}

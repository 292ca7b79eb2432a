import type { ZodType } from 'zod'
import {
  type Access,
  type InvokeChannel,
  type InvokeSpec,
  type Operator,
  type InvokeRequest,
  type InvokeResponse,
  type IpcError,
  type StreamChannel,
  type StreamPayload,
  invokeContract,
  streamContract
} from '../../shared/contract'
import { errorText } from '../../shared/error-text'
import { supervisionModes } from '../../shared/settings'

/** Who is calling: the shells (Electron, browser host) establish it; handlers may check it. */
export interface Caller {
  /** Where the call came from, for logs ("electron main window", "browser host"). */
  origin: string
}

/** What a handler learns of its caller once the router let it through. */
export interface CallContext extends Caller {
  /** The signed-in operator (null only on public channels). */
  operator: Operator | null
}

/** May `operator` use a channel with this access? The one place the permission rule lives. */
export function allowed(access: Access, operator: Operator | null): boolean {
  if (access === 'public') return true
  if (operator === null) return false
  if (access === 'operator') return true
  if (access === 'supervise') return supervisionModes(operator.scopes).length > 0
  return operator.scopes.includes(access)
}

function refusal(access: Access, operator: Operator | null): string {
  if (operator === null) return 'Sign in first: this needs an operator.'
  if (access === 'supervise') return `${operator.name} may not supervise calls (Listen, Whisper or Barge). Ask an admin.`
  const what = access === 'configure-everything' ? 'settings and Listen/Whisper/Barge' : 'the whole floor'
  return `${operator.name} does not have the ${access} scope (${what}). Ask an admin.`
}

export type InvokeHandlers = {
  [C in InvokeChannel]: (request: InvokeRequest<C>, caller: CallContext) => Promise<InvokeResponse<C>> | InvokeResponse<C>
}

export class IpcFailure extends Error {
  constructor(readonly error: IpcError) {
    super(error.message)
  }
}

function describeIssues(schema: ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value)
  if (parsed.success) return null
  return parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ')
}

/**
 * Main's side of the contract, free of Electron: every request is validated before its handler
 * runs and every response and stream payload after, so a bug cannot push an unexpected shape (or
 * a field not in the contract, such as a secret) to the renderer. Both shells route through it.
 */
export class IpcRouter {
  private readonly sinks = new Set<(channel: StreamChannel, payload: unknown) => void>()
  /** The router answering in this one's place (the demo's, while it runs), and the removal of its stream forwarding. */
  private standIn: { router: IpcRouter; unforward: () => void } | null = null

  /**
   * `operator` tells who is signed in on this machine; every invoke is checked against its
   * channel's access. `demo`: this router serves the demo's throwaway workspace, which refuses
   * every channel the contract marks `demo: 'refused'`.
   */
  constructor(
    private readonly handlers: InvokeHandlers,
    private readonly operator: () => Operator | null = () => null,
    private readonly options: { demo?: boolean } = {}
  ) {}

  /**
   * Another router answers in this one's place until handed back (null): every invoke goes to it,
   * its streams reach this one's renderers, and this one's own streams are held back meanwhile.
   */
  handOver(to: IpcRouter | null): void {
    this.standIn?.unforward()
    this.standIn = to === null ? null : { router: to, unforward: to.addSink((channel, payload) => this.push(channel, payload)) }
  }

  async invoke(channel: unknown, request: unknown, caller: Caller): Promise<unknown> {
    if (this.standIn !== null) return this.standIn.router.invoke(channel, request, caller)
    if (typeof channel !== 'string' || !Object.hasOwn(invokeContract, channel)) {
      throw new IpcFailure({ code: 'unknown-channel', message: `No such channel: ${String(channel).slice(0, 80)}` })
    }
    const name = channel as InvokeChannel
    const contract: InvokeSpec = invokeContract[name]
    // Permission before validation: a caller who may not use a channel learns nothing from it.
    const operator = this.operator()
    if (!allowed(contract.access, operator)) throw new IpcFailure({ code: 'forbidden', message: refusal(contract.access, operator) })
    if (this.options.demo === true && contract.demo === 'refused') {
      throw new IpcFailure({ code: 'forbidden', message: 'Not on the demo floor: leave the demo first. The demo changes nothing on this computer and reaches no real PBX.' })
    }
    const problem = describeIssues(contract.request, request)
    if (problem !== null) throw new IpcFailure({ code: 'invalid-request', message: `Invalid request for ${name}: ${problem}` })
    const handler = this.handlers[name] as (request: unknown, caller: CallContext) => unknown
    let response: unknown
    try {
      response = await handler(contract.request.parse(request), { ...caller, operator })
    } catch (err) {
      if (err instanceof IpcFailure) throw err
      throw new IpcFailure({ code: 'failed', message: errorText(err) })
    }
    // zod strips unknown keys on parse: what leaves main is exactly what the contract declares.
    return contract.response.parse(response)
  }

  /** Pushes a stream payload to every connected renderer. */
  emit<S extends StreamChannel>(channel: S, payload: StreamPayload<S>): void {
    const checked = streamContract[channel].parse(payload)
    if (this.standIn === null) this.push(channel, checked)
  }

  private push(channel: StreamChannel, checked: unknown): void {
    for (const sink of this.sinks) sink(channel, checked)
  }

  /** A renderer connection (Electron window, browser host socket); returns its removal. */
  addSink(sink: (channel: StreamChannel, payload: unknown) => void): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }
}

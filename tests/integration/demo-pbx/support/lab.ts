/**
 * A quiet demo PBX for the softphone tests: the lab (agents 1001-1004, supervisors 2001 over
 * WebSocket and 2002 simulated) with no scripted calls, watched by Earshot's AMI client. The
 * test places the calls it needs (a customer dialling an agent) and reads every AMI event.
 */
import { AmiClient } from '../../../../src/main/ami/client'
import type { AmiMessage } from '../../../../src/main/ami/message'
import { startDemoPbx, type DemoPbx, type StartDemoPbxOptions } from '../../../../src/main/demo-pbx'
import { InboundCall } from '../../../../src/main/demo-pbx/inbound'
import { waitFor } from './softphone'

export interface Lab {
  pbx: DemoPbx
  ami: AmiClient
  events: AmiMessage[]
  /** Events of one kind, optionally on one channel. */
  find(event: string, where?: Partial<Record<string, string>>): AmiMessage[]
  waitEvent(event: string, where?: Partial<Record<string, string>>, ms?: number): Promise<AmiMessage>
  /** A customer calls agent `ext` directly; resolves once the agent's leg is bridged. */
  customerCalls(ext: string): Promise<InboundCall>
  stop(): Promise<void>
}

let calls = 0

export async function startLab(options: StartDemoPbxOptions = {}): Promise<Lab> {
  // A scenario with nothing but console actions (which the test's client would send): a quiet lab.
  const pbx = await startDemoPbx({ scenario: 'queue-pause', consoleActions: 'client', ...options })
  const events: AmiMessage[] = []
  const ami = new AmiClient({ url: pbx.url, username: pbx.username, secret: pbx.secret, backoff: { baseMs: 30, maxMs: 100 } })
  ami.on('event', (m) => events.push(m))
  let ready = false
  ami.on('ready', () => (ready = true))
  ami.start()
  // The lab's clock starts at the first login, like a capture's t=0.
  await waitFor(() => ready, 'the AMI login')
  const matches = (m: AmiMessage, event: string, where: Partial<Record<string, string>>): boolean =>
    m.fields.Event === event && Object.entries(where).every(([k, v]) => m.fields[k] === v)
  const find = (event: string, where: Partial<Record<string, string>> = {}): AmiMessage[] => events.filter((m) => matches(m, event, where))
  return {
    pbx,
    ami,
    events,
    find,
    async waitEvent(event, where = {}, ms = 15_000) {
      await waitFor(() => find(event, where).length > 0, `${event} ${JSON.stringify(where)}`, ms)
      return find(event, where)[0] as AmiMessage
    },
    async customerCalls(ext) {
      const call = InboundCall.arrive(pbx.model, { customer: { number: '+442070002222', name: 'Dave Customer' }, did: ext, originateId: `lab-originate-${++calls}` })
      await waitFor(() => call.phase === 'talking' && call.agent?.bridge != null, `${ext} to answer`)
      return call
    },
    async stop() {
      ami.stop()
      await pbx.stop()
    }
  }
}

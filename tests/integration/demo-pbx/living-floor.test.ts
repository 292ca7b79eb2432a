/**
 * The living demo floor as the app meets it: Earshot's AMI client and LiveFloor on loopback TCP,
 * the PBX running 50 times faster than life. Agents appear, calls come and go, the console can
 * pause an agent and listen in, and after a dropped connection the reconnect snapshot leaves
 * exactly what a fresh console would see: no ghosts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { AmiClient } from '../../../src/main/ami/client'
import { AmiDecoder } from '../../../src/main/ami/decoder'
import type { AmiMessage } from '../../../src/main/ami/message'
import { startDemoPbx, type DemoPbx } from '../../../src/main/demo-pbx'
import { LiveFloor } from '../../../src/main/calls/live-floor'
import type { AgentRow } from '../../../src/shared/floor'
import { LAB_OPTIONS } from '../../support/traces'
import { waitFor } from '../../support/wait'

const SPEED = 50
let pbx: DemoPbx | null = null
const clients: AmiClient[] = []

afterEach(async () => {
  for (const c of clients.splice(0)) c.stop()
  await pbx?.stop()
  pbx = null
})

interface Console {
  client: AmiClient
  floor: LiveFloor
  snapshots: () => number
  events: AmiMessage[]
}

/** Earshot's live path: AmiClient → LiveFloor, its own Originates folded in as the app does. */
function connect(demo: DemoPbx): Console {
  const floor = new LiveFloor(LAB_OPTIONS, () => demo.now())
  const decoder = new AmiDecoder()
  const events: AmiMessage[] = []
  let snapshots = 0
  floor.on('snapshot', () => snapshots++)
  const client = new AmiClient({
    url: demo.url,
    username: demo.username,
    secret: demo.secret,
    backoff: { baseMs: 30, maxMs: 100 },
    tap: {
      write: (raw) => {
        for (const frame of decoder.write(raw)) if (frame.kind === 'message' && frame.message.fields.Action === 'Originate') floor.apply(frame.message)
      }
    }
  })
  client.on('event', (m) => {
    events.push(m)
    floor.apply(m)
  })
  client.on('ready', (session) => void floor.resync(session))
  client.start()
  clients.push(client)
  return { client, floor, snapshots: () => snapshots, events }
}

const row = (c: Console, ext: string): AgentRow | undefined => c.floor.rows().find((r) => r.extension === ext)
const AGENTS = Array.from({ length: 12 }, (_, i) => String(1001 + i))

/** What a supervisor sees, without the times (a snapshot only estimates answer times). */
function shape(rows: AgentRow[]): unknown[] {
  return rows.map((r) => ({
    extension: r.extension,
    name: r.name,
    status: r.status,
    pauseReason: r.pauseReason,
    calls: r.calls.map((c) => ({ id: c.id, channel: c.channel, state: c.state, onHold: c.onHold, customer: c.customer, direction: c.direction, supervisors: c.supervisors }))
  }))
}

describe('the living demo floor over AMI', () => {
  it('shows 12 named agents, calls that come, get answered and end, and speaks Asterisk from the login on', async () => {
    pbx = await startDemoPbx({ speed: SPEED, seed: 3 })
    const c = connect(pbx)
    await waitFor(() => c.snapshots() === 1, 'the first snapshot')
    const rows = c.floor.rows()
    expect(rows.map((r) => r.extension)).toEqual([...AGENTS, '2001', '2002'])
    expect(row(c, '1001')?.name).toBe('Ava Thompson')
    expect(new Set(rows.map((r) => r.name)).size).toBe(rows.length)
    // Warmed up: the floor is busy from the first look.
    expect(rows.filter((r) => r.calls.length > 0).length).toBeGreaterThan(2)
    const booted = c.events.find((e) => e.fields.Event === 'FullyBooted')
    expect(booted?.headers.map(([k]) => k)).toEqual(['Event', 'Privilege', 'Uptime', 'LastReload', 'Status'])

    const atSnapshot = new Set(rows.flatMap((r) => r.calls.map((call) => call.id)))
    const seen = new Map<string, Set<string>>()
    const watch = setInterval(() => {
      for (const r of c.floor.rows()) for (const call of r.calls) (seen.get(call.id) ?? seen.set(call.id, new Set()).get(call.id))?.add(call.state)
    }, 2)
    try {
      // A call that was not there at the snapshot rings or is answered, talks, and ends.
      await waitFor(() => {
        const live = new Set(c.floor.rows().flatMap((r) => r.calls.map((call) => call.id)))
        return [...seen].some(([id, states]) => !atSnapshot.has(id) && states.has('talking') && !live.has(id))
      }, 'a new call to be answered and end', 8000)
    } finally {
      clearInterval(watch)
    }
  })

  it('pauses an agent on the console’s QueuePause, and shows the console listening in', async () => {
    pbx = await startDemoPbx({ speed: SPEED, seed: 4 })
    const demo = pbx
    const c = connect(demo)
    await waitFor(() => c.snapshots() === 1, 'the first snapshot')
    await waitFor(() => AGENTS.some((ext) => row(c, ext)?.status === 'idle'), 'an idle agent')
    const idle = AGENTS.find((ext) => row(c, ext)?.status === 'idle') as string
    await c.client.send({ Action: 'QueuePause', Interface: `PJSIP/${idle}`, Paused: 'true', Reason: 'coaching' })
    await waitFor(() => row(c, idle)?.pauseReason === 'coaching', 'the pause to show')
    const paused = row(c, idle)
    // (Unless the agent started dialling out in the same instant, a paused agent shows as paused.)
    if (paused?.calls.length === 0) expect(paused.status).toBe('paused')
    await c.client.send({ Action: 'QueuePause', Interface: `PJSIP/${idle}`, Paused: 'false' })
    await waitFor(() => row(c, idle)?.pauseReason === null, 'the pause to lift')

    // Listen in on someone talking: the demo answers 2002's leg itself, ChanSpy starts, and at
    // that very event the agent's row shows 2002 listening (checked after the floor applied it).
    await waitFor(() => AGENTS.some((ext) => row(c, ext)?.status === 'talking'), 'a call')
    const talking = AGENTS.find((ext) => row(c, ext)?.status === 'talking') as string
    const spied = new Promise<{ spyee: string; supervisors: unknown; supervisorRow: string | undefined }>((resolve) => {
      c.client.on('event', (m) => {
        if (m.fields.Event !== 'ChanSpyStart' || m.fields.SpyerChannel?.startsWith('PJSIP/2002-') !== true) return
        const spyee = m.fields.SpyeeChannel ?? ''
        const call = c.floor.rows().flatMap((r) => r.calls).find((x) => x.channel === spyee)
        resolve({ spyee, supervisors: call?.supervisors, supervisorRow: row(c, '2002')?.status })
      })
    })
    await c.client.send({ Action: 'Originate', Channel: 'PJSIP/2002', Context: 'internal', Exten: `555${talking}`, Priority: '1', CallerID: `"Listen ${talking}" <555${talking}>`, Async: 'true' })
    const spy = await spied
    expect(spy.spyee.startsWith(`PJSIP/${talking}-`)).toBe(true)
    expect(spy.supervisors).toEqual([{ extension: '2002', mode: 'listen' }])
    expect(spy.supervisorRow).toBe('idle') // the spy leg is not a call of 2002
    // An extension the dialplan does not have is refused at once, as Asterisk does.
    await expect(c.client.send({ Action: 'Originate', Channel: 'PJSIP/2002', Context: 'internal', Exten: '4711', Priority: '1' })).rejects.toThrow('Extension does not exist.')
    await expect(c.client.send({ Action: 'Frobnicate' })).rejects.toThrow(/^Invalid\/unknown command/)
  })

  it('after a dropped connection the snapshot leaves no ghost: the floor equals a fresh console’s', async () => {
    pbx = await startDemoPbx({ speed: SPEED, seed: 5 })
    const demo = pbx
    const c = connect(demo)
    await waitFor(() => c.snapshots() === 1, 'the first snapshot')
    const before = new Set(c.floor.rows().flatMap((r) => r.calls.map((call) => call.id)))
    expect(before.size).toBeGreaterThan(0)
    // The network is down for ~100 PBX seconds: calls end and start unseen.
    demo.refuseConnections(true)
    demo.dropConnections()
    await new Promise((r) => setTimeout(r, 2000))
    demo.refuseConnections(false)
    await waitFor(() => c.snapshots() === 2, 'the snapshot after reconnecting')
    // A quiet moment: PBX time stands still while the two floors are compared.
    demo.pause()
    // A Ping's answer comes after every event already sent on that connection: the floor has them all.
    await c.client.send({ Action: 'Ping' })
    const fresh = connect(demo)
    await waitFor(() => fresh.snapshots() === 1, "a fresh console's snapshot")
    expect(shape(c.floor.rows())).toEqual(shape(fresh.floor.rows()))
    const ended = [...before].filter((id) => !demo.model.channels.has(id))
    expect(ended.length).toBeGreaterThan(0) // some calls really did end while it was away
    for (const r of c.floor.rows()) for (const call of r.calls) expect(demo.model.channels.has(call.id), `${r.extension} ${call.channel}`).toBe(true)
    demo.resume()
  })
})

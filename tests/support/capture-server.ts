/**
 * A stand-in Asterisk on loopback that serves a real capture: it answers the console's snapshot
 * actions with what that Asterisk answered, then plays the capture's live events on its own clock
 * (sped up). The PBX's clock runs whether or not a client is connected, so a client that
 * reconnects has missed events, as with a real PBX; its CoreShowChannels reply then lists the
 * channels up at that moment, built from the capture by a model independent of Earshot's engine.
 */
import { AmiServer, type AmiServerConnection, type Headers } from '../../src/main/demo-pbx/ami-server'
import type { CaptureRecord } from '../../src/main/capture/format'
import type { AmiMessage } from '../../src/main/ami/message'

const SNAPSHOT_REPLY_END = 'Event: DeviceStateListComplete'

function headersOf(raw: string): Array<[string, string]> {
  const out: Array<[string, string]> = []
  for (const line of raw.split('\r\n')) {
    const i = line.indexOf(':')
    if (i > 0) out.push([line.slice(0, i), line.slice(i + 1).trimStart()])
  }
  return out
}

/** The lab dialplan's ChanSpy options per feature code (shared/asterisk/extensions.conf). */
const LAB_CHANSPY: Record<string, string> = { '555': 'qdE', '556': 'qdEw', '557': 'qdEB' }

interface ModelChannel {
  fields: Map<string, string>
  created: number
  bridge: string
  app: string
  appData: string
}

/** Channels up at capture time `t`, the way `CoreShowChannels` would list them. */
export function channelsAt(records: readonly CaptureRecord[], t: number): Headers[] {
  const channels = new Map<string, ModelChannel>()
  for (const r of records) {
    if (r.t > t) break
    if (r.dir !== 'rx') continue
    const h = headersOf(r.raw)
    const f = new Map(h)
    const event = f.get('Event')
    const uid = f.get('Uniqueid')
    if (event === 'Hangup' && uid !== undefined) channels.delete(uid)
    else if (event === 'ChanSpyStart') {
      const spyer = channels.get(f.get('SpyerUniqueid') ?? '')
      const exten = f.get('SpyerExten') ?? ''
      if (spyer !== undefined) {
        spyer.app = 'ChanSpy'
        spyer.appData = `PJSIP/${exten.slice(3)},${LAB_CHANSPY[exten.slice(0, 3)] ?? 'q'}`
      }
    } else if (uid !== undefined && f.has('ChannelState') && f.has('Channel')) {
      const ch = channels.get(uid) ?? { fields: new Map(), created: r.t, bridge: '', app: 'AppDial', appData: '(Outgoing Line)' }
      for (const key of ['Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName', 'Language', 'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid']) {
        const v = f.get(key)
        if (v !== undefined) ch.fields.set(key, v)
      }
      if (event === 'BridgeEnter') ch.bridge = f.get('BridgeUniqueid') ?? ''
      if (event === 'BridgeLeave') ch.bridge = ''
      channels.set(uid, ch)
    }
  }
  return [...channels.values()].map((ch) => {
    const seconds = Math.floor((t - ch.created) / 1000)
    const hh = String(Math.floor(seconds / 3600)).padStart(2, '0')
    const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0')
    const ss = String(seconds % 60).padStart(2, '0')
    return { Event: 'CoreShowChannel', ...Object.fromEntries(ch.fields), Application: ch.app, ApplicationData: ch.appData, Duration: `${hh}:${mm}:${ss}`, BridgeId: ch.bridge }
  })
}

export interface CaptureServer {
  port: number
  /** The capture clock now (ms). */
  now(): number
  /** Waits until the capture clock reaches `t`. */
  until(t: number): Promise<void>
  /** Drops every client connection (the PBX stays up). */
  dropClients(): void
  /** While on, new connections are closed at once (the network is down). */
  refuseClients(on: boolean): void
  close(): Promise<void>
}

export interface CaptureServerOptions {
  speed?: number
  username?: string
  secret?: string
  /** Actions never answered while this says so (a PBX whose replies go missing). */
  silent?: (action: string) => boolean
  /** Runs after each answer: a hostile PBX writes what it likes here. */
  afterAnswer?: (connection: AmiServerConnection, action: string) => void
}

export async function startCaptureServer(records: readonly CaptureRecord[], opts: CaptureServerOptions = {}): Promise<CaptureServer> {
  const speed = opts.speed ?? 10
  const snapshotEnd = records.findIndex((r) => r.raw.startsWith(SNAPSHOT_REPLY_END))
  const replies = new Map<string, CaptureRecord[]>()
  for (let i = 0; i <= snapshotEnd; i++) {
    const r = records[i]
    if (r?.dir !== 'tx') continue
    const action = new Map(headersOf(r.raw)).get('Action') ?? ''
    const reply: CaptureRecord[] = []
    for (let j = i + 1; j < records.length && records[j]?.dir === 'rx'; j++) reply.push(records[j] as CaptureRecord)
    replies.set(action, reply)
  }
  const live = records.slice(snapshotEnd + 1).filter((r) => r.dir === 'rx')
  const liveStart = records[snapshotEnd]?.t ?? 0
  let started: number | null = null
  let next = 0
  let timer: NodeJS.Timeout | null = null
  const now = (): number => (started === null ? liveStart : liveStart + (Date.now() - started) * speed)

  const server = new AmiServer({
    username: opts.username ?? 'earshot',
    secret: opts.secret ?? 'earshot-secret',
    onLogin: () => {
      if (started !== null) return
      started = Date.now()
      timer = setInterval(play, 5)
    },
    onAction: (c, action) => {
      const name = action.fields.Action ?? ''
      if (opts.silent?.(name) === true) return
      answer(c, action)
      opts.afterAnswer?.(c, name)
    }
  })

  function play(): void {
    const t = now()
    while (next < live.length && (live[next]?.t ?? Infinity) <= t) {
      const raw = live[next++]?.raw ?? ''
      for (const c of server.connections) if (c.loggedIn && c.eventsOn) c.sendRaw(raw)
    }
    if (next >= live.length && timer !== null) clearInterval(timer)
  }

  function answer(c: AmiServerConnection, action: AmiMessage): void {
    const name = action.fields.Action ?? ''
    const id = action.fields.ActionID ?? ''
    if (name === 'CoreShowChannels') {
      const items = channelsAt(records, now())
      c.reply(action, { Response: 'Success', EventList: 'start', Message: 'Channels will follow' })
      for (const item of items) c.send({ ...item, ActionID: id })
      c.send({ Event: 'CoreShowChannelsComplete', ActionID: id, EventList: 'Complete', ListItems: items.length })
      return
    }
    const reply = replies.get(name)
    if (reply === undefined) {
      c.reply(action, { Response: 'Error', Message: 'Invalid/unknown command' })
      return
    }
    for (const r of reply) c.send(Object.fromEntries(headersOf(r.raw).map(([k, v]) => [k, k === 'ActionID' ? id : v])))
  }

  const port = await server.listen(0)
  return {
    port,
    now,
    until: async (t) => {
      while (now() < t) await new Promise((r) => setTimeout(r, 5))
    },
    dropClients: () => server.dropAll(),
    refuseClients: (on) => {
      server.refusing = on
    },
    close: async () => {
      if (timer !== null) clearInterval(timer)
      await server.close()
    }
  }
}

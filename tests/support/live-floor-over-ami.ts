/**
 * A capture served on loopback (tests/support/capture-server.ts) and followed as the app follows a
 * PBX: Earshot's AMI client feeds a LiveFloor and resyncs it on every (re)login, with quick
 * reconnects. The floor runs on the capture's clock, so its times compare with a replay's.
 */
import { AmiClient } from '../../src/main/ami/client'
import type { CaptureRecord } from '../../src/main/capture/format'
import { LiveFloor } from '../../src/main/calls/live-floor'
import { type CaptureServer, startCaptureServer } from './capture-server'
import { LAB_OPTIONS } from './traces'

export interface FollowedCapture {
  server: CaptureServer
  client: AmiClient
  floor: LiveFloor
  /** How many snapshots the floor has taken: one per login. */
  snapshots: () => number
}

/** Starts the server and the client; the caller stops the client and closes the server. */
export async function followCapture(records: readonly CaptureRecord[], speed = 10): Promise<FollowedCapture> {
  const server = await startCaptureServer(records, { speed })
  const floor = new LiveFloor(LAB_OPTIONS, () => server.now())
  let snapshots = 0
  floor.on('snapshot', () => snapshots++)
  const client = new AmiClient({ url: `ami://127.0.0.1:${server.port}`, username: 'earshot', secret: 'earshot-secret', backoff: { baseMs: 50, maxMs: 200 } })
  client.on('event', (m) => floor.apply(m))
  client.on('ready', (session) => void floor.resync(session))
  client.start()
  return { server, client, floor, snapshots: () => snapshots }
}

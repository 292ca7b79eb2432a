import { EventEmitter } from 'node:events'
import net from 'node:net'
import { createRequire } from 'node:module'

/**
 * Runs the same bytes through the `asterisk-manager` package's parser, in process. Its parser is
 * private (bound to the socket's 'data' event), so we hand it a stand-in socket instead of a TCP
 * one and emit the chunks ourselves: only parsing and delivery are measured, as for Earshot's decoder.
 */
export async function asteriskManagerParse(chunks: readonly string[]): Promise<number> {
  const fake = Object.assign(new EventEmitter(), {
    setKeepAlive: () => undefined,
    setNoDelay: () => undefined,
    setEncoding: () => undefined,
    readyState: 'open'
  })
  const original = net.createConnection
  ;(net as { createConnection: unknown }).createConnection = () => fake
  let events = 0
  try {
    const require = createRequire(__filename)
    const Manager = require('asterisk-manager') as (port?: number, host?: string) => EventEmitter & { connect: (port: number, host: string) => void }
    const manager = Manager()
    manager.on('managerevent', () => {
      events++
    })
    manager.connect(5038, '127.0.0.1')
    for (const chunk of chunks) fake.emit('data', chunk)
    // It delivers each parsed message on a later tick: wait until all have arrived.
    await new Promise((resolve) => setImmediate(resolve))
  } finally {
    ;(net as { createConnection: unknown }).createConnection = original
  }
  return events
}

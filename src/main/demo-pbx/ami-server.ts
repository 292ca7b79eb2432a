import net from 'node:net'
import { AmiDecoder } from '../ami/decoder'
import { encodeAction } from '../ami/encoder'
import type { AmiMessage } from '../ami/message'
import { ALL_CLASSES, listCommands, mayRead, mayWrite } from './manager-actions'

/** What Asterisk 22 greets with (the AMI protocol version, not Asterisk's). */
export const GREETING = 'Asterisk Call Manager/11.0.0\r\n'

export type Headers = Record<string, string | number | readonly string[]>

/** One client of the simulated AMI, after the greeting. */
export class AmiServerConnection {
  loggedIn = false
  eventsOn = false

  constructor(private readonly socket: net.Socket) {}

  /** Sends one message (headers in order) followed by its blank line. */
  send(headers: Headers): void {
    this.sendRaw(encodeAction(headers))
  }

  sendRaw(raw: string): void {
    if (!this.socket.destroyed) this.socket.write(raw)
  }

  /** A reply to `action`, carrying its ActionID as Asterisk does. */
  reply(action: AmiMessage, headers: Headers): void {
    const id = action.fields.ActionID
    const [first, ...rest] = Object.entries(headers)
    if (first === undefined) return
    this.send(Object.fromEntries(id === undefined ? [first, ...rest] : [first, ['ActionID', id], ...rest]))
  }

  close(): void {
    this.socket.end()
  }

  destroy(): void {
    this.socket.destroy()
  }
}

export interface AmiServerOptions {
  username: string
  secret: string
  /** Every action after Login (Logoff and Ping are answered here). */
  onAction: (connection: AmiServerConnection, action: AmiMessage) => void
  onLogin?: (connection: AmiServerConnection) => void
  /** Seconds since the PBX booted, for FullyBooted's Uptime/LastReload (default: since this server was made). */
  uptimeSeconds?: () => number
  /** The user's manager.conf `read=` classes: events of other classes never reach it (default: every class). */
  read?: readonly string[]
  /** The user's `write=` classes: other actions are answered "Permission denied", as Asterisk does (default: every class). */
  write?: readonly string[]
}

/**
 * The manager-protocol side of a simulated Asterisk: greeting, Login (closing the connection on
 * bad credentials, as Asterisk does), Ping, Logoff, and "Permission denied" before login.
 * Listens on loopback only.
 */
export class AmiServer {
  readonly connections = new Set<AmiServerConnection>()
  /** While true, new connections are dropped at once (a simulated network outage). */
  refusing = false
  private readonly server: net.Server
  private readonly createdAt = Date.now()

  private readonly read: ReadonlySet<string>
  private readonly write: ReadonlySet<string>

  constructor(private readonly options: AmiServerOptions) {
    this.read = new Set(options.read ?? ALL_CLASSES)
    this.write = new Set(options.write ?? ALL_CLASSES)
    this.server = net.createServer((socket) => this.accept(socket))
  }

  async listen(port = 0): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(port, '127.0.0.1', () => resolve())
    })
    const address = this.server.address()
    if (address === null || typeof address === 'string') throw new Error('AMI server has no TCP address')
    return address.port
  }

  /** Sends an event to every logged-in client that asked for events. */
  broadcast(headers: Headers): void {
    const privilege = headers.Privilege
    if (!mayRead(typeof privilege === 'string' ? privilege : undefined, this.read)) return
    const raw = encodeAction(headers)
    for (const c of this.connections) if (c.loggedIn && c.eventsOn) c.sendRaw(raw)
  }

  /** Drops every client at once (a simulated network failure). */
  dropAll(): void {
    for (const c of this.connections) c.destroy()
  }

  async close(): Promise<void> {
    this.dropAll()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(socket: net.Socket): void {
    if (this.refusing) {
      socket.destroy()
      return
    }
    const connection = new AmiServerConnection(socket)
    const decoder = new AmiDecoder()
    this.connections.add(connection)
    socket.on('close', () => this.connections.delete(connection))
    socket.on('error', () => socket.destroy())
    socket.write(GREETING)
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.write(chunk)) if (frame.kind === 'message') this.handle(connection, frame.message)
    })
  }

  private handle(connection: AmiServerConnection, action: AmiMessage): void {
    const name = (action.fields.Action ?? '').toLowerCase()
    if (name === 'login') {
      const f = action.fields
      if (f.Username !== this.options.username || f.Secret !== this.options.secret) {
        connection.reply(action, { Response: 'Error', Message: 'Authentication failed' })
        connection.close()
        return
      }
      connection.loggedIn = true
      connection.eventsOn = f.Events === undefined || !/^(off|no|false)$/i.test(f.Events)
      connection.reply(action, { Response: 'Success', Message: 'Authentication accepted' })
      if (connection.eventsOn) {
        const uptime = Math.floor(this.options.uptimeSeconds?.() ?? (Date.now() - this.createdAt) / 1000)
        if (mayRead('system,all', this.read)) connection.send({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: uptime, LastReload: uptime, Status: 'Fully Booted' })
      }
      this.options.onLogin?.(connection)
      return
    }
    if (!connection.loggedIn) {
      connection.reply(action, { Response: 'Error', Message: 'Permission denied' })
      return
    }
    if (!mayWrite(name, this.write)) {
      connection.reply(action, { Response: 'Error', Message: 'Permission denied' })
      return
    }
    if (name === 'listcommands') {
      connection.reply(action, { Response: 'Success', ...listCommands(this.write) })
      return
    }
    if (name === 'ping') {
      connection.reply(action, { Response: 'Success', Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) })
      return
    }
    if (name === 'logoff') {
      connection.reply(action, { Response: 'Goodbye', Message: 'Thanks for all the fish.' })
      connection.close()
      return
    }
    this.options.onAction(connection, action)
  }
}

/**
 * A tiny stand-in Asterisk on 127.0.0.1 (TCP or TLS) for the AMI tests: greeting, Login (closing
 * the connection on bad credentials, as Asterisk does), Ping, Logoff, "Permission denied" before
 * login or for `denied` actions, and the snapshot lists answered with a real capture's events.
 */
import net from 'node:net'
import tls from 'node:tls'
import { AmiDecoder } from '../../../src/main/ami/decoder'
import { encodeAction, type AmiFields } from '../../../src/main/ami/encoder'
import type { AmiMessage } from '../../../src/main/ami/message'
import { capturedAnswer } from '../../unit/ami/captures'

export const GREETING = 'Asterisk Call Manager/11.0.0\r\n'
export const USERNAME = 'earshot'
export const SECRET = 'S3cr3t-never-shown'

const LIST_ACTIONS = ['CoreShowChannels', 'BridgeList', 'PJSIPShowEndpoints', 'PJSIPShowContacts', 'QueueStatus', 'ExtensionStateList', 'DeviceStateList']
const CAPTURE = 'inbound-queue-answered'

export interface FakeAsteriskOptions {
  readonly secret?: string
  readonly tls?: { readonly key: string; readonly cert: string }
  /** Sent on connect instead of the Asterisk greeting ('' sends nothing). */
  readonly greeting?: string
  /** Actions answered "Permission denied" (as when manager.conf lacks the class). */
  readonly denied?: readonly string[]
  /** Actions never answered. */
  readonly silent?: readonly string[]
  /** Runs first for every action after login; return true when it answered. */
  readonly handle?: (action: AmiMessage, connection: FakeConnection) => boolean | void
  /** The port to listen on (default: any free one), e.g. the port of an Asterisk that restarts. */
  readonly port?: number
}

export class FakeConnection {
  loggedIn = false

  constructor(readonly socket: net.Socket) {}

  write(raw: string): void {
    if (!this.socket.destroyed) this.socket.write(raw)
  }

  send(fields: AmiFields): void {
    this.write(encodeAction(fields))
  }

  /** Answers `action` with `fields`, ActionID second as Asterisk puts it. */
  reply(action: AmiMessage, fields: AmiFields): void {
    const [first, ...rest] = Object.entries(fields)
    if (first === undefined) return
    this.send(Object.fromEntries([first, ['ActionID', action.fields.ActionID], ...rest]))
  }
}

export class FakeAsterisk {
  /** Every action received, in order, across connections. */
  readonly actions: AmiMessage[] = []
  /** Everything clients wrote, as text. */
  received = ''
  readonly connections = new Set<FakeConnection>()
  private readonly answers = new Map(LIST_ACTIONS.map((a) => [a, capturedAnswer(CAPTURE, a)]))

  private constructor(
    private readonly server: net.Server,
    private readonly options: FakeAsteriskOptions
  ) {}

  static async start(options: FakeAsteriskOptions = {}): Promise<FakeAsterisk> {
    // The server's connection handler needs the instance, which needs the server.
    const ref: { fake?: FakeAsterisk } = {}
    const accept = (socket: net.Socket): void => ref.fake?.accept(socket)
    const server = options.tls ? tls.createServer({ key: options.tls.key, cert: options.tls.cert }, accept) : net.createServer(accept)
    const fake = new FakeAsterisk(server, options)
    ref.fake = fake
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve))
    return fake
  }

  get port(): number {
    const address = this.server.address()
    if (address === null || typeof address === 'string') throw new Error('not listening')
    return address.port
  }

  get url(): string {
    return `${this.options.tls ? 'amis' : 'ami'}://127.0.0.1:${this.port}`
  }

  /** Sends raw text to every connection. */
  broadcast(raw: string): void {
    for (const c of this.connections) c.write(raw)
  }

  dropAll(): void {
    for (const c of this.connections) c.socket.destroy()
  }

  async close(): Promise<void> {
    this.dropAll()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
  }

  private accept(socket: net.Socket): void {
    const connection = new FakeConnection(socket)
    const decoder = new AmiDecoder()
    this.connections.add(connection)
    socket.on('close', () => this.connections.delete(connection))
    socket.on('error', () => socket.destroy())
    socket.setEncoding('utf8')
    socket.on('data', (text: string) => {
      this.received += text
      for (const frame of decoder.write(text)) if (frame.kind === 'message') this.answer(connection, frame.message)
    })
    connection.write(this.options.greeting ?? GREETING)
  }

  private answer(c: FakeConnection, action: AmiMessage): void {
    this.actions.push(action)
    const name = action.fields.Action ?? ''
    if (name === 'Login') {
      if (action.fields.Username !== USERNAME || action.fields.Secret !== (this.options.secret ?? SECRET)) {
        c.reply(action, { Response: 'Error', Message: 'Authentication failed' })
        c.socket.end()
        return
      }
      c.loggedIn = true
      // One write, as Asterisk often delivers them: the event shares a read with the response.
      const booted = { Event: 'FullyBooted', Privilege: 'system,all', Uptime: 18, LastReload: 18, Status: 'Fully Booted' }
      c.write(
        encodeAction({ Response: 'Success', ActionID: action.fields.ActionID, Message: 'Authentication accepted' }) +
          (action.fields.Events === 'off' ? '' : encodeAction(booted))
      )
      return
    }
    if (!c.loggedIn || this.options.denied?.includes(name)) {
      c.reply(action, { Response: 'Error', Message: 'Permission denied' })
      return
    }
    if (this.options.silent?.includes(name) || this.options.handle?.(action, c) === true) return
    const answer = this.answers.get(name)
    if (answer) {
      for (const raw of answer) c.write(raw.replace('ActionID: {id}\r\n', `ActionID: ${action.fields.ActionID ?? ''}\r\n`))
    } else if (name === 'Ping') {
      c.reply(action, { Response: 'Success', Ping: 'Pong', Timestamp: '1795468814.123456' })
    } else if (name === 'Logoff') {
      c.reply(action, { Response: 'Goodbye', Message: 'Thanks for all the fish.' })
      c.socket.end()
    } else {
      c.reply(action, { Response: 'Error', Message: `Invalid/unknown command: ${name}. Use Action: ListCommands to show available commands.` })
    }
  }
}

import { readFile } from 'node:fs/promises'
import net from 'node:net'
import tls from 'node:tls'
import { AmiConnectError, AmiDisconnectedError, quote } from './errors'
import { formatEndpoint, parseAmiUrl, type AmiEndpoint } from './url'
import { errorText } from '../../shared/error-text'

export interface AmiConnectOptions {
  /** ami://host[:port] or amis://host[:port]. */
  readonly url: string
  /**
   * For amis://: the CA (or the self-signed certificate itself) to trust instead of the system's,
   * as PEM text or the path of a PEM file. The certificate is always verified.
   */
  readonly ca?: string
  /** Default 10 s, TCP connect and TLS handshake together. */
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
}

export interface AmiConnection {
  readonly socket: net.Socket
  readonly endpoint: AmiEndpoint
}

const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
const PEM_CERTIFICATE = '-----BEGIN CERTIFICATE-----'

const SOCKET_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EADDRNOTAVAIL: 'address not available'
}

/**
 * Opens the TCP or TLS connection for an AMI URL. Resolves once it is usable (TLS: handshake done,
 * certificate verified against `ca` or the system CAs, host name checked); rejects with an
 * AmiConnectError of kind 'config', 'unreachable', 'tls' or 'timeout'.
 */
export async function connectAmi(options: AmiConnectOptions): Promise<AmiConnection> {
  const endpoint = parseAmiUrl(options.url)
  const ca = endpoint.secure && options.ca !== undefined ? await loadCa(options.ca) : undefined
  options.signal?.throwIfAborted()
  const where = formatEndpoint(endpoint)
  const timeoutMs = options.timeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS

  return new Promise<AmiConnection>((resolve, reject) => {
    let socket: net.Socket
    try {
      socket = endpoint.secure
        ? tls.connect({
            host: endpoint.host,
            port: endpoint.port,
            // SNI must be a name (RFC 6066); an IP address is still checked against the certificate.
            servername: net.isIP(endpoint.host) ? undefined : endpoint.host,
            ca
          })
        : net.connect({ host: endpoint.host, port: endpoint.port })
    } catch (error) {
      reject(new AmiConnectError('config', `Cannot use the CA certificate: ${errorText(error)}`, { cause: error }))
      return
    }
    let tcpUp = false
    let settled = false

    const finish = (error?: AmiConnectError): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      if (error) {
        socket.destroy()
        reject(error)
      } else {
        socket.setNoDelay(true)
        resolve({ socket, endpoint })
      }
    }
    const onAbort = (): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      socket.destroy()
      const reason: unknown = options.signal?.reason
      reject(reason instanceof Error ? reason : new AmiDisconnectedError('Connection attempt aborted'))
    }
    const timer = setTimeout(() => {
      const what = tcpUp ? `TLS handshake with ${where}` : `Connecting to ${where}`
      finish(new AmiConnectError('timeout', `${what} took longer than ${timeoutMs} ms`))
    }, timeoutMs)

    options.signal?.addEventListener('abort', onAbort, { once: true })
    socket.once('connect', () => {
      tcpUp = true
      if (!endpoint.secure) finish()
    })
    if (endpoint.secure) socket.once('secureConnect', () => finish())
    // Stays after settling: the session adds its own listener, and an unheard 'error' would crash.
    socket.on('error', (error: NodeJS.ErrnoException) => finish(classify(error, endpoint, tcpUp)))
  })
}

function classify(error: NodeJS.ErrnoException, endpoint: AmiEndpoint, tcpUp: boolean): AmiConnectError {
  const where = formatEndpoint(endpoint)
  if (endpoint.secure && tcpUp) {
    // OpenSSL errors carry a readable `reason` ("wrong version number"); their message is a dump.
    // Such record-layer errors usually mean the port speaks plain AMI.
    const openssl = error.code?.startsWith('ERR_SSL_') === true
    const why = openssl ? ((error as { reason?: string }).reason ?? error.message) : error.message
    const hint = openssl ? ' (is that a plain ami:// port?)' : ''
    return new AmiConnectError('tls', `TLS handshake with ${where} failed: ${why}${hint}`, { cause: error })
  }
  const reason = (error.code !== undefined && SOCKET_ERRORS[error.code]) || error.message
  return new AmiConnectError('unreachable', `Cannot reach ${where} (${reason})`, { cause: error })
}

async function loadCa(ca: string): Promise<string> {
  if (ca.includes(PEM_CERTIFICATE)) return ca
  let text: string
  try {
    text = await readFile(ca, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? errorText(error)
    throw new AmiConnectError('config', `Cannot read the CA certificate file ${quote(ca)} (${code})`, { cause: error })
  }
  if (!text.includes(PEM_CERTIFICATE)) {
    throw new AmiConnectError('config', `The CA certificate file ${quote(ca)} holds no PEM certificate`)
  }
  return text
}

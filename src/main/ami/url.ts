import { isIPv6 } from 'node:net'
import { AmiConnectError } from './errors'

export interface AmiEndpoint {
  /** amis:// — AMI over TLS. */
  readonly secure: boolean
  /** Host name or IP address (IPv6 without brackets). */
  readonly host: string
  readonly port: number
}

const DEFAULT_PORTS = { 'ami:': 5038, 'amis:': 5039 } as const
const HOST_NAME = /^[A-Za-z0-9._-]+$/

/**
 * Parses `ami://host[:port]` (TCP, default 5038) or `amis://host[:port]` (TLS, default 5039).
 * Errors never echo the URL: a pasted URL may carry a password.
 */
export function parseAmiUrl(url: string): AmiEndpoint {
  const usage = 'use ami://host:5038 (TCP) or amis://host:5039 (TLS)'
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    throw new AmiConnectError('config', `The AMI address is not a URL; ${usage}`)
  }
  const scheme = parsed.protocol
  if (scheme !== 'ami:' && scheme !== 'amis:') {
    const shown = /^[a-z][a-z0-9+.-]{0,15}:$/.test(scheme) ? `'${scheme}//'` : 'its scheme'
    throw new AmiConnectError('config', `The AMI address cannot use ${shown}; ${usage}`)
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new AmiConnectError('config', 'Put the AMI username and secret in their own settings, not in the URL')
  }
  const bracketed = parsed.hostname.startsWith('[') && parsed.hostname.endsWith(']')
  const host = bracketed ? parsed.hostname.slice(1, -1) : parsed.hostname
  if (bracketed ? !isIPv6(host) : !HOST_NAME.test(host)) {
    throw new AmiConnectError('config', `The AMI address has no valid host; ${usage}`)
  }
  if ((parsed.pathname !== '' && parsed.pathname !== '/') || parsed.search !== '' || parsed.hash !== '') {
    throw new AmiConnectError('config', `The AMI address must not have a path, query or fragment; ${usage}`)
  }
  const port = parsed.port === '' ? DEFAULT_PORTS[scheme] : Number(parsed.port)
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new AmiConnectError('config', `The AMI port must be between 1 and 65535; ${usage}`)
  }
  return { secure: scheme === 'amis:', host, port }
}

/** `host:port` for messages, with IPv6 in brackets. */
export function formatEndpoint({ host, port }: AmiEndpoint): string {
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`
}

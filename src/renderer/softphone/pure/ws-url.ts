/**
 * Which SIP-over-WebSocket servers the softphone may talk to: `wss://` anywhere, plain `ws://`
 * only to this computer (the demo PBX, a local test registrar). SIP over an unencrypted socket
 * across a network would expose the signalling (and the digest exchange) to anyone on the path.
 */
export type WsUrlCheck = { ok: true; url: string } | { ok: false; reason: string }

function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host === '[::1]') return true
  // IPv4-mapped loopback as the URL parser writes it (`[::ffff:7f00:1]`).
  if (/^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(host)) return true
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return v4 !== null && v4[1] === '127'
}

export function checkSoftphoneUrl(raw: string): WsUrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: `“${raw}” is not a WebSocket address (expected wss://pbx.example.com:8089/ws)` }
  }
  if (url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'The WebSocket address must not contain a user name or password' }
  }
  if (url.protocol === 'wss:') return { ok: true, url: url.href }
  if (url.protocol === 'ws:') {
    if (isLoopbackHost(url.hostname)) return { ok: true, url: url.href }
    return {
      ok: false,
      reason: `Refusing ${url.href}: unencrypted ws:// is only allowed to this computer; use wss:// for ${url.hostname}`
    }
  }
  return { ok: false, reason: `“${raw}” is not a WebSocket address: use wss://` }
}

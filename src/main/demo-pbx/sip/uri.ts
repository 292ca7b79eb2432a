/**
 * The pieces of SIP header values the demo needs: SIP URIs (RFC 3261 §19.1), name-addr values
 * with their header parameters (From, To, Contact), Via, and `key=value` parameter lists.
 */

export interface SipUri {
  scheme: 'sip' | 'sips'
  user: string | null
  host: string
  port: number | null
  /** URI parameters in order (`transport=ws`, `ob`), names lower-cased. */
  params: Array<[string, string | null]>
}

const URI = /^(sips?):(?:([^@;?]*)@)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+,=%-]+)(?::(\d{1,5}))?((?:;[^;?]*)*)(?:\?.*)?$/

export function parseSipUri(text: string): SipUri | null {
  const m = URI.exec(text.trim())
  if (m === null) return null
  const port = m[4] === undefined ? null : Number(m[4])
  if (port !== null && (port < 1 || port > 65_535)) return null
  const userPart = m[2]
  // user:password@ — the password is dropped (and never used).
  const user = userPart === undefined ? null : decodeSafe(userPart.split(':')[0] ?? '')
  if (user === '') return null
  return { scheme: (m[1] as string).toLowerCase() as 'sip' | 'sips', user, host: (m[3] as string).toLowerCase(), port, params: parseParams(m[5] ?? '') }
}

export function formatSipUri(u: SipUri): string {
  const user = u.user === null ? '' : `${u.user}@`
  const port = u.port === null ? '' : `:${u.port}`
  const params = u.params.map(([k, v]) => (v === null ? `;${k}` : `;${k}=${v}`)).join('')
  return `${u.scheme}:${user}${u.host}${port}${params}`
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** `;a=1;b;c="x y"` → [['a','1'],['b',null],['c','"x y"']] (names lower-cased). */
export function parseParams(text: string): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = []
  for (const part of splitOutsideQuotes(text, ';')) {
    const p = part.trim()
    if (p === '') continue
    const eq = p.indexOf('=')
    if (eq < 0) out.push([p.toLowerCase(), null])
    else out.push([p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim()])
  }
  return out
}

export function param(params: ReadonlyArray<readonly [string, string | null]>, name: string): string | null | undefined {
  const hit = params.find(([k]) => k === name)
  return hit === undefined ? undefined : hit[1]
}

function splitOutsideQuotes(text: string, sep: string): string[] {
  const out: string[] = []
  let quoted = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === sep) {
      out.push(text.slice(start, i))
      start = i + 1
    }
  }
  out.push(text.slice(start))
  return out
}

/** A From/To/Contact value: `"Name" <sip:u@h;uri-param>;tag=x` or `sip:u@h;tag=x`. */
export interface NameAddr {
  displayName: string | null
  /** The URI text as written (without the angle brackets). */
  uri: string
  /** Header parameters (after the URI), names lower-cased. */
  params: Array<[string, string | null]>
}

export function parseNameAddr(text: string): NameAddr | null {
  const s = text.trim()
  if (s === '*') return { displayName: null, uri: '*', params: [] }
  const lt = indexOutsideQuotes(s, '<')
  if (lt >= 0) {
    const gt = s.indexOf('>', lt)
    if (gt < 0) return null
    const display = s.slice(0, lt).trim()
    let displayName: string | null = null
    if (display !== '') {
      const q = /^"((?:[^"\\]|\\.)*)"$/.exec(display)
      displayName = q === null ? display : (q[1] as string).replace(/\\(.)/g, '$1')
    }
    const uri = s.slice(lt + 1, gt).trim()
    if (uri === '') return null
    return { displayName, uri, params: parseParams(s.slice(gt + 1)) }
  }
  // addr-spec: parameters after the URI belong to the header, not the URI (RFC 3261 §20.10).
  const semi = s.indexOf(';')
  const uri = semi < 0 ? s : s.slice(0, semi)
  if (uri === '' || /\s/.test(uri)) return null
  return { displayName: null, uri, params: semi < 0 ? [] : parseParams(s.slice(semi)) }
}

function indexOutsideQuotes(s: string, ch: string): number {
  let quoted = false
  for (let i = 0; i < s.length; i++) {
    const c = s[i]
    if (quoted) {
      if (c === '\\') i++
      else if (c === '"') quoted = false
    } else if (c === '"') quoted = true
    else if (c === ch) return i
  }
  return -1
}

/** `"Name" <sip:num@127.0.0.1>` with the name quoted and escaped. */
export function formatNameAddr(displayName: string | null, uri: string, params: ReadonlyArray<readonly [string, string | null]> = []): string {
  const name = displayName === null || displayName === '' ? '' : `"${displayName.replace(/(["\\])/g, '\\$1')}" `
  return `${name}<${uri}>${params.map(([k, v]) => (v === null ? `;${k}` : `;${k}=${v}`)).join('')}`
}

export interface Via {
  transport: string
  host: string
  port: number | null
  params: Array<[string, string | null]>
}

/** `SIP/2.0/WS abc.invalid;branch=z9hG4bK...;rport` */
export function parseVia(text: string): Via | null {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+(\[[0-9A-Fa-f:.]+\]|[^\s:;]+)(?::(\d{1,5}))?\s*((?:;.*)?)$/.exec(text.trim())
  if (m === null) return null
  return { transport: (m[1] as string).toUpperCase(), host: m[2] as string, port: m[3] === undefined ? null : Number(m[3]), params: parseParams(m[4] ?? '') }
}

export function formatVia(v: Via): string {
  const port = v.port === null ? '' : `:${v.port}`
  return `SIP/2.0/${v.transport} ${v.host}${port}${v.params.map(([k, val]) => (val === null ? `;${k}` : `;${k}=${val}`)).join('')}`
}

/** `Digest realm="asterisk", nonce="…", qop=auth` → { realm: 'asterisk', … } (names lower-cased). */
export function parseAuthParams(text: string): { scheme: string; params: Map<string, string> } | null {
  const m = /^\s*([A-Za-z][A-Za-z0-9-]*)\s+(.*)$/s.exec(text)
  if (m === null) return null
  const params = new Map<string, string>()
  const rest = m[2] as string
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^\s,"]*)\s*(?:,|$)/gy
  let at = 0
  while (at < rest.length) {
    re.lastIndex = at
    const p = re.exec(rest)
    if (p === null || p[0] === '') return null
    const raw = p[2] as string
    params.set((p[1] as string).toLowerCase(), raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw)
    at = re.lastIndex
  }
  return { scheme: (m[1] as string).toLowerCase(), params }
}

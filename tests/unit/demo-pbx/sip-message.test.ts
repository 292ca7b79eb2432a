/**
 * The demo PBX's SIP message parser and serializer: real messages as SIP.js and Asterisk write
 * them, compact header forms, folding, Content-Length in bytes, and garbage (which is refused,
 * never thrown).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalHeaderName, parseMessage, responseTo, serializeMessage, SipHeaders, splitList, type SipRequest } from '../../../src/main/demo-pbx/sip/message'
import { parseAuthParams, parseNameAddr, parseSipUri, parseVia } from '../../../src/main/demo-pbx/sip/uri'

const REGISTER = [
  'REGISTER sip:127.0.0.1 SIP/2.0',
  'Via: SIP/2.0/WS 7d3kf9a1sl2b.invalid;branch=z9hG4bK5512318',
  'Max-Forwards: 70',
  'To: <sip:2001@127.0.0.1>',
  'From: "Earshot" <sip:2001@127.0.0.1>;tag=e1b7om1q6u',
  'Call-ID: 6lm0va0n1v5tobdeikqi',
  'CSeq: 1 REGISTER',
  'Contact: <sip:q7u2v3ba@7d3kf9a1sl2b.invalid;transport=ws>;+sip.ice;reg-id=1;+sip.instance="<urn:uuid:0e5b2f5c-1f5c-4b9e-8d3c-3b7b1d9e2a11>";expires=600',
  'Expires: 600',
  'Allow: ACK,CANCEL,INVITE,MESSAGE,BYE,OPTIONS,INFO,NOTIFY,REFER',
  'Supported: path, gruu, outbound',
  'User-Agent: SIP.js/0.21.2',
  'Content-Length: 0',
  '',
  ''
].join('\r\n')

describe('parseMessage', () => {
  it('reads a SIP.js REGISTER: start line, headers in order, list values split outside quotes and <>', () => {
    const r = parseMessage(REGISTER)
    expect(r.ok).toBe(true)
    if (!r.ok || r.message.kind !== 'request') throw new Error('a request')
    const m = r.message
    expect(m.method).toBe('REGISTER')
    expect(m.uri).toBe('sip:127.0.0.1')
    expect(m.headers.get('call-id')).toBe('6lm0va0n1v5tobdeikqi')
    expect(m.headers.get('Expires')).toBe('600')
    expect(m.headers.getAll('Allow')).toHaveLength(9)
    expect(m.headers.getAll('Contact')).toHaveLength(1)
    const contact = parseNameAddr(m.headers.get('Contact') ?? '')
    expect(contact?.uri).toBe('sip:q7u2v3ba@7d3kf9a1sl2b.invalid;transport=ws')
    expect(contact?.params.find(([k]) => k === 'expires')?.[1]).toBe('600')
    expect(m.body).toBe('')
  })

  it('knows the compact forms, folded lines and a body measured in bytes (UTF-8)', () => {
    const body = 'v=0\r\ns=é\r\n'
    const text = [
      'INVITE sip:2001@x.invalid;transport=ws SIP/2.0',
      'v: SIP/2.0/WS 127.0.0.1:8088;rport;branch=z9hG4bKPj1',
      'f: "Listen 1001" <sip:5551001@127.0.0.1>;tag=a',
      't: <sip:2001@x.invalid>',
      'i: abc',
      'CSeq: 1 INVITE',
      'Subject: a long',
      ' \t folded subject',
      'c: application/sdp',
      `l: ${Buffer.byteLength(body)}`,
      '',
      body
    ].join('\r\n')
    const r = parseMessage(text)
    if (!r.ok) throw new Error(r.error)
    const m = r.message
    expect(m.headers.get('Via')).toBe('SIP/2.0/WS 127.0.0.1:8088;rport;branch=z9hG4bKPj1')
    expect(m.headers.get('Content-Type')).toBe('application/sdp')
    expect(m.headers.get('Subject')).toBe('a long folded subject')
    expect(m.body).toBe(body)
    // Serialized with full names, CRLFs and a byte-counted Content-Length.
    const again = serializeMessage(m)
    expect(again).toContain(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\nv=0`)
    expect(Buffer.byteLength(body)).toBe(body.length + 1)
    expect(again).toContain('\r\nCall-ID: abc\r\n')
    const back = parseMessage(again)
    expect(back.ok && back.message.body).toBe(body)
  })

  it('accepts bare LF line ends, and a response status line', () => {
    const r = parseMessage('SIP/2.0 486 Busy Here\nVia: SIP/2.0/WS a.invalid;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\nCall-ID: x\nCSeq: 1 INVITE\nContent-Length: 0\n\n')
    if (!r.ok || r.message.kind !== 'response') throw new Error('a response')
    expect(r.message.status).toBe(486)
    expect(r.message.reason).toBe('Busy Here')
  })

  it('refuses what is broken, keeping what it read so a 400 can be answered', () => {
    const cases: Array<[string, string]> = [
      [REGISTER.replace('Content-Length: 0', 'Content-Length: 99'), 'body shorter than Content-Length'],
      [REGISTER.replace('Content-Length: 0', 'Content-Length: -1'), 'bad Content-Length'],
      [REGISTER.replace('CSeq: 1 REGISTER', 'CSeq: 1 INVITE'), 'CSeq method does not match'],
      [REGISTER.replace('CSeq: 1 REGISTER', 'CSeq: one REGISTER'), 'bad CSeq'],
      [REGISTER.replace('Call-ID: 6lm0va0n1v5tobdeikqi\r\n', ''), 'missing Call-ID'],
      [REGISTER.replace('Max-Forwards: 70', 'Max Forwards: 70'), 'bad header name: Max Forwards'],
      [REGISTER.replace('Max-Forwards: 70', 'no colon here'), 'bad header line: no colon here']
    ]
    for (const [text, error] of cases) {
      const r = parseMessage(text)
      expect(r.ok, error).toBe(false)
      if (r.ok) continue
      expect(r.error).toBe(error)
      expect(r.partial?.kind).toBe('request')
    }
    const noStart = parseMessage('HELLO\r\n\r\n')
    expect(noStart.ok).toBe(false)
    if (!noStart.ok) expect(noStart.partial).toBeNull()
    expect(parseMessage('').ok).toBe(false)
    expect(parseMessage('x'.repeat(70_000)).ok).toBe(false)
  })

  it('never throws, whatever it is given (strings, bytes, mangled real messages)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })), (s) => {
        const r = parseMessage(s)
        expect(typeof r.ok).toBe('boolean')
      }),
      { numRuns: 2000 }
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        expect(typeof parseMessage(bytes).ok).toBe('boolean')
      }),
      { numRuns: 1000 }
    )
    fc.assert(
      fc.property(fc.nat(REGISTER.length), fc.nat(REGISTER.length), fc.string({ maxLength: 20 }), (a, b, insert) => {
        const [from, to] = a < b ? [a, b] : [b, a]
        const mangled = REGISTER.slice(0, from) + insert + REGISTER.slice(to)
        const r = parseMessage(mangled)
        if (r.ok) expect(['request', 'response']).toContain(r.message.kind)
      }),
      { numRuns: 2000 }
    )
  })

  it('round-trips any well-formed request through serialize and parse', () => {
    const token = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,12}$/)
    const value = fc.stringMatching(/^[!-~]([ -~]{0,30}[!-~])?$/)
    fc.assert(
      fc.property(
        fc.constantFrom('INVITE', 'BYE', 'OPTIONS', 'INFO', 'REGISTER'),
        fc.array(fc.tuple(token, value), { maxLength: 8 }),
        fc.string({ maxLength: 200 }),
        (method, extra, body) => {
          const headers = new SipHeaders([
            ['Via', 'SIP/2.0/WS h.invalid;branch=z9hG4bK1'],
            ['From', '<sip:a@b>;tag=1'],
            ['To', '<sip:c@d>'],
            ['Call-ID', 'id'],
            ['CSeq', `7 ${method}`]
          ])
          for (const [n, v] of extra) if (!['content-length', 'cseq', 'l'].includes(n.toLowerCase())) headers.append(n, v)
          const m: SipRequest = { kind: 'request', method, uri: 'sip:x@y', headers, body }
          const r = parseMessage(serializeMessage(m))
          if (!r.ok) throw new Error(r.error)
          expect(r.message.body).toBe(body)
          expect(r.message.headers.entries().filter(([n]) => n !== 'Content-Length')).toEqual(headers.entries())
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe('header helpers', () => {
  it('canonical names', () => {
    expect(canonicalHeaderName('call-id')).toBe('Call-ID')
    expect(canonicalHeaderName('i')).toBe('Call-ID')
    expect(canonicalHeaderName('CSEQ')).toBe('CSeq')
    expect(canonicalHeaderName('www-authenticate')).toBe('WWW-Authenticate')
    expect(canonicalHeaderName('x-custom-thing')).toBe('X-Custom-Thing')
  })

  it('splits lists only at top-level commas', () => {
    expect(splitList('"Doe, John" <sip:a@b>, <sip:c@d;x=1,2>, e')).toEqual(['"Doe, John" <sip:a@b>', '<sip:c@d;x=1,2>', 'e'])
  })

  it('parses URIs, name-addrs, Vias and digest parameters', () => {
    expect(parseSipUri('sip:2001@127.0.0.1:8088;transport=ws')).toEqual({ scheme: 'sip', user: '2001', host: '127.0.0.1', port: 8088, params: [['transport', 'ws']] })
    expect(parseSipUri('sip:[::1]:5060')?.host).toBe('[::1]')
    expect(parseSipUri('http://x')).toBeNull()
    expect(parseSipUri('sip:a@b:99999')).toBeNull()
    expect(parseNameAddr('"A \\"B\\"" <sip:1@h>;tag=x')).toEqual({ displayName: 'A "B"', uri: 'sip:1@h', params: [['tag', 'x']] })
    expect(parseNameAddr('sip:1@h;tag=y')).toEqual({ displayName: null, uri: 'sip:1@h', params: [['tag', 'y']] })
    expect(parseNameAddr('<sip:1@h')).toBeNull()
    expect(parseVia('SIP/2.0/WS abc.invalid;branch=z9hG4bK1;rport')).toEqual({ transport: 'WS', host: 'abc.invalid', port: null, params: [['branch', 'z9hG4bK1'], ['rport', null]] })
    const auth = parseAuthParams('Digest username="2001", realm="asterisk", nonce="1/ab", uri="sip:127.0.0.1", response="00", qop=auth, nc=00000001')
    expect(auth?.scheme).toBe('digest')
    expect(auth?.params.get('qop')).toBe('auth')
    expect(auth?.params.get('uri')).toBe('sip:127.0.0.1')
    expect(parseAuthParams('Digest username="unterminated')).toBeNull()
  })

  it('builds a response from a request: Vias, From, To with a tag, Call-ID, CSeq', () => {
    const r = parseMessage(REGISTER)
    if (!r.ok || r.message.kind !== 'request') throw new Error('a request')
    const res = responseTo(r.message, 401, [['WWW-Authenticate', 'Digest realm="asterisk"']], '', 'tag1')
    const text = serializeMessage(res)
    expect(text.startsWith('SIP/2.0 401 Unauthorized\r\nVia: SIP/2.0/WS 7d3kf9a1sl2b.invalid;branch=z9hG4bK5512318\r\n')).toBe(true)
    expect(text).toContain('To: <sip:2001@127.0.0.1>;tag=tag1\r\n')
    expect(text).toContain('CSeq: 1 REGISTER\r\n')
  })
})

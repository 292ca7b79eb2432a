import { describe, expect, it } from 'vitest'
import { AmiDecoder, type AmiFrame } from '../../../src/main/ami/decoder'
import { allValues, amiMessage, headerValue, type AmiMessage } from '../../../src/main/ami/message'
import { CAPTURES, connectionsOf, headersOf, loadCapture, rxStream } from './captures'

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text)

function messages(frames: readonly AmiFrame[]): AmiMessage[] {
  return frames.flatMap((f) => (f.kind === 'message' ? [f.message] : []))
}

/** Feeds `text` in chunks of `size` bytes (so multi-byte characters get split too). */
function decodeInChunks(text: string, size: number, decoder = new AmiDecoder()): AmiFrame[] {
  const all = bytes(text)
  const frames: AmiFrame[] = []
  for (let i = 0; i < all.length; i += size) frames.push(...decoder.write(all.subarray(i, i + size)))
  return frames
}

describe('AmiDecoder on the real Asterisk 22 captures', () => {
  it.each(CAPTURES)('%s: one frame per rx record, with the same text and headers', (name) => {
    // Each AMI connection is its own byte stream (a new socket, a new decoder).
    for (const connection of connectionsOf(loadCapture(name))) {
      const rx = connection.filter((r) => r.dir === 'rx')
      const frames = new AmiDecoder({ keepRaw: true }).write(rxStream(rx))

      expect(frames).toHaveLength(rx.length)
      expect(frames[0]).toEqual({ kind: 'greeting', text: 'Asterisk Call Manager/11.0.0', raw: rx[0]?.raw })
      frames.slice(1).forEach((frame, i) => {
        const record = rx[i + 1]
        if (frame.kind !== 'message' || record === undefined) throw new Error(`frame ${i + 1} is ${frame.kind}`)
        expect(frame.raw).toBe(record.raw)
        expect(frame.message.headers).toEqual(headersOf(record.raw))
        expect(frame.message.output).toBeUndefined()
      })
    }
  })

  it('asterisk-restart holds two connections, each opened by its own greeting', () => {
    expect(connectionsOf(loadCapture('asterisk-restart')).map((c) => c[0]?.raw)).toEqual([
      'Asterisk Call Manager/11.0.0\r\n',
      'Asterisk Call Manager/11.0.0\r\n'
    ])
  })

  it('decodes the console side (tx) too, where there is no greeting', () => {
    const tx = loadCapture('queue-pause').filter((r) => r.dir === 'tx')
    const found = messages(new AmiDecoder().write(tx.map((r) => r.raw).join('')))
    expect(found).toHaveLength(tx.length)
    expect(found[0]?.fields).toMatchObject({ Action: 'Login', Username: 'earshot', Secret: '********', Events: 'on' })
  })

  it('reads empty values, as in "AccountCode: "', () => {
    const found = messages(new AmiDecoder().write(rxStream(loadCapture('spy-listen'))))
    const channel = found.find((m) => m.fields.Event === 'Newchannel')
    expect(channel?.fields.AccountCode).toBe('')
  })
})

describe('AmiDecoder framing', () => {
  it('takes the first line as the greeting only when it is not a header', () => {
    expect(new AmiDecoder().write('Asterisk Call Manager/5.0.1\r\n')).toEqual([{ kind: 'greeting', text: 'Asterisk Call Manager/5.0.1' }])
    const noGreeting = new AmiDecoder().write('Response: Success\r\nPing: Pong\r\n\r\n')
    expect(noGreeting.map((f) => f.kind)).toEqual(['message'])
  })

  it('accepts CRLF, bare LF and a mix of both', () => {
    const crlf = messages(new AmiDecoder().write('Event: A\r\nKey: v\r\n\r\n'))
    const lf = messages(new AmiDecoder().write('Event: A\nKey: v\n\n'))
    const mixed = messages(new AmiDecoder().write('Event: A\nKey: v\r\n\n'))
    expect(lf).toEqual(crlf)
    expect(mixed).toEqual(crlf)
    expect(crlf[0]?.headers).toEqual([['Event', 'A'], ['Key', 'v']])
  })

  it('keeps duplicate keys in order; fields hold the first value', () => {
    const [m] = messages(new AmiDecoder().write('Event: VarSet\r\nChanVariable: a=1\r\nChanVariable: b=2\r\nChanVariable: a=3\r\n\r\n'))
    expect(m && allValues(m, 'ChanVariable')).toEqual(['a=1', 'b=2', 'a=3'])
    expect(m?.fields.ChanVariable).toBe('a=1')
  })

  it('splits on the first ": " only, and accepts "Key:" with nothing after it', () => {
    const [m] = messages(new AmiDecoder().write('Event: X\r\nContacts: 1001/sip:1001@127.0.0.1:5071;ob,\r\nEmpty:\r\nBlank: \r\n\r\n'))
    expect(m?.headers).toEqual([['Event', 'X'], ['Contacts', '1001/sip:1001@127.0.0.1:5071;ob,'], ['Empty', ''], ['Blank', '']])
  })

  it('keeps a line without ": " as a key with an empty value', () => {
    const [m] = messages(new AmiDecoder().write('Event: X\r\njust some text\r\nKey:value\r\n\r\n'))
    expect(m?.headers).toEqual([['Event', 'X'], ['just some text', ''], ['Key:value', '']])
  })

  it('reads header names exactly, known ones and their look-alikes (same length and first letter, case, prefixes)', () => {
    // The decoder hands out canonical strings for the names Asterisk sends: a near miss must stay itself.
    const names = ['Channel', 'Cxxxxxx', 'channel', 'Chann', 'Channel2', 'DestChannel', 'DestChannex', 'SpyeeUniqueid', 'Uniqueid', 'Ü', 'X'.repeat(200), 'Cause-txt', 'Cause_txt']
    const text = `Event: X\r\n${names.map((n, i) => `${n}: ${i}`).join('\r\n')}\r\n\r\n`
    for (const size of [1, 7, text.length]) {
      const [m] = messages(decodeInChunks(text, size))
      expect(m?.headers).toEqual([['Event', 'X'], ...names.map((n, i) => [n, String(i)])])
    }
  })

  it('ignores blank lines between messages', () => {
    expect(messages(new AmiDecoder().write('\r\n\r\nEvent: A\r\n\r\n\r\n\n\r\nEvent: B\r\n\r\n'))).toHaveLength(2)
  })

  it('treats header names like __proto__ as plain data', () => {
    const [m] = messages(new AmiDecoder().write('Event: X\r\n__proto__: polluted\r\nconstructor: c\r\n\r\n'))
    expect(m?.fields.__proto__).toBe('polluted')
    expect(m?.fields.constructor).toBe('c')
    expect(m && Object.getPrototypeOf(m.fields)).toBeNull()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('decodes UTF-8 split anywhere, e.g. inside "ü"', () => {
    const text = 'Event: NewCallerid\r\nCallerIDName: Müller 😀\r\n\r\n'
    for (const size of [1, 2, 3, 5]) {
      expect(messages(decodeInChunks(text, size))[0]?.fields.CallerIDName).toBe('Müller 😀')
    }
  })

  it('gives messages that equal amiMessage() ones, and read the same through headers, fields and headerValue', () => {
    const [m] = messages(new AmiDecoder().write('Event: A\r\nKey: 1\r\nKey: 2\r\n\r\n'))
    const expected = amiMessage([['Event', 'A'], ['Key', '1'], ['Key', '2']])
    expect(m).toEqual(expected)
    expect(m).not.toEqual(amiMessage([['Event', 'A'], ['Key', '1']]))
    expect(m?.headers).toEqual([['Event', 'A'], ['Key', '1'], ['Key', '2']])
    expect({ ...m?.fields }).toEqual({ Event: 'A', Key: '1' })
    expect(m && headerValue(m, 'Key')).toBe('1')
    expect(m && headerValue(m, 'Nope')).toBeUndefined()
    expect(m?.fields).toBe(m?.fields) // built once
    expect(m?.headers).toBe(m?.headers)
  })
})

describe('AmiDecoder: legacy Response: Follows', () => {
  const legacy =
    'Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n' +
    'Name/username             Host            Dyn\n' +
    'Status: not a header here\n' +
    '\n' +
    '2 sip peers\n' +
    '--END COMMAND--\r\n\r\n' +
    'Event: After\r\n\r\n'

  it('collects raw output lines up to --END COMMAND--, blank lines and ": " included', () => {
    const found = messages(new AmiDecoder().write(legacy))
    expect(found).toHaveLength(2)
    expect(found[0]?.headers).toEqual([['Response', 'Follows'], ['Privilege', 'Command'], ['ActionID', '7']])
    expect(found[0]?.output).toEqual(['Name/username             Host            Dyn', 'Status: not a header here', '', '2 sip peers'])
    expect(found[1]?.fields.Event).toBe('After')
  })

  it('is the same in one-byte chunks, with the exact raw text', () => {
    const whole = new AmiDecoder({ keepRaw: true }).write(legacy)
    expect(decodeInChunks(legacy, 1, new AmiDecoder({ keepRaw: true }))).toEqual(whole)
    expect(whole[0]?.kind === 'message' && whole[0].raw).toBe(legacy.slice(0, legacy.indexOf('Event: After')))
  })

  it('splits a terminator glued to the last output line (output not ending in a newline)', () => {
    const [m] = messages(new AmiDecoder().write('Response: Follows\r\nPrivilege: Command\r\nlast line--END COMMAND--\r\n\r\n'))
    expect(m?.output).toEqual(['last line'])
  })

  it('ends the message at the terminator when no blank line follows', () => {
    const found = messages(new AmiDecoder().write('Response: Follows\r\nout\r\n--END COMMAND--\r\nEvent: Next\r\n\r\n'))
    expect(found.map((m) => m.output)).toEqual([['out'], undefined])
    expect(found[1]?.fields.Event).toBe('Next')
  })

  it('gives each reply its own output, an empty one too', () => {
    const decoder = new AmiDecoder()
    const [empty] = messages(decoder.write('Response: Follows\r\nPrivilege: Command\r\n--END COMMAND--\r\n\r\n'))
    const [full] = messages(decoder.write('Response: Follows\r\nPrivilege: Command\r\nsecond\r\n--END COMMAND--\r\n\r\n'))
    expect(full?.output).toEqual(['second'])
    expect(empty?.output).toEqual([])
  })

  it('treats the modern Command reply as ordinary headers', () => {
    const [m] = messages(
      new AmiDecoder().write('Response: Success\r\nMessage: Command output follows\r\nOutput: line 1\r\nOutput: line 2\r\n\r\n')
    )
    expect(m && allValues(m, 'Output')).toEqual(['line 1', 'line 2'])
    expect(m?.output).toBeUndefined()
  })
})

describe('AmiDecoder: Follows only for a Command this side sent (commandOutput)', () => {
  const sent = new Set(['earshot-1'])
  const decoder = (): AmiDecoder => new AmiDecoder({ commandOutput: (id) => sent.has(id) })
  const reply = (id: string): string => `Response: Follows\r\nPrivilege: Command\r\nActionID: ${id}\r\nline 1\nEvent: inside\n--END COMMAND--\r\n\r\n`

  it('reads the output of its own Command', () => {
    const found = messages(decoder().write(`${reply('earshot-1')}Event: After\r\n\r\n`))
    expect(found.map((m) => m.output)).toEqual([['line 1', 'Event: inside'], undefined])
    expect(found[1]?.fields.Event).toBe('After')
  })

  it.each([
    ['an unknown ActionID', 'Response: Follows\r\nPrivilege: Command\r\nActionID: not-ours\r\n\r\n'],
    ['no ActionID at all', 'Response: Follows\r\nPrivilege: Command\r\n\r\n'],
    ['other headers first', 'Response: Follows\r\nMessage: hi\r\nActionID: earshot-1\r\n\r\n']
  ])('reads an unexpected Follows with %s as an ordinary message: what comes next still gets through', (_what, follows) => {
    const events = 'Event: Newchannel\r\nChannel: PJSIP/1001-1\r\n\r\nResponse: Success\r\nActionID: earshot-2\r\nPing: Pong\r\n\r\n'
    for (const size of [1, 5, 1000]) {
      const found = messages(decodeInChunks(follows + events, size, decoder()))
      expect(found.map((m) => [m.fields.Response ?? m.fields.Event, m.output])).toEqual([
        ['Follows', undefined],
        ['Newchannel', undefined],
        ['Success', undefined]
      ])
    }
  })
})

describe('AmiDecoder: bounded memory', () => {
  const max = 1024
  const big = `Event: Big\r\nData: ${'x'.repeat(3000)}\r\n\r\n`
  const next = 'Event: Next\r\nKey: v\r\n\r\n'

  it('drops an oversized message with one error frame and resyncs at the blank line', () => {
    const frames = new AmiDecoder({ maxMessageBytes: max }).write(`Event: Before\r\n\r\n${big}${next}`)
    expect(frames.map((f) => f.kind)).toEqual(['message', 'error', 'message'])
    const error = frames[1]?.kind === 'error' ? frames[1].error : undefined
    expect(error?.code).toBe('oversize')
    expect(error?.message).toMatch(/larger than 1024 bytes/)
    expect(frames[2]?.kind === 'message' && frames[2].message.fields.Event).toBe('Next')
  })

  it('also bounds a run of bytes without any newline, however it arrives', () => {
    const flood = 'y'.repeat(5000)
    for (const size of [1, 7, 100, 5000, 10_000]) {
      const frames = decodeInChunks(`${flood}\r\nmore garbage\r\n\r\n${next}`, size, new AmiDecoder({ maxMessageBytes: max }))
      expect(frames.map((f) => f.kind)).toEqual(['error', 'message'])
    }
  })

  it('keeps a message of exactly the limit', () => {
    const exact = `Event: E\r\nData: ${'z'.repeat(max - 'Event: E\r\nData: \r\n'.length)}\r\n\r\n`
    expect(new AmiDecoder({ maxMessageBytes: max }).write(exact).map((f) => f.kind)).toEqual(['message'])
    expect(new AmiDecoder({ maxMessageBytes: max }).write(exact.replace('Data: ', 'Data: z')).map((f) => f.kind)).toEqual(['error'])
  })

  it.each([
    ['a message of exactly the limit, then its blank line', `Event: A\r\nK: ${'x'.repeat(max - 15)}\r\n\r\n${next}`],
    ['a Follows reply, then an oversized line', `Response: Follows\r\nout\r\n--END COMMAND--\r\n${'y'.repeat(max + 10)}\r\n\r\n${next}`],
    ['a Follows reply filling the limit, then a long line', `Response: Follows\r\n${'o'.repeat(max - 40)}\r\n--END COMMAND--\r\n${'y'.repeat(60)}\r\n\r\n${next}`]
  ])('gives the same frames at every split point: %s', (_, text) => {
    const whole = new AmiDecoder({ maxMessageBytes: max, keepRaw: true }).write(text)
    for (let cut = 0; cut <= text.length; cut++) {
      const decoder = new AmiDecoder({ maxMessageBytes: max, keepRaw: true })
      expect([...decoder.write(text.slice(0, cut)), ...decoder.write(text.slice(cut))]).toEqual(whole)
    }
  })

  it('rejects a nonsensical limit', () => {
    expect(() => new AmiDecoder({ maxMessageBytes: 0 })).toThrow(RangeError)
  })
})

describe('AmiDecoder on garbage', () => {
  it('never throws on invalid UTF-8 and control bytes', () => {
    const decoder = new AmiDecoder()
    const junk = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)
    expect(() => decoder.write(junk)).not.toThrow()
    const frames = decoder.write('\r\n\r\nEvent: Clean\r\n\r\n')
    expect(messages(frames).at(-1)?.fields.Event).toBe('Clean')
  })
})

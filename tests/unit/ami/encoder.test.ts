import { describe, expect, it } from 'vitest'
import { AmiDecoder } from '../../../src/main/ami/decoder'
import { encodeAction, redactSecrets } from '../../../src/main/ami/encoder'
import { AmiEncodeError } from '../../../src/main/ami/errors'

describe('encodeAction', () => {
  it('writes Key: Value lines in order and ends with a blank line', () => {
    expect(encodeAction({ Action: 'QueuePause', Interface: 'PJSIP/1002', Paused: true, Penalty: 0, Reason: '' })).toBe(
      'Action: QueuePause\r\nInterface: PJSIP/1002\r\nPaused: true\r\nPenalty: 0\r\nReason: \r\n\r\n'
    )
  })

  it('repeats a key for each array element and leaves out undefined', () => {
    expect(encodeAction({ Action: 'Originate', Variable: ['A=1', 'B=2'], Account: undefined })).toBe(
      'Action: Originate\r\nVariable: A=1\r\nVariable: B=2\r\n\r\n'
    )
  })

  it('round-trips through the decoder', () => {
    const fields = { Action: 'Originate', Channel: 'PJSIP/2002', CallerID: '"Barge 1001" <5571001>', Variable: ['X=ü', 'Y=: z'] }
    const [frame] = new AmiDecoder().write(encodeAction(fields))
    expect(frame?.kind === 'message' && frame.message.headers).toEqual([
      ['Action', 'Originate'],
      ['Channel', 'PJSIP/2002'],
      ['CallerID', '"Barge 1001" <5571001>'],
      ['Variable', 'X=ü'],
      ['Variable', 'Y=: z']
    ])
  })

  it.each([
    ['a LF in a value', { Action: 'Login', Secret: 'pw\nAction: Originate' }],
    ['a CR in a value', { Action: 'Login', Secret: 'pw\r' }],
    ['a line break in an array element', { Action: 'Originate', Variable: ['A=1', 'B=2\r\nAction: Hangup'] }],
    ['a colon in a key', { Action: 'Ping', 'Evil: x': 'y' }],
    ['a line break in a key', { Action: 'Ping', 'A\r\nB': 'y' }],
    ['an empty key', { Action: 'Ping', '': 'y' }],
    ['a non-finite number', { Action: 'Ping', Timeout: Number.NaN }]
  ])('rejects %s (header injection guard)', (_, fields) => {
    expect(() => encodeAction(fields)).toThrow(AmiEncodeError)
  })

  it('never echoes the offending value', () => {
    try {
      encodeAction({ Action: 'Login', Username: 'earshot', Secret: 'hunter2\nAction: Originate' })
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message).toBe("Value of AMI header 'Secret' contains a line break")
    }
  })
})

describe('redactSecrets', () => {
  it('masks Secret in any letter case and keeps everything else', () => {
    const fields = { Action: 'Login', Username: 'earshot', secret: 'hunter2', Events: 'on' }
    expect(redactSecrets(fields)).toEqual({ Action: 'Login', Username: 'earshot', secret: '********', Events: 'on' })
    expect(encodeAction(redactSecrets(fields))).not.toContain('hunter2')
    expect(fields.secret).toBe('hunter2')
  })
})

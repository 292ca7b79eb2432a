/** Which challenges main answers with the SIP password (issue 14.4): the rule itself, case by case. */
import { describe, expect, it } from 'vitest'
import { digestRefusal, type DigestScene } from '../../../src/main/softphone'
import type { DigestChallenge } from '../../../src/shared/contract'

const op = { id: 'o', name: 'Plain', extension: '1001', scopes: [] }
const scene = (over: Partial<DigestScene> = {}): DigestScene => ({ domain: 'pbx.example.com', extension: '2001', operator: op, callsOnSoftphone: 0, ...over })
const ask = (method: DigestChallenge['method'], uri: string): DigestChallenge => ({
  realm: 'asterisk', nonce: 'n', opaque: null, algorithm: 'MD5', qop: 'auth', method, uri, cnonce: '0123456789abcdef', nc: '00000001'
})

describe('digestRefusal', () => {
  it('answers a REGISTER to the configured registrar only (port, transport and case aside)', () => {
    for (const uri of ['sip:pbx.example.com', 'sip:PBX.example.com:5060', 'sips:pbx.example.com;transport=ws']) expect(digestRefusal(ask('REGISTER', uri), scene())).toBeNull()
    expect(digestRefusal(ask('REGISTER', 'sip:[::1]'), scene({ domain: '::1' }))).toBeNull()
    for (const uri of ['sip:evil.example.com', 'sip:2001@pbx.example.com', 'sip:pbx.example.com.evil.example', 'tel:+15551234', 'sip:pbx.example.com?x=1']) {
      expect(digestRefusal(ask('REGISTER', uri), scene())).toMatch(/registrar/)
    }
  })

  it('answers a BYE only while the PBX shows a call on the softphone', () => {
    expect(digestRefusal(ask('BYE', 'sip:asterisk@192.0.2.10:8089;transport=ws'), scene())).toMatch(/no call/)
    expect(digestRefusal(ask('BYE', 'sip:asterisk@192.0.2.10:8089;transport=ws'), scene({ callsOnSoftphone: 1 }))).toBeNull()
    expect(digestRefusal(ask('BYE', 'not a uri'), scene({ callsOnSoftphone: 1 }))).toMatch(/not a SIP address/)
  })

  it('never answers an INVITE (not even an admin with a call up), nor any other method', () => {
    const admin = { ...op, scopes: ['see-everyone' as const, 'configure-everything' as const] }
    expect(digestRefusal(ask('INVITE', 'sip:5551001@pbx.example.com'), scene({ operator: admin, callsOnSoftphone: 3 }))).toMatch(/places no calls/)
    for (const method of ['OPTIONS', 'MESSAGE', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'INFO', 'UPDATE', 'PRACK', 'ACK', 'CANCEL'] as const) {
      expect(digestRefusal(ask(method, 'sip:pbx.example.com'), scene({ operator: admin, callsOnSoftphone: 1 }))).toMatch(/never sends/)
    }
  })

  it('answers nothing without an operator', () => {
    expect(digestRefusal(ask('REGISTER', 'sip:pbx.example.com'), scene({ operator: null }))).toMatch(/Sign in/)
  })
})

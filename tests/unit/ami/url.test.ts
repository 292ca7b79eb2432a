import { describe, expect, it } from 'vitest'
import { AmiConnectError } from '../../../src/main/ami/errors'
import { formatEndpoint, parseAmiUrl } from '../../../src/main/ami/url'

describe('parseAmiUrl', () => {
  it.each([
    ['ami://127.0.0.1:5038', { secure: false, host: '127.0.0.1', port: 5038 }],
    ['ami://pbx.example.com', { secure: false, host: 'pbx.example.com', port: 5038 }],
    ['amis://pbx.example.com', { secure: true, host: 'pbx.example.com', port: 5039 }],
    ['amis://pbx:15039/', { secure: true, host: 'pbx', port: 15039 }],
    ['  AMI://[::1]:6000  ', { secure: false, host: '::1', port: 6000 }]
  ])('%s', (url, endpoint) => {
    expect(parseAmiUrl(url)).toEqual(endpoint)
  })

  it.each([
    ['http://pbx:5038', /cannot use 'http:\/\/'/],
    ['pbx:5038', /cannot use/],
    ['garbage', /not a URL/],
    ['ami://', /no valid host/],
    ['ami://pbx:0', /between 1 and 65535/],
    ['ami://pbx:70000', /not a URL/],
    ['ami://pbx/manager', /path/],
    ['ami://pbx?x=1', /path, query/],
    ['ami://earshot:hunter2@pbx', /not in the URL/]
  ])('rejects %s with a clear error of kind config', (url, message) => {
    let error: unknown
    try {
      parseAmiUrl(url)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AmiConnectError)
    expect(error).toMatchObject({ kind: 'config', message: expect.stringMatching(message) as unknown })
    expect((error as Error).message).not.toContain('hunter2')
  })

  it('formats IPv6 endpoints with brackets', () => {
    expect(formatEndpoint(parseAmiUrl('amis://[::1]'))).toBe('[::1]:5039')
    expect(formatEndpoint(parseAmiUrl('ami://pbx'))).toBe('pbx:5038')
  })
})

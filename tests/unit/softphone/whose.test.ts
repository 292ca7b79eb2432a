import { describe, expect, it } from 'vitest'
import { softphoneName } from '../../../src/renderer/softphone/pure/whose'

describe('the softphone’s name in the status bar (issue 13.13)', () => {
  it('is the operator’s own extension when the desk’s softphone is on it', () => {
    expect(softphoneName('2001', '2001')).toEqual({ label: 'Softphone 2001', whose: null })
  })

  it('is the desk’s softphone, not the operator’s, when its extension is another', () => {
    const name = softphoneName('2001', '1001')
    expect(name.label).toBe('Desk softphone 2001')
    expect(name.whose).toContain('extension 2001')
    expect(name.whose).toContain('your own extension is 1001')
  })

  it('names no extension before one is set up', () => {
    expect(softphoneName(null, '1001')).toEqual({ label: 'Softphone', whose: null })
  })
})

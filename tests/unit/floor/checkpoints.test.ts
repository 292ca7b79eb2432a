import { describe, expect, it } from 'vitest'
import { replayAt } from '../../../src/main/capture/replay'
import { CHECKPOINTS, expectCheckpoint } from '../../support/checkpoints'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'

describe('shared capture checkpoints', () => {
  for (const cp of CHECKPOINTS) {
    it(`${cp.scenario} @ ${cp.at} ms`, () => {
      expectCheckpoint(cp, replayAt(loadTrace(cp.scenario), LAB_OPTIONS, cp.at))
    })
  }

  it('every PJSIP endpoint is a row, helper channels never are', () => {
    const result = replayAt(loadTrace('busy-floor'), LAB_OPTIONS, 30000)
    expect(result.agents.map((a) => a.extension)).toEqual(['1001', '1002', '1003', '1004', '2001', '2002'])
    expect(result.agents.find((a) => a.extension === '2001')?.status).toBe('offline') // WebRTC supervisor, not registered
  })

  it('without feature codes a spy is still shown, with mode unknown', () => {
    const result = replayAt(loadTrace('spy-barge'), { featureCodes: null, outboundPrefix: '' }, 6000)
    expect(result.agents.find((a) => a.extension === '1001')?.supervisors).toEqual([{ extension: '2002', mode: 'unknown' }])
    expect(result.agents.find((a) => a.extension === '2002')?.status).toBe('idle')
  })
})

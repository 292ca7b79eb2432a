import { describe, expect, it } from 'vitest'
import { auditInvoke } from '../../../src/shared/contract/audit'
import { calllogInvoke, calllogStreams } from '../../../src/shared/contract/calllog'
import { customersInvoke } from '../../../src/shared/contract/customers'
import { desktopInvoke, desktopStreams } from '../../../src/shared/contract/desktop'
import { floorInvoke, floorStreams } from '../../../src/shared/contract/floor'
import { operatorsInvoke, operatorsStreams } from '../../../src/shared/contract/operators'
import { settingsInvoke } from '../../../src/shared/contract/settings'
import { softphoneInvoke, softphoneStreams } from '../../../src/shared/contract/softphone'
import { supervisionInvoke, supervisionStreams } from '../../../src/shared/contract/supervision'
import { INVOKE_CHANNELS, STREAM_CHANNELS } from '../../../src/shared/contract'

// The index merges the capabilities' channels with object spread, where a channel declared twice
// would silently keep only the last declaration.
describe('contract parts', () => {
  it('declare every channel exactly once', () => {
    const invoke = [floorInvoke, supervisionInvoke, softphoneInvoke, operatorsInvoke, settingsInvoke, customersInvoke, calllogInvoke, auditInvoke, desktopInvoke].flatMap((p) => Object.keys(p))
    const streams = [floorStreams, supervisionStreams, softphoneStreams, operatorsStreams, calllogStreams, desktopStreams].flatMap((p) => Object.keys(p))
    expect(invoke).toHaveLength(INVOKE_CHANNELS.length)
    expect(streams).toHaveLength(STREAM_CHANNELS.length)
  })
})

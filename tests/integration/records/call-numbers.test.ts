/**
 * Issue 13.11: an outbound call as a real Asterisk shows it (../shared/traces/outbound-answered:
 * 1002 dials 915551230000, the dialplan names the far end "Customer"). The floor offers no
 * placeholder name, reads the dialled number with the default country and shows it formatted, and
 * a customer created from it matches the call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { replayFloor } from '../../../src/main/capture/replay'
import { agentRow } from '../../../src/main/calls/rows'
import { CustomerNames, lookupIn } from '../../../src/main/customers'
import { LAB_OPTIONS, loadTrace } from '../../support/traces'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
let store: Store
beforeEach(() => {
  store = openStore({ dir: tempDir(), now: () => 1_800_000_000_000 })
})
afterEach(() => store.close())

function outboundRow() {
  const row = agentRow(replayFloor(loadTrace('outbound-answered'), LAB_OPTIONS, 7000), '1002')
  if (row === null) throw new Error('no row for 1002')
  return row
}

describe('an outbound call from the capture', () => {
  it('has the dialled number and no placeholder name ("Customer" is the dialplan\'s, not the customer\'s)', () => {
    const call = outboundRow().calls[0]
    expect(call).toMatchObject({ customer: '15551230000', direction: 'outbound' })
    expect(call?.customerName).toBeNull()
  })

  it('is read with the default country and shown formatted; unread where the country does not fit', () => {
    let region = 'US'
    const names = new CustomerNames(store.customers, () => region)
    expect(names.enrich([outboundRow()])[0]?.calls[0]?.customerNumber).toEqual({ e164: '+15551230000', display: '(555) 123-0000' })
    region = 'GB'
    names.forget()
    // Not readable as a British number: shown as dialled, and said to be unread (e164 null).
    expect(names.enrich([outboundRow()])[0]?.calls[0]?.customerNumber).toEqual({ e164: null, display: '15551230000' })
  })

  it('a customer created with the number the floor read matches the call', () => {
    const names = new CustomerNames(store.customers, () => 'US')
    const e164 = names.enrich([outboundRow()])[0]?.calls[0]?.customerNumber?.e164 ?? 'unread'
    const created = store.customers.create({ name: 'Uma Stone', phones: [e164] }, 'US')
    names.forget()
    expect(names.enrich([outboundRow()])[0]?.calls[0]?.customerRecord).toEqual({ id: created.id, name: 'Uma Stone', company: null })
  })

  it("the call log's lookup (remembered from the floor's match) says what the store says, and forgets with it", () => {
    const names = new CustomerNames(store.customers, () => 'US')
    const fromStore = lookupIn(store.customers, () => 'US')
    for (const number of ['15551230000', '2002', 'garbage', null]) expect(names.lookup(number)).toEqual(fromStore(number))
    expect(names.lookup('15551230000')).toEqual({ e164: '+15551230000', customerId: null })
    const created = store.customers.create({ name: 'Uma Stone', phones: ['+15551230000'] }, 'US')
    names.forget()
    expect(names.lookup('15551230000')).toEqual({ e164: '+15551230000', customerId: created.id })
    expect(names.lookup('15551230000')).toEqual(fromStore('15551230000'))
  })
})

describe('an internal call (issue 13.12)', () => {
  // outbound-answered with the far end made one of the PBX's own phones: 1002 dials 2002, whose
  // caller-ID name is "Supervisor 2002" (2002 is a PJSIP endpoint in the capture's snapshot).
  const internal = loadTrace('outbound-answered').map((r) => ({
    ...r,
    raw: r.raw.replaceAll('915551230000', '2002').replaceAll('15551230000', '2002').replaceAll('Customer', 'Supervisor 2002')
  }))

  it('names the extension called, not a customer', () => {
    const call = agentRow(replayFloor(internal, LAB_OPTIONS, 7000), '1002')?.calls[0]
    expect(call).toMatchObject({ customer: '2002', direction: 'outbound', internal: { extension: '2002', name: 'Supervisor 2002' } })
  })

  it('a call to a customer is not internal', () => {
    expect(outboundRow().calls[0]?.internal).toBeNull()
  })
})

/**
 * The floor's order (src/renderer/floor/view.ts): by the chosen column, then by agent name
 * (numbers as numbers, case aside), then extension. The name order is kept across renders
 * (NameOrder), so it must follow agents who appear or are renamed.
 */
import { describe, expect, it } from 'vitest'
import type { AgentRow } from '../../../src/shared/floor'
import { NameOrder } from '../../../src/renderer/floor/name-order'
import { buildView, type ViewOptions } from '../../../src/renderer/floor/view'

const row = (extension: string, name: string, status: AgentRow['status'] = 'idle'): AgentRow => ({ extension, name, status, statusSince: null, pauseReason: null, pause: null, calls: [], unansweredRings: 0 })

const floor = (...rows: AgentRow[]): Map<string, AgentRow> => new Map(rows.map((r) => [r.extension, r]))

function options(names: NameOrder, over: Partial<ViewOptions> = {}): ViewOptions {
  return { query: '', statuses: new Set(), sort: { column: 'agent', direction: 'ascending' }, names, ...over }
}

const order = (rows: AgentRow[]): string[] => rows.map((r) => r.extension)

describe('the floor view order', () => {
  it('Needs attention sort: agents with an alert first, longest in trouble first (unknown start last of them), then the chosen sort', () => {
    const rows = floor(row('1001', 'Amar'), row('1002', 'Beth'), row('1003', 'Carl'), row('1004', 'Dora'), row('1005', 'Eve'))
    const attentionFirst = new Map<string, number | null>([['1004', 5000], ['1002', 1000], ['1005', null]])
    expect(order(buildView(rows, options(new NameOrder(), { attentionFirst })))).toEqual(['1002', '1004', '1005', '1001', '1003'])
    // The rest keep the chosen column's order.
    expect(order(buildView(rows, options(new NameOrder(), { attentionFirst, sort: { column: 'agent', direction: 'descending' } })))).toEqual(['1002', '1004', '1005', '1003', '1001'])
    expect(order(buildView(rows, options(new NameOrder(), { attentionFirst: null })))).toEqual(['1001', '1002', '1003', '1004', '1005'])
  })

  it('sorts by name with numbers as numbers and case aside, then by extension', () => {
    const rows = floor(row('1010', 'Agent 10'), row('1002', 'agent 2'), row('1003', 'Zoe'), row('1001', 'Agent 2'))
    expect(order(buildView(rows, options(new NameOrder())))).toEqual(['1001', '1002', '1010', '1003'])
    expect(order(buildView(rows, options(new NameOrder(), { sort: { column: 'agent', direction: 'descending' } })))).toEqual(['1003', '1010', '1002', '1001'])
  })

  it('keeps the name order across renders, and follows an agent who is renamed or appears', () => {
    const names = new NameOrder()
    const first = floor(row('1001', 'Amar'), row('1002', 'Beth'), row('1003', 'Carl'))
    expect(order(buildView(first, options(names)))).toEqual(['1001', '1002', '1003'])
    // A status change only: same order.
    const second = floor(row('1001', 'Amar', 'talking'), row('1002', 'Beth'), row('1003', 'Carl', 'paused'))
    expect(order(buildView(second, options(names)))).toEqual(['1001', '1002', '1003'])
    // Amar is renamed Zed: last now.
    const renamed = floor(row('1001', 'Zed'), row('1002', 'Beth'), row('1003', 'Carl'))
    expect(order(buildView(renamed, options(names)))).toEqual(['1002', '1003', '1001'])
    // A new agent between two others.
    const joined = floor(row('1001', 'Zed'), row('1002', 'Beth'), row('1003', 'Carl'), row('1004', 'Bob'))
    expect(order(buildView(joined, options(names)))).toEqual(['1002', '1004', '1003', '1001'])
  })

  it('a map other than the store\'s is checked row by row: the same row object back after a rename is ranked again', () => {
    const names = new NameOrder()
    const amar = row('1001', 'Amar')
    const beth = row('1002', 'Beth')
    const rows = floor(amar, beth)
    expect(names.ordered(rows)).toEqual(['1001', '1002'])
    // The same map again (a render for the clock), then the same rows in a new map.
    expect(names.ordered(rows)).toEqual(['1001', '1002'])
    expect(names.ordered(floor(amar, beth))).toEqual(['1001', '1002'])
    expect(names.ordered(floor(row('1001', 'Zed'), beth))).toEqual(['1002', '1001'])
    // The old row object (Amar) in a new map: seen before, but the ranks have changed since.
    expect(names.ordered(floor(amar, beth))).toEqual(['1001', '1002'])
  })

  it('status order first, then the name order within each status', () => {
    const rows = floor(row('1001', 'Amar', 'idle'), row('1002', 'Beth', 'ringing'), row('1003', 'Carl', 'idle'), row('1004', 'Ann', 'ringing'))
    expect(order(buildView(rows, options(new NameOrder(), { sort: { column: 'status', direction: 'ascending' } })))).toEqual(['1004', '1002', '1001', '1003'])
  })

  it('sorts by time in state, longest first: a call by its clock, the others by when their state began, unknown last', () => {
    const since = (r: AgentRow, statusSince: number | null): AgentRow => ({ ...r, statusSince })
    const onCall: AgentRow = {
      ...row('1004', 'Dee', 'talking'),
      statusSince: 5_000,
      calls: [{ id: 'c', channel: 'PJSIP/1004-1', state: 'talking', onHold: false, customer: '1', customerName: null, direction: 'inbound', startedAt: 4_000, answeredAt: 5_000, answeredAtApprox: false, supervisors: [] }]
    }
    const rows = floor(since(row('1001', 'Amar', 'paused'), 1_000), since(row('1002', 'Beth', 'idle'), 9_000), since(row('1003', 'Carl', 'offline'), null), onCall)
    expect(order(buildView(rows, options(new NameOrder(), { sort: { column: 'time', direction: 'descending' } })))).toEqual(['1001', '1004', '1002', '1003'])
    expect(order(buildView(rows, options(new NameOrder(), { sort: { column: 'time', direction: 'ascending' } })))).toEqual(['1002', '1004', '1001', '1003'])
  })

  it('by agent, the kept name order is the order, with filters, descending, and after agents go or another floor is shown', () => {
    const names = new NameOrder()
    const all = floor(row('1003', 'Carl', 'paused'), row('1001', 'Amar'), row('1004', 'Ann', 'paused'), row('1002', 'Beth'))
    const paused = options(names, { statuses: new Set(['paused'] as const) })
    expect(order(buildView(all, paused))).toEqual(['1004', '1003'])
    expect(order(buildView(all, options(names, { sort: { column: 'agent', direction: 'descending' } })))).toEqual(['1003', '1002', '1004', '1001'])
    // An agent goes; then a smaller floor of the same size as ranked before but other agents.
    const left = floor(row('1003', 'Carl'), row('1001', 'Amar'), row('1004', 'Ann'))
    expect(order(buildView(left, options(names)))).toEqual(['1001', '1004', '1003'])
    const other = floor(row('1005', 'Aaron'), row('1001', 'Amar'), row('1004', 'Ann'))
    expect(order(buildView(other, options(names)))).toEqual(['1005', '1001', '1004'])
    // The comparator (other sorts) ranks a subset in between: the order follows it.
    buildView(floor(row('1002', 'Beth'), row('1001', 'Amar')), options(names, { sort: { column: 'status', direction: 'ascending' } }))
    expect(order(buildView(all, options(names)))).toEqual(['1001', '1004', '1002', '1003'])
  })
})

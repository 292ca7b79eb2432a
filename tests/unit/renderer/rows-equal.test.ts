/**
 * The floor store keeps a row's old object across a snapshot when `rowsEqual` says nothing changed,
 * so whatever the rows show or alerts judge must be compared: a field it skips is a change the
 * floor never shows after a (re)snapshot.
 */
import { describe, expect, it } from 'vitest'
import type { AgentRow } from '../../../src/shared/floor'
import { rowsEqual, sameData } from '../../../src/renderer/floor/rows-equal'

const base: AgentRow = {
  extension: '1001',
  name: 'Ann',
  status: 'talking',
  statusSince: 1000,
  pauseReason: null,
  pause: null,
  calls: [
    {
      id: 'a.1',
      channel: 'PJSIP/1001-00000001',
      state: 'talking',
      onHold: true,
      customer: '+4420',
      customerName: null,
      direction: 'inbound',
      startedAt: 900,
      answeredAt: 1000,
      answeredAtApprox: false,
      heldSince: 5000,
      supervisors: []
    }
  ],
  unansweredRings: 0
}

describe('rowsEqual', () => {
  it('a copy is equal', () => {
    expect(rowsEqual(base, structuredClone(base))).toBe(true)
  })

  const changes: Array<[string, (row: AgentRow) => AgentRow]> = [
    ['statusSince (time in state, long pause)', (r) => ({ ...r, statusSince: 2000 })],
    ['unansweredRings', (r) => ({ ...r, unansweredRings: 3 })],
    ["a call's heldSince (long hold)", (r) => ({ ...r, calls: r.calls.map((c) => ({ ...c, heldSince: 6000 })) })],
    ['status', (r) => ({ ...r, status: 'ringing' })],
    ["a call's answer", (r) => ({ ...r, calls: r.calls.map((c) => ({ ...c, answeredAt: 1500 })) })]
  ]
  for (const [what, change] of changes) {
    it(`a row differing only in ${what} is not equal`, () => {
      expect(rowsEqual(base, change(structuredClone(base)))).toBe(false)
    })
  }
})

/** A row with every optional part present, so that walking it reaches every field a row can have. */
const full: AgentRow = {
  ...base,
  status: 'paused',
  pauseReason: 'lunch',
  pause: { reason: 'lunch', queues: ['sales', 'support'], active: ['billing'] },
  calls: [
    {
      ...base.calls[0]!,
      customerNumber: { e164: '+442070002222', display: '020 7000 2222' },
      customerRecord: { id: 'c1', name: 'Acme buyer', company: null },
      internal: null,
      supervisors: [{ extension: '2002', mode: 'listen' }]
    },
    {
      ...base.calls[0]!,
      id: 'a.2',
      state: 'ringing',
      onHold: false,
      customer: null,
      customerName: 'Front desk',
      internal: { extension: '1005', name: null },
      answeredAt: null,
      heldSince: null,
      supervisors: [
        { extension: '2002', mode: 'whisper' },
        { extension: '2003', mode: 'barge' }
      ]
    }
  ]
}

type Path = Array<string | number>
type Node = { path: Path; value: unknown }

/** Every place in the row, the row itself first: objects, arrays and their leaves. */
function walk(value: unknown, path: Path = []): Node[] {
  const here: Node = { path, value }
  if (Array.isArray(value)) return [here, ...value.flatMap((item, i) => walk(item, [...path, i]))]
  if (typeof value === 'object' && value !== null) return [here, ...Object.entries(value).flatMap(([key, item]) => walk(item, [...path, key]))]
  return [here]
}

/** A copy of `row` with `change` applied to what stands at `path`. */
function edited(row: AgentRow, path: Path, change: (value: unknown) => unknown): AgentRow {
  const copy = structuredClone(row) as unknown
  if (path.length === 0) return change(copy) as AgentRow
  let parent = copy as Record<string | number, unknown>
  for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  parent[last] = change(parent[last])
  return copy as AgentRow
}

/** A different value of the same kind, and values of other kinds. */
function othersThan(value: unknown): unknown[] {
  const kinds: unknown[] = ['text', 7, true, null, [], {}]
  const sameKind = typeof value === 'string' ? `${value}!` : typeof value === 'number' ? value + 1 : typeof value === 'boolean' ? !value : undefined
  return [...(sameKind === undefined ? [] : [sameKind]), ...kinds.filter((k) => typeof k !== typeof value || (k === null) !== (value === null) || Array.isArray(k) !== Array.isArray(value))]
}

const nodes = walk(full)
const label = (path: Path): string => (path.length === 0 ? 'the row' : path.join('.'))

describe('rowsEqual compares every field, whatever AgentRow comes to hold', () => {
  it('walks every optional part of the row (this test covers what it claims)', () => {
    const paths = new Set(nodes.map((n) => label(n.path)))
    for (const path of ['pause.active.0', 'calls.0.customerNumber.e164', 'calls.0.customerRecord.company', 'calls.1.internal.name', 'calls.1.supervisors.1.mode', 'calls.1.heldSince']) {
      expect(paths).toContain(path)
    }
  })

  it('a copy, and a copy with its keys in another order, are equal', () => {
    expect(rowsEqual(full, structuredClone(full))).toBe(true)
    const reordered = JSON.parse(JSON.stringify(full), (_key, value: unknown) =>
      typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value
    ) as AgentRow
    expect(Object.keys(reordered)[0]).not.toBe(Object.keys(full)[0])
    expect(rowsEqual(full, reordered)).toBe(true)
    expect(rowsEqual(reordered, full)).toBe(true)
  })

  for (const { path, value } of nodes.filter((n) => n.path.length > 0)) {
    it(`a change at ${label(path)}, to any other value of any kind, makes the rows unequal`, () => {
      for (const other of othersThan(value)) {
        const changed = edited(full, path, () => other)
        expect(rowsEqual(full, changed)).toBe(false)
        expect(rowsEqual(changed, full)).toBe(false)
      }
    })
  }

  for (const { path } of nodes.filter((n) => typeof n.value === 'object' && n.value !== null && !Array.isArray(n.value))) {
    it(`a field added later to ${label(path)}, of any kind, makes the rows unequal`, () => {
      for (const added of ['text', 0, false, null, [], {}]) {
        const changed = edited(full, path, (object) => ({ ...(object as object), addedLater: added }))
        expect(rowsEqual(full, changed)).toBe(false)
        expect(rowsEqual(changed, full)).toBe(false)
      }
    })
  }

  for (const { path, value } of nodes.filter((n) => Array.isArray(n.value) && n.value.length > 0)) {
    it(`${label(path)} with an item more, or one fewer, makes the rows unequal`, () => {
      const items = value as unknown[]
      for (const changed of [edited(full, path, () => [...items, items[0]]), edited(full, path, () => items.slice(1))]) {
        expect(rowsEqual(full, changed)).toBe(false)
        expect(rowsEqual(changed, full)).toBe(false)
      }
    })
  }
})

describe('sameData', () => {
  it('a key set to undefined is the same as no key; anything but plain data is equal only to itself', () => {
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(true)
    expect(sameData({ a: 1 }, { a: 1, toString: 'x' })).toBe(false)
    expect(sameData([1, [2, { c: 3 }]], [1, [2, { c: 3 }]])).toBe(true)
    expect(sameData([], {})).toBe(false)
    expect(sameData(new Date(5), new Date(5))).toBe(false)
    const date = new Date(5)
    expect(sameData(date, date)).toBe(true)
  })
})

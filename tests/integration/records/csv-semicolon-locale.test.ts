/**
 * The call-log CSV is opened by supervisors in Excel. Excel reads a .csv with the list separator of
 * the machine's region, which is `;` wherever `,` is the decimal mark (de-DE, fr-FR, nl-NL, es-ES,
 * it-IT…). The caller-ID name is the caller's to choose (the SIP From display name a trunk passes
 * on): in such a locale each `;`-separated piece of a line is a cell, and one that starts with
 * `=`, `+`, `-` or `@` is run as a formula. The defusing (customers/csv.ts) looks at the start of
 * the whole comma-separated cell only.
 */
import { afterEach, expect, it } from 'vitest'
import { openStore, type Store } from '../../../src/main/app'
import { callLogToCsv } from '../../../src/main/calllog'
import type { CallLogEntry } from '../../../src/shared/records'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
const open: Store[] = []
afterEach(() => {
  for (const s of open.splice(0)) if (s.db.open) s.close()
})

const T = Date.UTC(2026, 10, 24, 14, 0, 0)
const hostile = "Bob;=cmd|' /C calc'!A0;x"

const call: CallLogEntry = {
  id: '1795468833.5',
  linkedid: '1795468833.3',
  agentExtension: '1001',
  agentName: 'Agent 1001',
  agentChannel: 'PJSIP/1001-00000001',
  customerNumber: '+442070001111',
  customerName: hostile,
  customerE164: '+442070001111',
  customerId: null,
  direction: 'inbound',
  startedAt: T,
  answeredAt: T + 3000,
  answeredAtApprox: false,
  endedAt: T + 11_000,
  talkSeconds: 8,
  outcome: 'answered',
  monitored: false,
  closedBy: 'hangup',
  timeline: []
}

it('no cell of the export starts a formula when Excel splits the lines at ";" (a ;-list-separator locale)', () => {
  const store = openStore({ dir: tempDir() })
  open.push(store)
  store.callLog.record(call)
  const csv = callLogToCsv(store.callLog.iterate({}, 'GB')).replace(/^\uFEFF/, '')
  const cells = csv.split('\r\n').flatMap((line) => line.split(';'))
  expect(cells.filter((c) => /^[=+\-@]/.test(c) && !/^\+\d+$/.test(c))).toEqual([])
})

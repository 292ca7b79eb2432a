/**
 * The permission matrix, enforced in main: every IPC channel × every scope set, through the real
 * services (a real SQLite store in a temporary folder, the real keychain of the test session).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServices, type EarshotServices } from '../../../src/main/app'
import { IpcFailure } from '../../../src/main/ipc/router'
import { openKeychain } from '../../../src/main/secrets'
import { openStore, type Store } from '../../../src/main/app'
import { type SupervisionService, visibleSessions } from '../../../src/main/supervision'
import { INVOKE_CHANNELS, type InvokeChannel } from '../../../src/shared/contract'
import type { CallLogEntry } from '../../../src/shared/records'
import type { Scope } from '../../../src/shared/settings'

type Who = 'signed out' | 'no scopes' | 'see-everyone' | 'configure-everything' | 'both' | 'team lead'
const WHO: readonly Who[] = ['signed out', 'no scopes', 'see-everyone', 'configure-everything', 'both', 'team lead']
const SCOPES: Record<Exclude<Who, 'signed out'>, Scope[]> = {
  'no scopes': [],
  'see-everyone': ['see-everyone'],
  'configure-everything': ['configure-everything'],
  both: ['see-everyone', 'configure-everything'],
  // Coaches without the settings page (issue 13, "Who may supervise"): sees everyone, may Listen and Whisper, not Barge.
  'team lead': ['see-everyone', 'supervise:listen', 'supervise:whisper']
}

const ANYONE: readonly Who[] = WHO
const SIGNED_IN: readonly Who[] = ['no scopes', 'see-everyone', 'configure-everything', 'both', 'team lead']
const ADMINS: readonly Who[] = ['configure-everything', 'both']
/** Listen (the mode the matrix asks for): configure-everything implies it; the team lead holds it. */
const LISTENERS: readonly Who[] = [...ADMINS, 'team lead']

/** Who may call each channel: the product's rule, written out (not read from the contract). */
const EXPECTED: Record<InvokeChannel, readonly Who[]> = {
  'session:current': ANYONE,
  'session:sign-in': ANYONE,
  'setup:first-admin': ANYONE,
  'session:sign-out': SIGNED_IN,
  'floor:snapshot': SIGNED_IN,
  'supervision:sessions': SIGNED_IN,
  'softphone:config': SIGNED_IN,
  'softphone:digest': SIGNED_IN,
  'demo:start': ADMINS,
  'demo:leave': ADMINS,
  // A call on their floor only: agent 1001 is on configure-everything's alone, without see-everyone, only as its own row would be.
  'supervision:start': ['both', 'team lead'],
  'supervision:switch': LISTENERS,
  'supervision:end': LISTENERS,
  // Each operator keeps their own floor and alert choices.
  'preferences:get': SIGNED_IN,
  'preferences:save': SIGNED_IN,
  'operators:list': ADMINS,
  'operators:create': ADMINS,
  'operators:update': ADMINS,
  'operators:remove': ADMINS,
  'settings:get': ADMINS,
  'settings:save': ADMINS,
  'settings:set-secret': ADMINS,
  'settings:test': ADMINS,
  'settings:export': ADMINS,
  'settings:import': ADMINS,
  'customers:card': SIGNED_IN,
  'customers:search': SIGNED_IN,
  // Editing customers needs a scope (issue 14.6): an operator with none only reads them.
  'customers:save': ['see-everyone', 'configure-everything', 'both', 'team lead'],
  'customers:open-crm': SIGNED_IN,
  'customers:delete': ADMINS,
  'customers:import-preview': ADMINS,
  'customers:import-csv': ADMINS,
  'customers:import-vcard': ADMINS,
  'customers:export': ADMINS,
  'calllog:list': SIGNED_IN,
  'calllog:get': SIGNED_IN,
  'calllog:export': SIGNED_IN,
  'audit:list': ADMINS,
  'audit:export': ADMINS,
  // The softphone rings for whoever is signed in at the desk.
  'desktop:ringing': SIGNED_IN,
  // The wallboard is shown in the window of whoever is signed in.
  'desktop:full-screen': SIGNED_IN,
  // Alerts are judged in the window of whoever is signed in.
  'desktop:notify': SIGNED_IN
}

/** Valid requests for channels whose handler (not the router) decides who may use them. */
const REQUESTS: Partial<Record<InvokeChannel, unknown>> = {
  'customers:save': { id: null, input: {} },
  // Valid, so a mode refused by the handler shows as forbidden; a let-through then fails for want of a PBX.
  'supervision:start': { agentExtension: '1001', callId: 'call-1', mode: 'listen' },
  'supervision:switch': { sessionId: 'no-such-session', mode: 'listen', canSendDtmf: true },
  'supervision:end': { sessionId: 'no-such-session' },
  'desktop:ringing': { ringing: false },
  'desktop:full-screen': { on: false },
  'desktop:notify': { id: 1, title: 'Long call', body: 'Ana Silva (1001)' }
}

const PIN = '4812'
let dir: string
let store: Store
let services: EarshotServices
const ids = new Map<Who, string>()
const demoStops: (() => Promise<void>)[] = []

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'earshot-perm-'))
  store = openStore({ dir })
  services = createServices({
    store,
    secrets: openKeychain({ service: `Earshot test ${randomBytes(6).toString('hex')}` }),
    // A demo that never starts: whether demo:start may run is all this test asks.
    startDemoPbx: () => Promise.reject(new Error('no demo in this test'))
  })
  await services.signIn.firstAdmin({ name: 'Admin', extension: '2001', pin: PIN })
  for (const who of WHO) {
    if (who === 'signed out') continue
    const op = await store.operators.create({ name: `Op ${who}`, extension: `10${ids.size + 10}`, scopes: SCOPES[who], pin: PIN })
    ids.set(who, op.id)
  }
})

afterAll(async () => {
  await services.stop()
  for (const stop of demoStops) await stop()
  store.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Signs `who` in (or out); a PIN check is slow by design (scrypt), so only when someone else is signed in. */
async function as(who: Who): Promise<void> {
  const id = ids.get(who)
  if (id === undefined) services.signIn.signOut()
  else if (services.signIn.current()?.id !== id) await services.signIn.signIn(id, PIN)
}

/** 'forbidden', or anything else (ok, or a refusal for another reason: invalid request, not connected...). */
async function outcome(channel: InvokeChannel): Promise<'forbidden' | 'let through'> {
  try {
    await services.router.invoke(channel, REQUESTS[channel] ?? {}, { origin: 'test' })
  } catch (error) {
    if (error instanceof IpcFailure && error.error.code === 'forbidden') return 'forbidden'
  }
  return 'let through'
}

describe('the permission matrix', () => {
  it('covers every channel of the contract', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...INVOKE_CHANNELS].sort())
  })

  for (const who of WHO) {
    it(`${who}: each channel allowed or refused as the product says`, async () => {
      const got: Record<string, string> = {}
      const want: Record<string, string> = {}
      for (const channel of INVOKE_CHANNELS) {
        // A call may change who is signed in (session:sign-out): sign in again before each.
        await as(who)
        got[channel] = await outcome(channel)
        want[channel] = EXPECTED[channel].includes(who) ? 'let through' : 'forbidden'
      }
      expect(got).toEqual(want)
    })
  }

  it('refuses in words that say what is missing', async () => {
    await as('see-everyone')
    await expect(services.router.invoke('settings:get', {}, { origin: 'test' })).rejects.toMatchObject({
      error: { code: 'forbidden', message: 'Op see-everyone does not have the configure-everything scope (settings and Listen/Whisper/Barge). Ask an admin.' }
    })
    await as('signed out')
    await expect(services.router.invoke('floor:snapshot', {}, { origin: 'test' })).rejects.toMatchObject({ error: { code: 'forbidden', message: 'Sign in first: this needs an operator.' } })
  })

  it('records by scope: notes need see-everyone; supervision sessions are one\'s own unless configure-everything', async () => {
    await as('both')
    const saved = (await services.router.invoke('customers:save', { id: null, input: { name: 'Ada Client', phones: ['+442070001111'], notes: 'owes us' } }, { origin: 'test' })) as {
      customer: { id: string }
    }
    const id = saved.customer.id
    const notesSeenBy = async (who: Who) => {
      await as(who)
      const card = (await services.router.invoke('customers:card', { number: null, customerId: id }, { origin: 'test' })) as { customer: { notes: string | null } }
      const found = (await services.router.invoke('customers:search', { query: 'Ada' }, { origin: 'test' })) as { customers: { notes: string | null }[] }
      const listed = (await services.router.invoke('customers:search', { query: '' }, { origin: 'test' })) as { customers: { notes: string | null }[] }
      return [card.customer.notes, found.customers[0]?.notes, listed.customers[0]?.notes]
    }
    expect(await notesSeenBy('no scopes')).toEqual([null, null, null])
    expect(await notesSeenBy('configure-everything')).toEqual([null, null, null])
    expect(await notesSeenBy('see-everyone')).toEqual(['owes us', 'owes us', 'owes us'])
    await as('no scopes')
    await expect(services.router.invoke('customers:save', { id, input: { name: 'Phished', phones: [] } }, { origin: 'test' })).rejects.toMatchObject({ error: { code: 'forbidden' } })
    expect(store.customers.get(id)?.name).toBe('Ada Client')
    // A supervision session of Admin's (extension 2001): only Admin, and operators who configure everything, see it.
    // A session of another operator's from the same desk softphone (1010 is this agent's own desk too) is theirs alone: who listened to whom is not the next operator's to read.
    const service = {
      sessions: () => [{ supervisorExtension: '2001' }, { supervisorExtension: '1010' }, { supervisorExtension: '1010', operator: { id: 'op-sam', name: 'Sam' } }],
      availability: () => null
    } as unknown as SupervisionService
    const seen = (who: Who) => {
      const operator = who === 'signed out' ? null : { id: '', name: who, extension: who === 'no scopes' ? '1010' : '1099', scopes: SCOPES[who] }
      return visibleSessions(service, operator).sessions.map((x) => x.supervisorExtension)
    }
    expect(seen('signed out')).toEqual([])
    expect(seen('no scopes')).toEqual(['1010'])
    expect(seen('see-everyone')).toEqual([])
    expect(seen('configure-everything')).toEqual(['2001', '1010', '1010'])
  })

  it('records channels, content by scope: calls one\'s own without see-everyone and never said to be supervised, supervisors named only with configure-everything, the CRM only for numbers one may see', async () => {
    const NUMBER = '+442070009999'
    const entry = (id: string, agent: string, startedAt: number, over: Partial<CallLogEntry> = {}): CallLogEntry => ({
      id, linkedid: id, agentExtension: agent, agentName: `Agent ${agent}`, agentChannel: `PJSIP/${agent}-0000${id}`, customerNumber: NUMBER, customerName: null,
      customerE164: NUMBER, customerId: null, direction: 'inbound', startedAt, answeredAt: startedAt + 1000, answeredAtApprox: false, endedAt: startedAt + 60_000,
      talkSeconds: 59, outcome: 'answered', monitored: false, closedBy: 'hangup', timeline: [], ...over
    })
    const t0 = Date.UTC(2026, 0, 5, 9)
    // 1010 (the operator with no scopes) took the call first and Admin (2001) listened in; then 1099 took eleven more from the same number.
    store.callLog.record(entry('rec-own', '1010', t0, {
      monitored: true,
      timeline: [{ at: t0 + 5000, kind: 'supervision-joined', supervisor: '2001', mode: 'listen' }, { at: t0 + 9000, kind: 'supervision-left', supervisor: '2001', mode: 'listen' }]
    }))
    for (let i = 0; i < 11; i++) store.callLog.record(entry(`rec-other-${i}`, '1099', t0 + (i + 1) * 120_000))
    store.audit.record({
      id: 'sess-1', operator: { id: 'admin', name: 'Admin' }, supervisorExtension: '2001', agentExtension: '1010', agentName: 'Agent 1010', agentChannel: 'PJSIP/1010-0000rec-own',
      callId: 'rec-own', customer: NUMBER, method: 'chanspy', startedAt: t0 + 4000, endedAt: t0 + 9500, endReason: 'ended', modes: [{ at: t0 + 4000, mode: 'listen', how: 'initial' }]
    })
    store.customers.create({ name: 'Known Customer', phones: ['+442070002222'] }, 'GB')
    const settings = store.settings.get()
    expect(store.settings.save({ ...settings, records: { ...settings.records, crmUrlTemplate: 'https://crm.example.com/search?phone={e164}' } }).ok).toBe(true)

    type Seen = { list: string[]; exported: string[]; monitored: boolean[]; own: string; names: (string | null)[]; other: string; card: string[]; crm: Record<string, string> }
    const seen = async (who: Who): Promise<Seen> => {
      await as(who)
      const ask = (channel: InvokeChannel, request: unknown) => services.router.invoke(channel, request, { origin: 'test' })
      const refusal = (error: unknown) => (error instanceof IpcFailure ? error.error.code : 'error')
      const entries = ((await ask('calllog:list', { limit: 100 })) as { entries: { agentExtension: string; monitored: boolean }[] }).entries
      const list = entries.map((e) => e.agentExtension)
      const csv = ((await ask('calllog:export', {})) as { text: string }).text
      const exported = [...new Set(csv.split('\n').slice(1).filter((l) => l !== '').map((l) => l.split(',')[3] ?? ''))]
      let names: (string | null)[] = []
      const own = await ask('calllog:get', { id: 'rec-own' }).then(
        (e) => {
          names = (e as CallLogEntry).timeline.map((x) => ('operator' in x ? (x.operator ?? null) : null))
          return 'read'
        },
        (error: unknown) => refusal(error)
      )
      const other = await ask('calllog:get', { id: 'rec-other-0' }).then(() => 'read', refusal)
      const recent = ((await ask('customers:card', { number: NUMBER, customerId: null })) as { recentCalls: { agentExtension: string; monitored: boolean }[] }).recentCalls
      const card = recent.map((c) => c.agentExtension)
      // Whether the call 1010 took was supervised, as each place that lists it says.
      const monitored = [...entries, ...recent].filter((e) => e.agentExtension === '1010').map((e) => e.monitored)
      const crm: Record<string, string> = {}
      for (const number of [NUMBER, '+442070002222', '+15555550123']) crm[number] = await ask('customers:open-crm', { number }).then(() => 'opened', refusal)
      return { list: [...new Set(list)].sort(), exported: exported.sort(), monitored, own, names, other, card: [...new Set(card)].sort(), crm }
    }
    // +442070002222 is a customer's (everyone may read customers); +15555550123 nobody's.
    // The card lists the ten latest calls with the number: with see-everyone those are 1099's; without, one's own.
    const everything = { list: ['1010', '1099'], exported: ['1010', '1099'], own: 'read', other: 'read', card: ['1099'] }
    const anyNumber = { [NUMBER]: 'opened', '+442070002222': 'opened', '+15555550123': 'opened' }
    const seenNumbers = { [NUMBER]: 'opened', '+442070002222': 'opened', '+15555550123': 'forbidden' }
    // 1010, without see-everyone, never learns that its call was supervised (as on the floor): no supervision events in its timeline to name.
    expect(await seen('no scopes')).toEqual({ list: ['1010'], exported: ['1010'], monitored: [false, false], own: 'read', names: [], other: 'failed', card: ['1010'], crm: seenNumbers })
    expect(await seen('see-everyone')).toEqual({ ...everything, monitored: [true], names: [null, null], crm: anyNumber })
    expect(await seen('configure-everything')).toEqual({ list: [], exported: [], monitored: [], own: 'failed', names: [], other: 'failed', card: [], crm: { ...seenNumbers, [NUMBER]: 'forbidden' } })
    expect(await seen('both')).toEqual({ ...everything, monitored: [true], names: ['Admin', 'Admin'], crm: anyNumber })
  })

  it('supervise: each mode is its own scope, configure-everything implies all three, see-everyone alone acts on none', async () => {
    const modes = ['listen', 'whisper', 'barge'] as const
    const profiles: Record<string, Scope[]> = {
      'listen only': ['see-everyone', 'supervise:listen'],
      'whisper only': ['see-everyone', 'supervise:whisper'],
      'barge only': ['see-everyone', 'supervise:barge'],
      'listen and whisper': ['see-everyone', 'supervise:listen', 'supervise:whisper'],
      'see-everyone alone': ['see-everyone'],
      'configure-everything': ['configure-everything']
    }
    const got: Record<string, Record<string, string>> = {}
    for (const [name, scopes] of Object.entries(profiles)) {
      const op = await store.operators.create({ name: `Mode ${name}`, extension: '1050', scopes, pin: PIN })
      await services.signIn.signIn(op.id, PIN)
      got[name] = {}
      for (const mode of modes) {
        const ask = async (channel: InvokeChannel, request: unknown): Promise<string> => {
          try {
            await services.router.invoke(channel, request, { origin: 'test' })
          } catch (error) {
            if (error instanceof IpcFailure && error.error.code === 'forbidden') return 'forbidden'
          }
          return 'let through'
        }
        const start = await ask('supervision:start', { agentExtension: '1001', callId: 'call-1', mode })
        const switched = await ask('supervision:switch', { sessionId: 'no-such-session', mode, canSendDtmf: true })
        got[name][mode] = start === switched ? start : `start ${start}, switch ${switched}`
      }
    }
    const only = (mode: string) => Object.fromEntries(modes.map((m) => [m, m === mode ? 'let through' : 'forbidden']))
    expect(got).toEqual({
      'listen only': only('listen'),
      'whisper only': only('whisper'),
      'barge only': only('barge'),
      'listen and whisper': { listen: 'let through', whisper: 'let through', barge: 'forbidden' },
      'see-everyone alone': { listen: 'forbidden', whisper: 'forbidden', barge: 'forbidden' },
      // Its modes, but not on a call its floor does not show (its own row only, without see-everyone).
      'configure-everything': { listen: 'start forbidden, switch let through', whisper: 'start forbidden, switch let through', barge: 'start forbidden, switch let through' }
    })
    await as('team lead')
    await expect(services.router.invoke('supervision:start', { agentExtension: '1001', callId: 'call-1', mode: 'barge' }, { origin: 'test' })).rejects.toMatchObject({
      error: { code: 'forbidden', message: 'Op team lead may not barge in (the supervise:barge scope). Ask an admin.' }
    })
    await as('see-everyone')
    await expect(services.router.invoke('supervision:end', { sessionId: 'x' }, { origin: 'test' })).rejects.toMatchObject({
      error: { code: 'forbidden', message: 'Op see-everyone may not supervise calls (Listen, Whisper or Barge). Ask an admin.' }
    })
  }, 60_000)

  it('supervise: an operator switches and ends only their own sessions; an admin any of this machine\'s', async () => {
    const session = { id: 'sess-admin', operator: { id: 'admin', name: 'Admin' }, supervisorExtension: '2001', phase: 'connected' }
    const service = { sessions: () => [session], availability: () => null } as unknown as SupervisionService
    const lead = { id: ids.get('team lead') ?? '', name: 'Op team lead', extension: '1015', scopes: SCOPES['team lead'] }
    expect(visibleSessions(service, lead).sessions).toEqual([])
    expect(visibleSessions(service, { ...lead, id: 'admin' }).sessions).toEqual([session])
    expect(visibleSessions(service, { ...lead, scopes: ['configure-everything'] }).sessions).toEqual([session])
    // Through the router: the live service has no such session, so the real one is made to hold it.
    const real = services.supervision
    const original = real.session.bind(real)
    real.session = (id) => (id === session.id ? (session as never) : null)
    try {
      await as('team lead')
      await expect(services.router.invoke('supervision:end', { sessionId: 'sess-admin' }, { origin: 'test' })).rejects.toMatchObject({
        error: { code: 'forbidden', message: 'This supervision was started by Admin; only they or an admin may change it.' }
      })
      await expect(services.router.invoke('supervision:switch', { sessionId: 'sess-admin', mode: 'whisper', canSendDtmf: true }, { origin: 'test' })).rejects.toMatchObject({
        error: { code: 'forbidden' }
      })
    } finally {
      real.session = original
    }
  })

  it('a wrong PIN does not sign in, and changing scopes applies at once', async () => {
    await as('signed out')
    await expect(services.signIn.signIn(ids.get('both') ?? '', '0000')).rejects.toThrow('Wrong PIN')
    expect(services.signIn.current()).toBeNull()
    await as('both')
    expect(await outcome('settings:get')).toBe('let through')
    store.operators.setScopes(ids.get('both') ?? '', ['see-everyone'])
    expect(await outcome('settings:get')).toBe('forbidden')
    store.operators.setScopes(ids.get('both') ?? '', ['see-everyone', 'configure-everything'])
  })
})

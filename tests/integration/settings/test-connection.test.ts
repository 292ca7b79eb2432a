/** Test connection against a stand-in Asterisk on loopback TCP: each step, and what it says when it fails. */
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { AmiMessage } from '../../../src/main/ami'
import { AMI_ACCOUNT, type SecretStore } from '../../../src/main/secrets'
import { testConnection } from '../../../src/main/settings/test-connection'
import { settingsHandlers } from '../../../src/main/settings'
import { openStore, type Store } from '../../../src/main/app'
import { useTempDirs } from '../store/temp-dir'
import type { TestStep } from '../../../src/shared/contract'
import { DEFAULT_SETTINGS, type MachineSettings } from '../../../src/shared/settings'
import { managerConfUser } from '../../../src/shared/ami-privileges'
import { FakeAsterisk, type FakeConnection, SECRET, USERNAME } from '../ami/fake-asterisk'

let fake: FakeAsterisk | null = null
afterEach(async () => {
  await fake?.close()
  fake = null
})

function secrets(values: Record<string, string> = { [AMI_ACCOUNT]: SECRET }): SecretStore {
  return {
    get: (account) => Promise.resolve(values[account] ?? null),
    set: () => Promise.resolve(),
    delete: () => Promise.resolve(false)
  }
}

/** The lab's feature codes (shared/asterisk/extensions.conf), with ChanSpy options per mode. */
function dialplan(options: Record<string, string | [string, string][]>) {
  return (action: AmiMessage, c: FakeConnection): boolean => {
    if (action.fields.Action !== 'ShowDialPlan') return false
    const exten = action.fields.Extension ?? ''
    const code = exten.slice(0, 3)
    const opts = options[code]
    if (action.fields.Context !== 'internal' || opts === undefined || !/^\d{7}$/.test(exten)) {
      c.reply(action, { Response: 'Error', Message: `Did not find extension ${exten}@${action.fields.Context ?? ''}` })
      return true
    }
    c.reply(action, { Response: 'Success', EventList: 'start', Message: 'DialPlan list will follow' })
    // Options as a string: the lab's four priorities with those ChanSpy options; else the priorities as given.
    const apps: [string, string][] =
      typeof opts === 'string' ? [['NoOp', `Supervisor \${CALLERID(num)} on PJSIP/\${EXTEN:3}`], ['Answer', ''], ['ChanSpy', `PJSIP/\${EXTEN:3},${opts}`], ['Hangup', '']] : opts
    apps.forEach(([app, data], i) =>
      c.send({ Event: 'ListDialplan', ActionID: action.fields.ActionID, Context: 'internal', Extension: `_${code}XXXX`, Priority: String(i + 1), Application: app, AppData: data, Registrar: 'pbx_config' })
    )
    c.send({ Event: 'ShowDialPlanComplete', ActionID: action.fields.ActionID, EventList: 'Complete', ListItems: String(apps.length), ListExtensions: '1', ListPriorities: String(apps.length), ListContexts: '1' })
    return true
  }
}
const LAB = { '555': 'qdE', '556': 'qdEw', '557': 'qdEB' }

function settings(url: string, over: Partial<MachineSettings['pbx']> = {}): MachineSettings {
  return { ...DEFAULT_SETTINGS, pbx: { ...DEFAULT_SETTINGS.pbx, url, username: USERNAME, featureCodes: { listen: '555', whisper: '556', barge: '557' }, ...over } }
}

const byId = (steps: TestStep[]) => Object.fromEntries(steps.map((s) => [s.id, s]))
const statuses = (steps: TestStep[]) => Object.fromEntries(steps.map((s) => [s.id, s.status]))

describe('Test connection', () => {
  it('a PBX set up as the README says: every AMI step passes (plain ami:// is a warning)', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan(LAB) })
    const steps = await testConnection(settings(fake.url), { secrets: secrets(), sampleAgent: '1001' })
    // This stand-in does not answer ListCommands: what it holds beyond Earshot's needs could not be checked.
    expect(statuses(steps)).toEqual({ settings: 'ok', reachable: 'ok', tls: 'warn', login: 'ok', privileges: 'ok', 'extra-privileges': 'warn', dialplan: 'ok', websocket: 'skipped', 'sip-login': 'skipped' })
    expect(byId(steps)['extra-privileges']?.detail).toMatch(/^Could not be checked: ListCommands failed/)
    // It asked the dialplan for the sample agent's three feature-code dials.
    expect(fake.actions.filter((a) => a.fields.Action === 'ShowDialPlan' && a.fields.Context === 'internal').map((a) => a.fields.Extension)).toEqual(['5551001', '5561001', '5571001'])
  })

  it('names each missing write privilege and gives the manager.conf lines', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan(LAB), denied: ['Originate', 'Hangup'] })
    const privileges = byId(await testConnection(settings(fake.url), { secrets: secrets(), sampleAgent: '1001' })).privileges
    expect(privileges?.status).toBe('fail')
    expect(privileges?.detail).toContain('start supervision legs (Originate): needs originate')
    expect(privileges?.detail).toContain('end supervision legs (Hangup): needs system or call')
    expect(privileges?.fix).toContain(managerConfUser())
  })

  it('a dialplan whose whisper code does not whisper fails, with the extensions.conf to paste', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan({ ...LAB, '556': 'qdE' }) })
    const step = byId(await testConnection(settings(fake.url), { secrets: secrets(), sampleAgent: '1001' })).dialplan
    expect(step?.status).toBe('fail')
    expect(step?.detail).toContain('the Whisper code has no w option (whisper), so the agent does not hear you')
    expect(step?.fix).toContain('ChanSpy(PJSIP/${EXTEN:3}-,qEdw)')
  })

  it('a Listen code that barges fails (issue 13.1: qdEB passed as "the right options")', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan({ ...LAB, '555': 'qdEB' }) })
    const step = byId(await testConnection(settings(fake.url), { secrets: secrets(), sampleAgent: '1001' })).dialplan
    expect(step?.status).toBe('fail')
    expect(step?.detail).toContain('the Listen code has B (barge: the agent and the customer hear you) (5551001: ChanSpy(PJSIP/${EXTEN:3},qdEB))')
  })

  it('options are case-sensitive: W (private whisper) is not whisper, b (bridged only) is not barge', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan({ ...LAB, '556': 'qdEW', '557': 'qdEb' }) })
    const step = byId(await testConnection(settings(fake.url), { secrets: secrets(), sampleAgent: '1001' })).dialplan
    expect(step?.status).toBe('fail')
    expect(step?.detail).toContain('the Whisper code has no w option')
    expect(step?.detail).toContain('the Barge code has no B option')
  })

  it('options from a variable, or ChanSpy behind a Gosub, could not be checked: a warning saying what to verify, never passed or failed', async () => {
    fake = await FakeAsterisk.start({
      handle: dialplan({
        ...LAB,
        '555': [['Set', 'OPTS=qdEw'], ['ChanSpy', 'PJSIP/${EXTEN:3},${OPTS}'], ['Hangup', '']],
        '557': [['Answer', ''], ['Gosub', 'spy-barge,s,1(${EXTEN:3})'], ['Hangup', '']]
      })
    })
    const step = byId(await testConnection(settings(fake.url), { secrets: secrets(), sampleAgent: '1001' })).dialplan
    expect(step?.status).toBe('warn')
    expect(step?.detail).toContain("Listen could not be checked: ChanSpy's arguments are set at run time (PJSIP/${EXTEN:3},${OPTS})")
    expect(step?.detail).toContain('verify by hand (asterisk -rx "dialplan show 5551001@internal") that Listen\'s ChanSpy runs with none of w, W or B')
    expect(step?.detail).toContain('Barge could not be checked: 5571001 continues in Gosub(spy-barge,s,1(${EXTEN:3}))')
    expect(step?.detail).not.toContain('with the right options')
  })

  it('codes that are not in the context fail with Asterisk\'s reason', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan(LAB) })
    const step = byId(await testConnection(settings(fake.url, { context: 'from-internal' }), { secrets: secrets(), sampleAgent: '1001' })).dialplan
    expect(step?.status).toBe('fail')
    expect(step?.detail).toContain('listen: 5551001 is not in context from-internal (Did not find extension 5551001@from-internal)')
  })

  it('a wrong password: reachable, then the login fails', async () => {
    fake = await FakeAsterisk.start()
    const steps = await testConnection(settings(fake.url), { secrets: secrets({ [AMI_ACCOUNT]: 'not-it' }) })
    expect(statuses(steps)).toMatchObject({ reachable: 'ok', login: 'fail', privileges: 'skipped', dialplan: 'skipped' })
    expect(JSON.stringify(steps)).not.toContain('not-it')
  })

  it('nothing listening: the first network step fails and says where', async () => {
    const server = net.createServer()
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const port = (server.address() as net.AddressInfo).port
    await new Promise<void>((r) => server.close(() => r()))
    const steps = await testConnection(settings(`ami://127.0.0.1:${port}`), { secrets: secrets() })
    expect(statuses(steps)).toMatchObject({ reachable: 'fail', login: 'skipped' })
    expect(byId(steps).reachable?.detail).toContain(`127.0.0.1:${port}`)
  })

  it('no password saved yet: says so before trying anything', async () => {
    const steps = await testConnection(settings('ami://127.0.0.1:5038'), { secrets: secrets({}) })
    expect(byId(steps).settings).toMatchObject({ status: 'fail', detail: 'Set the AMI password in Settings → PBX.' })
    expect(steps.slice(1).every((s) => s.status === 'skipped')).toBe(true)
  })

  it('direct ChanSpy needs no dialplan: the options Earshot sends are checked', async () => {
    fake = await FakeAsterisk.start()
    const step = byId(await testConnection(settings(fake.url, { method: 'chanspy', featureCodes: { listen: '', whisper: '', barge: '' } }), { secrets: secrets() })).dialplan
    expect(step?.status).toBe('ok')
    expect(step?.detail).toContain('qEd for Listen, qEdw for Whisper, qEdB for Barge')
  })
})

describe('Test connection and the saved password (issue 14.5)', () => {
  const tempDir = useTempDirs()
  let store: Store | null = null
  afterEach(() => {
    store?.close()
    store = null
  })

  function handlers() {
    store = openStore({ dir: tempDir() })
    const saved = store.settings.save(settings('ami://127.0.0.1:5038'))
    expect(saved.ok).toBe(true)
    return settingsHandlers({
      repository: store.settings,
      secrets: secrets(),
      probeKeychain: () => Promise.resolve({ available: true, message: null }),
      applied: () => undefined,
      passwordSet: () => undefined,
      sampleAgent: () => '1001'
    })
  }
  const caller = { origin: 'test', operator: null }

  it('never sends the saved AMI password to an address it was not saved for', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan(LAB) })
    const { steps } = await handlers()['settings:test']({ settings: settings(fake.url) }, caller)
    expect(fake.actions.filter((a) => a.fields.Action === 'Login')).toEqual([])
    expect(byId(steps).settings).toMatchObject({
      status: 'fail',
      detail: `The saved AMI password is for ami://127.0.0.1:5038 and is not sent to ${fake.url}. Save the new address and set its AMI password (Settings → PBX), then test again.`
    })
  })

  it('tests a new address with the password typed', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan(LAB) })
    const { steps } = await handlers()['settings:test']({ settings: settings(fake.url), amiPassword: SECRET }, caller)
    expect(byId(steps).login?.status).toBe('ok')
  })

  it('the saved address still uses the saved password', async () => {
    fake = await FakeAsterisk.start({ handle: dialplan(LAB) })
    const test = handlers()
    expect(store?.settings.save(settings(fake.url)).ok).toBe(true)
    const { steps } = await test['settings:test']({ settings: settings(fake.url) }, caller)
    expect(byId(steps).login?.status).toBe('ok')
  })
})

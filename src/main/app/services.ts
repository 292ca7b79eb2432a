import type { SessionState, SettingsResult, SettingsView, SoftphoneConfig } from '../../shared/contract'
import { type MachineSettings, validateSettings, withDefaults } from '../../shared/settings'
import { FloorService } from '../calls/floor-service'
import { IpcRouter } from '../ipc/router'
import { OperatorSession, operatorView } from '../operators/session'
import { visibleDelta, visibleSnapshot } from '../operators/visibility'
import { AMI_ACCOUNT, KeychainUnavailableError, SIP_ACCOUNT, type SecretStore } from '../secrets'
import { floorSourceOf, pbxChanged, softphoneAccountOf, supervisionConfigOf } from '../settings/machine'
import { testConnection } from '../settings/test-connection'
import { publicConfig, credentialsOf, type SoftphoneAccount } from '../softphone/config'
import { digestResponse } from '../softphone/digest'
import { exportSettings, parseSettingsFile, type Store } from '../store'
import { DEFAULT_RING_TIMEOUT_MS, type SupervisionConfig } from '../supervision/plan'
import { SupervisionService } from '../supervision/service'
import { CallLogRecorder, callLogSource } from '../calllog'
import type { DemoPbx } from '../demo-pbx'
import { CustomerNames } from './customer-names'
import { operatorChange } from './operator-change'
import { recordsHandlers } from './records'
import { errorText } from '../../shared/error-text'

/** The lab dialplan the demo speaks: feature codes 555/556/557 + extension in `internal`, outbound prefix 9. */
const DEMO_CODES = { listen: '555', whisper: '556', barge: '557' }
const DEMO_FLOOR_OPTIONS = { featureCodes: DEMO_CODES, outboundPrefix: '9', roster: (extension: string) => !extension.startsWith('2') }

export interface ServicesDeps {
  store: Store
  secrets: SecretStore
  /** Starts the built-in simulated Asterisk ("Try the demo floor"), on demand. */
  startDemoPbx: () => Promise<DemoPbx>
  /** Opens an https page in the OS browser (the Electron shell passes shell.openExternal). */
  openExternal?: (url: string) => Promise<void>
}

export interface EarshotServices {
  router: IpcRouter
  floor: FloorService
  supervision: SupervisionService
  session: OperatorSession
  startDemo(): Promise<void>
  stop(): Promise<void>
}

type Keychain = SessionState['keychain']

/**
 * Composition root shared by the Electron shell and the browser host: the store and keychain it
 * is given, the floor, supervision and operator session over them, and the IPC router whose
 * every channel is checked against the signed-in operator's scopes.
 */
export function createServices(deps: ServicesDeps): EarshotServices {
  const { store, secrets } = deps
  const floor = new FloorService()
  let keychain: Keychain = { available: true, message: null }
  const session = new OperatorSession(store.operators, () => keychain)
  let demo: DemoPbx | null = null
  /** What the floor, supervision and softphone run on: the demo, or this machine's settings. */
  let mode: 'settings' | 'demo' = 'settings'
  let demoSupervision: SupervisionConfig | null = null
  let demoSoftphone: SoftphoneAccount | null = null

  const settings = (): MachineSettings => store.settings.get()
  const region = (): string => settings().records.defaultRegion
  const names = new CustomerNames(store.customers, region)
  /** The call log of the current connection (a new one per PBX, as its options differ). */
  let recorder: CallLogRecorder | null = null
  const tick = setInterval(() => recorder?.tick(), 1000)
  tick.unref()
  const supervisionConfig = (): SupervisionConfig | null => {
    if (mode === 'demo') return demoSupervision
    return floor.source() === null ? null : supervisionConfigOf(settings())
  }
  const softphone = (): SoftphoneAccount | null => (mode === 'demo' ? demoSoftphone : softphoneAccountOf(settings(), secrets))
  const supervision = new SupervisionService({ floor, config: supervisionConfig, operator: () => session.current() })

  const softphoneConfig = (): SoftphoneConfig => publicConfig(softphone(), 'The softphone is not set up: set it in Settings → Softphone, or try the demo floor.')
  const sessions = () => {
    const operator = session.current()
    return { sessions: operator === null ? [] : supervision.sessions(), availability: supervision.availability() }
  }

  /** (Re)connects the floor to the PBX in the settings, or disconnects it when none is set. */
  function connectFromSettings(): void {
    mode = 'settings'
    const source = floorSourceOf(settings(), secrets)
    if (source === null) floor.disconnect()
    else floor.connect(source)
    router.emit('softphone:config', softphoneConfig())
    router.emit('supervision:sessions', sessions())
  }

  async function startDemo(): Promise<void> {
    demo ??= await deps.startDemoPbx()
    const { sip } = demo
    const account = sip.accounts[sip.supervisorExtension]
    if (account === undefined) throw new Error(`The demo PBX has no account for ${sip.supervisorExtension}`)
    mode = 'demo'
    demoSupervision = { method: 'feature-codes', context: 'internal', featureCodes: DEMO_CODES, supervisorExtension: sip.supervisorExtension, ringTimeoutMs: DEFAULT_RING_TIMEOUT_MS }
    demoSoftphone = {
      wsUrl: sip.url,
      extension: sip.supervisorExtension,
      authUser: account.authUser,
      displayName: 'Earshot demo supervisor',
      source: 'demo',
      password: () => Promise.resolve(account.password)
    }
    floor.connect({ kind: 'demo', client: { url: demo.url, username: demo.username, secret: demo.secret }, floor: DEMO_FLOOR_OPTIONS })
    router.emit('softphone:config', softphoneConfig())
    router.emit('supervision:sessions', sessions())
  }

  /** Is the keychain usable? Asked again whenever a password is read or written. */
  async function probeKeychain(): Promise<void> {
    try {
      await secrets.get(AMI_ACCOUNT)
      keychain = { available: true, message: null }
    } catch (error) {
      keychain = { available: false, message: error instanceof KeychainUnavailableError ? error.message : String(error) }
    }
  }

  async function settingsView(): Promise<SettingsView> {
    await probeKeychain()
    const saved = async (account: string): Promise<boolean> => keychain.available && (await secrets.get(account)) !== null
    return { settings: settings(), secrets: { amiPassword: await saved(AMI_ACCOUNT), sipPassword: await saved(SIP_ACCOUNT) }, keychain }
  }

  /** Saves validated settings and applies them at once: the floor reconnects when the PBX side changed. */
  async function applySettings(input: unknown): Promise<SettingsResult> {
    const before = settings()
    const result = store.settings.save(input)
    if (!result.ok) return { ok: false, errors: result.errors }
    if (before.records.defaultRegion !== result.settings.records.defaultRegion) {
      // Numbers written without +country now read differently: match them again.
      store.customers.renormalize(result.settings.records.defaultRegion)
      names.forget()
      floor.republish()
    }
    if (mode === 'settings' ? pbxChanged(before, result.settings) : result.settings.pbx.url !== '') connectFromSettings()
    else router.emit('softphone:config', softphoneConfig())
    router.emit('supervision:sessions', sessions())
    return { ok: true, view: await settingsView() }
  }

  const router = new IpcRouter(
    {
      'floor:snapshot': (_, caller) => {
        const snapshot = floor.snapshot()
        return visibleSnapshot({ ...snapshot, rows: names.enrich(snapshot.rows) }, caller.operator)
      },
      'demo:start': async () => {
        await startDemo()
        return { ok: true as const }
      },
      'supervision:start': (request) => supervision.start(request),
      'supervision:switch': (request) => supervision.switchMode(request),
      'supervision:end': ({ sessionId }) => supervision.end(sessionId),
      'supervision:sessions': () => sessions(),
      'softphone:config': () => softphoneConfig(),
      'softphone:digest': async (challenge) => digestResponse(challenge, await credentialsOf(softphone())),
      'session:current': async () => {
        await probeKeychain()
        return session.state()
      },
      'session:sign-in': ({ operatorId, pin }) => session.signIn(operatorId, pin),
      'session:sign-out': () => session.signOut(),
      'setup:first-admin': (request) => session.firstAdmin(request),
      'operators:list': () => ({ operators: store.operators.list().map(operatorView) }),
      'operators:create': async (request) => {
        const created = operatorView(await store.operators.create(request))
        session.changed()
        return created
      },
      'operators:update': async (request) => {
        const updated = await operatorChange(store.operators, request)
        session.changed()
        return operatorView(updated)
      },
      'operators:remove': ({ id }) => {
        store.operators.remove(id)
        session.changed()
        return { ok: true as const }
      },
      'settings:get': () => settingsView(),
      'settings:save': ({ settings: input }) => applySettings(input),
      'settings:set-secret': async ({ account, value }) => {
        await secrets.set(account === 'ami' ? AMI_ACCOUNT : SIP_ACCOUNT, value)
        // A new AMI password is used by the next connection attempt: reconnect now.
        if (account === 'ami' && mode === 'settings') connectFromSettings()
        return settingsView()
      },
      'settings:test': async ({ settings: input }) => {
        const validated = input === undefined ? { ok: true as const, settings: settings() } : validateSettings(withDefaults(input))
        if (!validated.ok) {
          const [field = '', message = ''] = Object.entries(validated.errors)[0] ?? []
          throw new Error(`Fix the settings first: ${field}: ${message}`)
        }
        const sampleAgent = floor.rows()[0]?.extension ?? null
        return { steps: await testConnection(validated.settings, { secrets, sampleAgent }) }
      },
      'settings:export': () => ({ fileName: 'earshot-settings.json', text: exportSettings(settings()) }),
      'settings:import': ({ text }) => {
        const parsed = parseSettingsFile(text)
        return parsed.ok ? applySettings(parsed.settings) : { ok: false as const, errors: parsed.errors }
      },
      ...recordsHandlers({
        store,
        region,
        crmTemplate: () => settings().records.crmUrlTemplate,
        openExternal: deps.openExternal,
        customersChanged: () => {
          names.forget()
          floor.republish()
        }
      })
    },
    () => session.current()
  )

  // Deltas go out up to 60 times a second: filter them for the operator as of the last sign-in or
  // operator change, not with a database read each time (invokes still check the stored operator).
  let viewer = session.current()
  floor.on('delta', (delta) => router.emit('floor:delta', visibleDelta({ ...delta, rows: names.enrich(delta.rows) }, viewer)))
  // The call log follows the same connection: every event, Earshot's own actions, each resync.
  floor.on('source', (source) => {
    // The previous connection's calls in progress stay saved; the next recorder on it resolves them.
    recorder?.close()
    recorder =
      source === null
        ? null
        : new CallLogRecorder({
            callLog: store.callLog,
            customers: store.customers,
            floor: source.floor,
            region,
            // Calls in progress are saved under the connection's identity, so a call up when Earshot stops is still logged.
            persist: {
              openCalls: store.openCalls,
              source: source.kind === 'demo' && demo !== null ? callLogSource(demo.url, demo.username) : callLogSource(settings().pbx.url, settings().pbx.username)
            },
            onError: (error) => console.error('[call log] a call could not be written:', errorText(error)),
            onSaveError: (error) => console.error('[call log] calls in progress could not be saved:', errorText(error))
          })
  })
  floor.on('event', (message) => recorder?.apply(message))
  floor.on('sent', (message) => recorder?.apply(message))
  floor.on('resynced', (events) => recorder?.resync(events))
  floor.on('status', (status) => {
    router.emit('connection:status', status)
    if (status.state === 'reconnecting' || status.state === 'idle') {
      supervision.connectionLost()
      recorder?.connectionLost()
    }
  })
  floor.on('event', (message) => supervision.apply(message))
  supervision.on('sessions', () => router.emit('supervision:sessions', sessions()))
  supervision.on('record', (record) => store.audit.record(record))
  session.on('change', (state) => {
    viewer = state.operator
    router.emit('session:state', state)
    // Another operator may see other rows, and other sessions.
    floor.republish()
    router.emit('supervision:sessions', sessions())
  })

  void probeKeychain().then(() => {
    if (floor.source() === null && mode === 'settings') connectFromSettings()
  })

  return {
    router,
    floor,
    supervision,
    session,
    startDemo,
    async stop() {
      clearInterval(tick)
      supervision.stop()
      floor.disconnect()
      await demo?.stop()
      demo = null
    }
  }
}

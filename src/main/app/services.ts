import { randomBytes } from 'node:crypto'
import { errorText } from '../../shared/error-text'
import type { MachineSettings } from '../../shared/settings'
import { callLogHandlers } from '../calllog'
import type { FloorService } from '../calls'
import { CustomerNames, customersHandlers } from '../customers'
import { IpcFailure, IpcRouter } from '../ipc'
import type { Operator, SignInState } from '../../shared/contract'
import { type DemoWorkspace, openDemoWorkspace } from './demo-workspace'
import { OperatorSignIn, operatorsHandlers, preferencesView, visibleDelta, visibleSnapshot } from '../operators'
import { KeychainStatus, type SecretStore } from '../secrets'
import type { DemoPbx } from '../demo-pbx'
import { amiConnectionChanged, BoundSecrets, configuredConnection, demoConnection, floorReadingChanged, type PbxConnection, settingsHandlers } from '../settings'
import { softphoneConfig, softphoneHandlers } from '../softphone'
import { type SupervisionService, supervisionHandlers, visibleSessions } from '../supervision'
import { liveCalls } from './live-calls'
import type { Store } from './store'

export interface ServicesDeps {
  store: Store
  secrets: SecretStore
  /** Starts the built-in simulated Asterisk ("Try the demo floor"), on demand. */
  startDemoPbx: () => Promise<DemoPbx>
  /** Opens an https page in the OS browser (the Electron shell passes shell.openExternal). */
  openExternal?: (url: string) => Promise<void>
  /** Security log lines (refused digest challenges); console.warn by default. */
  logSecurity?: (line: string) => void
  /** An ordinary call started or stopped ringing the softphone (the Electron shell asks for attention). */
  ringing?: (ringing: boolean) => void
  /** The wallboard came or went: the Electron shell's window goes full screen; false where there is none. */
  fullScreen?: (on: boolean) => boolean
  /** Raises an OS notification and runs `clicked` when the operator clicks it; false when it cannot. */
  notify?: (notice: { title: string; body: string }, clicked: () => void) => boolean
}

export interface EarshotServices {
  router: IpcRouter
  floor: FloorService
  supervision: SupervisionService
  signIn: OperatorSignIn
  startDemo(): Promise<DemoPbx>
  /** Asks the window to sign the operator out (the tray's Sign out): its own flow, softphone and confirmation included. */
  requestSignOut(): void
  /** Signs the operator out from main, as the page's own sign-out does (the demo is left): for when no page is there to ask. */
  signOut(): Promise<void>
  /**
   * The window closed and Earshot runs on (macOS): its softphone went with it, and Asterisk keeps a
   * leg whose WebSocket closed, so the supervisor's live legs are hung up here.
   */
  windowClosed(): Promise<void>
  /** Asks the window to show or leave the wallboard (View → Wallboard). */
  requestWallboard(): void
  stop(): Promise<void>
}

/**
 * Composition root shared by the Electron shell and the browser host: this computer's workspace
 * (createWorkspace over the store and keychain it is given) and, while someone tries the demo
 * before any admin exists, the demo's throwaway workspace answering in its place.
 */
export function createServices(deps: ServicesDeps): EarshotServices {
  let demo: DemoWorkspace | null = null
  const own = createWorkspace(deps, {
    kind: 'own',
    tryDemo: async () => {
      if (demo !== null) return
      const opened = await openDemoWorkspace(deps, (d) => createWorkspace(d, { kind: 'demo', leave }))
      demo = opened
      own.router.handOver(opened.workspace.router)
      // The renderer follows the demo operator now (signed in before the hand-over, so said again).
      opened.workspace.router.emit('session:state', opened.workspace.signIn.state())
    }
  })
  /** Back to this computer's workspace: the demo's is stopped and its memory store dropped. */
  async function leave(): Promise<SignInState> {
    const closing = demo
    demo = null
    own.router.handOver(null)
    // The demo's operator is gone with it: the page can no longer ask to undo the wallboard's full screen (as at a sign-out).
    deps.fullScreen?.(false)
    own.router.emit('session:state', own.signIn.state())
    await closing?.close()
    return own.signIn.state()
  }
  return {
    ...own,
    async windowClosed() {
      await Promise.all([own.windowClosed(), demo?.workspace.windowClosed()])
    },
    async stop() {
      await demo?.close()
      demo = null
      await own.stop()
    }
  }
}

/** Which workspace: this computer's own (which may open the demo's), or the demo's throwaway one (which leaves). */
type WorkspaceKind = { kind: 'own'; tryDemo: () => Promise<void> } | { kind: 'demo'; leave: () => Promise<SignInState> }

/**
 * One Earshot over one store and keychain: the floor, supervision and operator sign-in over them,
 * and the IPC router whose every channel is checked against the signed-in operator's scopes.
 */
export function createWorkspace(deps: ServicesDeps, role: WorkspaceKind): EarshotServices {
  const { store, secrets } = deps
  const keychain = new KeychainStatus(secrets)
  const signIn = new OperatorSignIn(store.operators, () => keychain.state())
  let demo: DemoPbx | null = null
  /** The demo's connection while the floor is on the demo; null while it follows this machine's settings. */
  let onDemo: PbxConnection | null = null
  const settings = (): MachineSettings => store.settings.get()
  /** The one answer to "which PBX": what the floor, the call log, supervision and the softphone run on. */
  /** Passwords are read for the address they were saved for only (issue 14.5). */
  const bound = new BoundSecrets(secrets, store.settings)
  /**
   * Bumped whenever a SIP password is stored: the softphone's config changes with it, so the
   * softphone registers again with the new password instead of keeping a registration made with
   * the old one (issue 13.4). Per run, so a renderer that outlives a restart of this host sees a
   * change too.
   */
  const sipPasswordRun = randomBytes(4).toString('hex')
  let sipPasswordCount = 0
  const connection = (): PbxConnection => onDemo ?? configuredConnection(settings(), bound, `${sipPasswordRun}.${String(sipPasswordCount)}`)
  const region = (): string => settings().records.defaultRegion
  const names = new CustomerNames(store.customers, region)
  const live = liveCalls({
    store,
    customerOf: names.lookup,
    connection,
    operator: () => signIn.current(),
    status: (status) => router.emit('connection:status', status),
    callLogStatus: (status) => router.emit('calllog:write-status', status)
  })
  const { floor, supervision } = live
  const sessions = () => visibleSessions(supervision, signIn.current())
  /** Customers (or how numbers read) changed: the Customer column may name someone else. */
  const rematch = (): void => {
    names.forget()
    floor.republish()
  }

  /** Puts the floor on a PBX: the demo's connection, or (null) the one in the settings, if any. */
  function use(next: PbxConnection | null): void {
    onDemo = next
    let current: ReturnType<typeof connection>
    try {
      current = connection()
    } catch (failure) {
      // Saved settings that do not read: no floor until an admin saves them again (Settings says what is wrong).
      floor.unusable(errorText(failure))
      return
    }
    const source = current.floor
    if (source === null) floor.disconnect()
    else floor.connect(source)
    publishSoftphoneConfig(current.softphone)
    router.emit('supervision:sessions', sessions())
  }

  /**
   * The softphone's account (address, extension, auth user) to the window, only while someone is
   * signed in: a signed-out window has no softphone, and the sign-in page is no one's to read it.
   * The softphone reads it itself when an operator signs in.
   */
  function publishSoftphoneConfig(account: Parameters<typeof softphoneConfig>[0]): void {
    if (signIn.current() !== null) router.emit('softphone:config', softphoneConfig(account))
  }

  async function startDemo(): Promise<DemoPbx> {
    demo ??= await deps.startDemoPbx()
    use(demoConnection(demo))
    return demo
  }

  /**
   * "Try the demo floor". Before any operator exists, nobody signed in: the demo's throwaway
   * workspace. Otherwise an admin puts this computer's floor on the demo (their data stays theirs).
   */
  async function tryDemo(operator: Operator | null): Promise<void> {
    if (role.kind === 'demo') return
    if (operator === null && store.operators.isFirstRun()) return role.tryDemo()
    if (operator?.scopes.includes('configure-everything') !== true) {
      throw new IpcFailure({ code: 'forbidden', message: operator === null ? 'Sign in first: an administrator starts the demo.' : `${operator.name} may not start the demo floor (configure-everything). Ask an admin.` })
    }
    await startDemo()
  }

  /** "Leave the demo": the demo's workspace goes; on this computer's, the floor goes back to the settings' PBX. */
  async function leaveDemo(operator: Operator | null): Promise<void> {
    if (role.kind === 'demo') {
      await role.leave()
      return
    }
    if (operator?.scopes.includes('configure-everything') !== true) throw new IpcFailure({ code: 'forbidden', message: 'Only an administrator leaves the demo floor.' })
    if (onDemo !== null) use(null)
  }

  /**
   * Saved settings take effect at once. The floor reconnects only when the connection itself
   * changed (address, user, CA; or a PBX saved while on the demo); new feature codes or another
   * choice of agents apply to the live floor as it is, so no save costs a call its exact times.
   */
  function applied(before: MachineSettings, after: MachineSettings, repaired = false): void {
    if (before.records.defaultRegion !== after.records.defaultRegion) {
      // Numbers written without +country now read differently: match them again.
      store.customers.renormalize(after.records.defaultRegion)
      rematch()
    }
    // Settings that did not read had stopped the floor (see `use`): repaired, it starts again.
    if (onDemo === null ? repaired || amiConnectionChanged(before, after) : after.pbx.url !== '') use(null)
    else {
      const source = onDemo === null && floorReadingChanged(before, after) ? connection().floor : null
      if (source !== null) floor.reconfigure(source)
      publishSoftphoneConfig(connection().softphone)
    }
    router.emit('supervision:sessions', sessions())
    const operator = signIn.current()
    if (operator !== null) router.emit('preferences:view', preferencesView(store.preferences, after, operator.id))
  }

  const router = new IpcRouter(
    {
      'floor:snapshot': (_, caller) => {
        const snapshot = floor.snapshot()
        return visibleSnapshot({ ...snapshot, rows: names.enrich(snapshot.rows), queues: names.enrichQueues(snapshot.queues), callLog: live.callLogStatus() }, caller.operator)
      },
      'demo:start': (_, caller) => tryDemo(caller.operator).then(() => ({ ok: true as const })),
      'demo:leave': (_, caller) => leaveDemo(caller.operator).then(() => ({ ok: true as const })),
      ...supervisionHandlers({ service: supervision, sessions, audit: store.audit }),
      ...softphoneHandlers({
        account: () => connection().softphone,
        // A call on the softphone is a channel of its endpoint; a supervision leg counts from its Originate on.
        callsOn: (extension) => floor.callsOn(extension) + supervision.sessions().filter((s) => s.phase !== 'ended' && s.supervisorExtension === extension).length,
        log: deps.logSecurity ?? ((line) => console.warn(line))
      }),
      ...operatorsHandlers({
        signIn,
        operators: store.operators,
        probeKeychain: () => keychain.probe(),
        preferences: store.preferences,
        settings,
        preferencesChanged: (view) => router.emit('preferences:view', view)
      }),
      // The demo's operator signing out leaves the demo: there is nobody else in its workspace.
      ...(role.kind === 'demo' ? { 'session:sign-out': () => role.leave() } : {}),
      ...settingsHandlers({
        repository: store.settings,
        secrets,
        probeKeychain: () => keychain.probe(),
        applied,
        passwordSet: (account) => {
          if (account === 'sip') {
            // The softphone registers again, with the new password.
            sipPasswordCount++
            publishSoftphoneConfig(connection().softphone)
            return
          }
          // A new AMI password is used by the next connection attempt: reconnect now.
          if (onDemo === null) use(null)
        },
        sampleAgent: () => floor.rows()[0]?.extension ?? null
      }),
      ...customersHandlers({
        customers: store.customers,
        callLog: store.callLog,
        liveNumbers: (extension) => floor.rows().filter((r) => r.extension === extension).flatMap((r) => r.calls.flatMap((c) => (c.customer === null ? [] : [c.customer]))),
        region,
        crmTemplate: () => settings().records.crmUrlTemplate,
        openExternal: deps.openExternal,
        changed: rematch
      }),
      ...callLogHandlers({ callLog: store.callLog, audit: store.audit, region }),
      'desktop:ringing': ({ ringing }) => {
        deps.ringing?.(ringing)
        return { ok: true as const }
      },
      'desktop:full-screen': ({ on }) => ({ done: deps.fullScreen?.(on) ?? false }),
      'desktop:notify': ({ id, title, body }) => ({
        shown: deps.notify?.({ title, body }, () => router.emit('desktop:command', { command: 'show-alert', id })) ?? false
      })
    },
    () => signIn.current(),
    { demo: role.kind === 'demo' }
  )

  // Deltas go out up to 60 times a second: filter them for the operator as of the last sign-in or
  // operator change, not with a database read each time (invokes still check the stored operator).
  let viewer = signIn.current()
  floor.on('delta', (delta) => router.emit('floor:delta', visibleDelta({ ...delta, rows: names.enrich(delta.rows), ...(delta.queues === undefined ? {} : { queues: names.enrichQueues(delta.queues) }) }, viewer)))
  supervision.on('sessions', () => router.emit('supervision:sessions', sessions()))
  signIn.on('change', (state) => {
    viewer = state.operator
    // A leg left live would play on into the next operator's headset.
    supervision.endOthers(state.operator?.id ?? null)
    // Signed out from the wallboard: the window's page can no longer ask (it needs an operator).
    if (state.operator === null) deps.fullScreen?.(false)
    router.emit('session:state', state)
    // Another operator may see other rows, and other sessions.
    floor.republish()
    router.emit('supervision:sessions', sessions())
  })

  // Stopped (Earshot quitting during start-up, say) before the probe answers: the store may be closed.
  let stopped = false
  void keychain.probe().then(() => {
    if (!stopped && floor.source() === null && onDemo === null) use(null)
  })

  return {
    router,
    floor,
    supervision,
    signIn,
    startDemo,
    requestSignOut: () => router.emit('desktop:command', { command: 'sign-out' }),
    // Through the router, as the page's own sign-out goes: the demo's router answers while it runs (and leaves it).
    signOut: () =>
      router.invoke('session:sign-out', {}, { origin: 'main (no window to ask)' }).then(
        () => undefined,
        (error: unknown) => console.warn('[session] sign-out from main refused:', errorText(error))
      ),
    requestWallboard: () => router.emit('desktop:command', { command: 'toggle-wallboard' }),
    windowClosed: () => live.hangUpLegs(),
    async stop() {
      stopped = true
      await live.stop()
      await demo?.stop()
      demo = null
    }
  }
}

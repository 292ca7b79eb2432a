import { type JSX, useCallback, useEffect, useMemo, useState } from 'react'
import type { EarshotApi } from '../shared/contract'
import { Wallboard } from './wallboard/Wallboard'
import { useWallboardMode } from './wallboard/useWallboardMode'
import { floorNotLiveReason } from '../shared/floor-live'
import { type FocusRequest, FloorScreen } from './floor/FloorScreen'
import { FloorAlerts } from './alerts/FloorAlerts'
import { MyCallsScreen } from './floor/MyCallsScreen'
import { FloorStore } from './floor/store'
import { FloorEachSecondContext, FloorStoreContext, selectConnection, useFloor, useFloorStore } from './floor/useFloor'
import { connectionSummary } from './shell/connection-words'
import { EmptyState } from './shell/EmptyState'
import { StatusBar } from './shell/StatusBar'
import { countOf } from './shell/pure/words'
import { Toasts } from './shell/Toasts'
import { Topbar } from './shell/Topbar'
import { Welcome } from './welcome/Welcome'
import { LeaveDemoButton } from './demo/LeaveDemo'
import { type Access, AccessContext, accessOf, type AdminActions, AdminActionsContext } from './sign-in/access'
import { AccountBar } from './sign-in/AccountBar'
import { type Page, PageNav, allowedPage } from './shell/PageNav'
import { type SignedIn, SignInGate } from './sign-in/SignInGate'
import { type SettingsPageSection, SettingsPage } from './settings/SettingsPage'
import { SupervisionNotice } from './settings/SupervisionNotice'
import { showToast } from './shell/toasts'
import { IncomingCall } from './softphone/IncomingCall'
import { OrdinaryCallBar } from './softphone/OrdinaryCallBar'
import { Softphone, browserEnv } from './softphone/phone'
import { SoftphoneAudio } from './softphone/SoftphoneAudio'
import { SoftphoneStatus } from './softphone/SoftphoneStatus'
import { SoftphoneContext } from './softphone/useSoftphone'
import { CallBar } from './supervision/CallBar'
import { SupervisionDesk } from './supervision/desk'
import { DeskContext } from './supervision/useDesk'
import { RecordsApiContext } from './records/context'
import { RecordsHost, isRecordsPage } from './records/RecordsHost'
import { ConfirmDialog } from './shell/ConfirmDialog'
import { DesktopConventions } from './shell/DesktopConventions'
import { liveSupervision, signOutQuestion } from './supervision/leave'
import type { SupervisionSession } from '../shared/supervision'

/** The app for the api it is given (preload or browser host): first run, sign-in, then the console. */
export function App({ api }: { api: EarshotApi }): JSX.Element {
  return (
    <SignInGate api={api}>
      {(signedIn) => (
        // A new operator or new scopes: a fresh floor store (main sends the rows this operator may see).
        <OperatorConsole key={`${signedIn.operator.id}|${signedIn.operator.scopes.join(',')}`} api={api} signedIn={signedIn} />
      )}
    </SignInGate>
  )
}

/** One signed-in operator's console: owns the floor store, and says what this operator may do. */
function OperatorConsole({ api, signedIn }: { api: EarshotApi; signedIn: SignedIn }): JSX.Element {
  const [store] = useState(() => new FloorStore(api))
  useEffect(() => store.start(), [store])
  const access = useMemo(() => accessOf(signedIn.operator), [signedIn.operator])
  // The softphone and the supervision desk live as long as this operator's console.
  const [softphone] = useState(() => new Softphone(api, browserEnv(showToast)))
  const [desk] = useState(
    () =>
      new SupervisionDesk(api, softphone, showToast, () => {
        const connection = store.getSnapshot().connection
        return connection === null ? null : floorNotLiveReason(connection)
      })
  )
  useEffect(() => softphone.start(), [softphone])
  useEffect(() => desk.run(), [desk])
  // Signing out during a live supervision call ends the supervisor's leg: asked first (issue 12.3).
  const [question, setQuestion] = useState<{ session: SupervisionSession; answer: (leave: boolean) => void } | null>(null)
  // The softphone unregisters before the operator is signed out: main answers the un-REGISTER's
  // digest challenge only for a signed-in operator, and a registration left behind would ring
  // for nobody (issue 13.3).
  const signedInWithSoftphone = useMemo<SignedIn>(
    () => ({
      ...signedIn,
      signOut: async () => {
        const live = liveSupervision(desk.getSnapshot().sessions)
        if (live !== null) {
          const leave = await new Promise<boolean>((resolve) =>
            setQuestion({
              session: live,
              answer: (yes) => {
                setQuestion(null)
                resolve(yes)
              }
            })
          )
          if (!leave) return false
        }
        await softphone.shutdown()
        const out = await signedIn.signOut()
        if (!out) softphone.start()
        return out
      }
    }),
    [signedIn, softphone, desk]
  )
  return (
    <FloorStoreContext.Provider value={store}>
      <AccessContext.Provider value={access}>
        <SoftphoneContext.Provider value={softphone}>
          <DeskContext.Provider value={desk}>
            <RecordsApiContext.Provider value={api}>
              <Console api={api} signedIn={signedInWithSoftphone} access={access} />
              <DesktopConventions api={api} signOut={signedInWithSoftphone.signOut} />
              {question !== null && (
                <ConfirmDialog {...signOutQuestion(question.session)} onConfirm={() => question.answer(true)} onCancel={() => question.answer(false)} />
              )}
            </RecordsApiContext.Provider>
          </DeskContext.Provider>
        </SoftphoneContext.Provider>
      </AccessContext.Provider>
    </FloorStoreContext.Provider>
  )
}

function Console({ api, signedIn, access }: { api: EarshotApi; signedIn: SignedIn; access: Access }): JSX.Element {
  const store = useFloorStore()
  const phase = useFloor((s) => s.phase)
  const error = useFloor((s) => s.error)
  const everLoaded = useFloor((s) => s.snapshots > 0)
  const connection = useFloor(selectConnection)
  const agents = useFloor((s) => s.rows.size)
  const summary = connectionSummary(phase === 'loading' && !everLoaded ? null : connection)
  const [page, setPage] = useState<Page>('floor')
  const [settingsSection, setSettingsSection] = useState<SettingsPageSection>('pbx')
  const [runTest, setRunTest] = useState(0)
  const admin = useMemo<AdminActions | null>(
    () =>
      access.configure
        ? {
            openTestConnection: () => {
              setSettingsSection('test')
              setRunTest((n) => n + 1)
              setPage('settings')
            },
            openSettings: (section = 'pbx') => {
              setSettingsSection(section)
              setPage('settings')
            }
          }
        : null,
    [access.configure]
  )
  const showing: Page = allowedPage(access, page)
  // Once opened, the settings page stays mounted (hidden while the floor shows): unsaved edits survive a look at the floor.
  const [settingsOpened, setSettingsOpened] = useState(false)
  if (showing === 'settings' && !settingsOpened) setSettingsOpened(true)
  let labelledBy = 'page-title'
  // The wallboard covers the console rather than replacing it: the softphone (a live Listen's audio),
  // the settings page's unsaved edits and everything else stay as they were underneath.
  const wallboard = useWallboardMode(api, access.seeEveryone)
  // A notification's click, whatever the console shows: the floor comes up with that agent's row.
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null)
  const leaveWallboard = wallboard.leave
  const focusAgent = useCallback(
    (extension: string) => {
      setPage('floor')
      leaveWallboard()
      setFocusRequest({ extension })
    },
    [leaveWallboard]
  )
  const focusDone = useCallback(() => setFocusRequest(null), [])

  let body: JSX.Element | null
  if (showing === 'settings') {
    labelledBy = 'settings-title'
    body = null
  } else if (isRecordsPage(showing)) {
    labelledBy = `${showing}-title`
    body = null
  } else if (phase === 'failed' && !everLoaded) {
    labelledBy = 'empty-title'
    body = (
      <EmptyState
        title="Earshot could not load the floor"
        text={error ?? 'The request for the floor failed.'}
        action={{ label: 'Try again', onClick: () => store.requestSnapshot() }}
      />
    )
  } else if (!everLoaded || connection === null) {
    labelledBy = 'empty-title'
    body = <EmptyState title="Loading the floor…" text="Asking Earshot for the agents on the floor." busy />
  } else if (connection.source === 'none' && admin !== null) {
    labelledBy = 'welcome-title'
    body = <Welcome api={api} onDemoStarted={() => store.requestSnapshot()} onOpenSettings={() => admin.openSettings('pbx')} />
  } else if (connection.source === 'none') {
    labelledBy = 'empty-title'
    body = (
      <EmptyState
        title="Earshot is not connected to a PBX yet"
        text="An administrator connects it in Settings. Your calls appear here as soon as it is connected."
      />
    )
  } else {
    body = (
      <>
        <div className="page-heading">
          <h1 id="page-title">{access.seeEveryone ? 'Live floor' : 'My calls'}</h1>
          {connection.source === 'demo' && <span className="source-badge">Demo floor · simulated calls</span>}
          {connection.source === 'demo' && access.configure && (
            <span className="page-heading-actions">
              <LeaveDemoButton api={api} />
            </span>
          )}
        </div>
        {access.seeEveryone ? (
          <>
            <SupervisionNotice api={api} />
            <FloorScreen focusRequest={focusRequest} onFocusDone={focusDone} />
          </>
        ) : (
          <MyCallsScreen extension={signedIn.operator.extension} onCallLog={() => setPage('calllog')} />
        )}
      </>
    )
  }

  return (
    <AdminActionsContext.Provider value={admin}>
      <FloorAlerts active={access.seeEveryone} focus={focusAgent}>
        <FloorEachSecondContext.Provider value={wallboard.on}>
          <div className="shell" inert={wallboard.on}>
            <Topbar
              role={access.seeEveryone ? 'Supervisor console' : null}
              demo={connection?.source === 'demo'}
              connection={summary}
              nav={<PageNav access={access} page={showing} onPage={setPage} />}
              account={<AccountBar operator={signedIn.operator} onSwitch={signedIn.switchOperator} onSignOut={() => void signedIn.signOut()} />}
            />
            <main className="content" aria-labelledby={labelledBy}>
              <CallBar />
              <OrdinaryCallBar />
              {body}
              <RecordsHost page={showing} access={access} />
              {admin !== null && settingsOpened && (
                <div className="settings-host" hidden={showing !== 'settings'}>
                  <SettingsPage
                    api={api}
                    section={settingsSection}
                    onSection={setSettingsSection}
                    currentOperatorId={signedIn.operator.id}
                    runTest={runTest}
                    floorLive={connection !== null && floorNotLiveReason(connection) === null}
                    onDemo={connection?.source === 'demo'}
                  />
                </div>
              )}
            </main>
            <StatusBar
              ami={summary.text}
              // How many agents the floor has; "My calls" shows one line, and counts none.
              detail={access.seeEveryone && everLoaded && connection?.source !== 'none' ? countOf(agents, 'agent') : undefined}
              softphone={<SoftphoneStatus operatorExtension={signedIn.operator.extension} />}
            />
            <IncomingCall />
            <SoftphoneAudio />
            <Toasts />
          </div>
        </FloorEachSecondContext.Provider>
        {wallboard.on && <Wallboard />}
      </FloorAlerts>
    </AdminActionsContext.Provider>
  )
}

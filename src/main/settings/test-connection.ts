/**
 * Test connection: what an admin runs first when something is wrong. Checks, in order, that the
 * PBX answers, TLS and its certificate, the login, each AMI privilege Earshot uses, the feature
 * codes in the dialplan, and the softphone's WebSocket and SIP login — each step with what to
 * change when it fails. One AMI login with events off; every probe is harmless (an Originate
 * without a channel, a Hangup of a channel that cannot exist, a REGISTER that binds nothing).
 */
import WebSocket from 'ws'
import type { TestStep } from '../../shared/contract'
import type { MachineSettings } from '../../shared/settings'
import { type AmiAction, AmiActionError, AmiConnectError, type AmiMessage, type AmiSession, openAmiSession, parseAmiUrl } from '../ami'
import { AMI_ACCOUNT, type SecretStore } from '../secrets'
import { sameAmiAddress } from './bound-secrets'
import { checkSipLogin, type SipLoginOutcome } from '../softphone'
import { chanSpyOptions, checkSpyOptions } from '../supervision'
import { SupervisionMode } from '../../shared/supervision'
import { errorText } from '../../shared/error-text'
import { EARSHOT_PRIVILEGES, managerConfUser } from '../../shared/ami-privileges'

export interface TestConnectionDeps {
  /** The keychain as read for the saved addresses (BoundSecrets): a password saved for another address is refused there. */
  secrets: SecretStore
  /** An agent extension to build a sample feature-code dial from (default: the softphone's). */
  sampleAgent?: string | null
  timeoutMs?: number
  /** The AMI address the keychain's password was saved for (the saved settings'): it is never sent elsewhere. */
  savedUrl?: string
  /** A password typed for this test, used instead of the saved one. */
  typedSecret?: string
  /**
   * The stored SIP password for the softphone address in the form, only if it was saved for that
   * address (BoundSecrets.getFor): null when none is stored, throws (in words) when it belongs to
   * another address. Without it only a typed SIP password is tried.
   */
  sipSecret?: (wsUrl: string) => Promise<string | null>
  /** A SIP password typed for this test, used instead of the stored one. */
  typedSipSecret?: string
}

type Status = TestStep['status']
const step = (id: string, label: string, status: Status, detail: string, fix: string | null = null): TestStep => ({ id, label, status, detail, fix })

const LABELS = {
  settings: 'Settings complete',
  reachable: 'PBX reachable',
  tls: 'TLS handshake and certificate',
  login: 'AMI login',
  privileges: 'AMI privileges',
  'extra-privileges': 'No more write privileges than needed',
  dialplan: 'Feature codes in the dialplan',
  websocket: 'Softphone WebSocket',
  'sip-login': 'Softphone SIP login'
} as const

/** What the probes need, and the manager.conf class that grants each (any one suffices). */
const PROBES: readonly { what: string; classes: readonly string[]; action: AmiAction }[] = [
  { what: 'read the calls (CoreShowChannels)', classes: ['system', 'reporting'], action: { Action: 'CoreShowChannels' } },
  { what: 'read the phones (PJSIPShowEndpoints)', classes: ['system'], action: { Action: 'PJSIPShowEndpoints' } },
  { what: 'start supervision legs (Originate)', classes: ['originate'], action: { Action: 'Originate' } },
  { what: 'end supervision legs (Hangup)', classes: ['system', 'call'], action: { Action: 'Hangup', Channel: 'PJSIP/earshot-privilege-probe-0' } },
  { what: 'check the dialplan (ShowDialPlan)', classes: ['config', 'reporting'], action: { Action: 'ShowDialPlan', Context: 'earshot-privilege-probe' } }
]

const MANAGER_CONF = managerConfUser()

export async function testConnection(settings: MachineSettings, deps: TestConnectionDeps): Promise<TestStep[]> {
  const steps: TestStep[] = []
  const { pbx } = settings
  const skipRest = (from: keyof typeof LABELS, why: string): void => {
    const ids = Object.keys(LABELS) as (keyof typeof LABELS)[]
    const until = from === 'reachable' ? ids.length : ids.indexOf('websocket')
    for (const id of ids.slice(ids.indexOf(from), until)) if (!steps.some((s) => s.id === id)) steps.push(step(id, LABELS[id], 'skipped', why))
  }

  const missing = [pbx.url === '' && 'the AMI address', pbx.username === '' && 'the AMI user'].filter((x): x is string => x !== false)
  let secret: string | null = deps.typedSecret ?? null
  if (secret === null && pbx.url !== '' && deps.savedUrl !== undefined && !sameAmiAddress(deps.savedUrl, pbx.url)) {
    // A changed address in the form must not receive the saved password (it could be anyone's listener).
    const detail = `The saved AMI password is for ${deps.savedUrl} and is not sent to ${pbx.url}. Save the new address and set its AMI password (Settings → PBX), then test again.`
    steps.push(step('settings', LABELS.settings, 'fail', detail))
    skipRest('reachable', 'Needs the password for this address.')
    return steps
  }
  try {
    secret ??= await deps.secrets.get(AMI_ACCOUNT)
  } catch (error) {
    steps.push(step('settings', LABELS.settings, 'fail', errorText(error)))
    skipRest('reachable', 'Needs the AMI password from the keychain.')
    return steps
  }
  if (secret === null) missing.push('the AMI password')
  if (missing.length > 0 || secret === null) {
    steps.push(step('settings', LABELS.settings, 'fail', `Set ${missing.join(', ')} in Settings → PBX.`))
    skipRest('reachable', 'Needs the PBX settings first.')
    return steps
  }
  steps.push(step('settings', LABELS.settings, 'ok', `${pbx.url} as ${pbx.username}; the password is in the keychain.`))

  const endpoint = parseAmiUrl(pbx.url)
  const where = `${endpoint.host}:${endpoint.port}`
  const started = Date.now()
  let session: AmiSession
  try {
    const opened = await openAmiSession(
      { url: pbx.url, username: pbx.username, secret, ...(pbx.caCertificate === null ? {} : { ca: pbx.caCertificate }) },
      { events: false, connectTimeoutMs: deps.timeoutMs ?? 5000, actionTimeoutMs: deps.timeoutMs ?? 5000 }
    )
    session = opened.session
  } catch (error) {
    const kind = error instanceof AmiConnectError ? error.kind : 'protocol'
    const text = errorText(error)
    if (kind === 'unreachable' || kind === 'timeout') {
      steps.push(step('reachable', LABELS.reachable, 'fail', text, `Check the address and port, and that manager.conf has:\n[general]\nenabled = yes\nport = ${endpoint.port}\nbindaddr = 0.0.0.0`))
    } else {
      steps.push(step('reachable', LABELS.reachable, 'ok', `Asterisk answered at ${where}.`))
      if (kind === 'tls') {
        steps.push(step('tls', LABELS.tls, 'fail', text, 'Paste the CA certificate that signed the PBX certificate into Settings → PBX → CA certificate.'))
      } else {
        steps.push(tlsStep(endpoint.secure))
        steps.push(step('login', LABELS.login, 'fail', text, kind === 'credentials' ? `Check the user and password against manager.conf:\n${MANAGER_CONF}` : null))
      }
    }
    skipRest('tls', 'Needs a working AMI login.')
    await softphoneSteps(steps, settings, deps)
    return steps
  }
  try {
    steps.push(step('reachable', LABELS.reachable, 'ok', `Asterisk answered at ${where} (${Date.now() - started} ms including login).`))
    steps.push(tlsStep(endpoint.secure))
    steps.push(step('login', LABELS.login, 'ok', `Logged in as ${pbx.username}.`))
    steps.push(await privilegesStep(session))
    steps.push(await extraPrivilegesStep(session))
    steps.push(await dialplanStep(session, settings, deps.sampleAgent ?? null))
  } finally {
    session.close()
  }
  await softphoneSteps(steps, settings, deps)
  return steps
}

function tlsStep(tls: boolean): TestStep {
  return tls
    ? step('tls', LABELS.tls, 'ok', 'TLS established and the certificate verified for this host name.')
    : step('tls', LABELS.tls, 'warn', 'Plain ami://: the AMI password and every call crosses the network unencrypted. Use amis:// (port 5039) outside a trusted network.')
}

function denied(error: unknown): boolean {
  return error instanceof AmiActionError && /permission denied/i.test(error.message)
}

async function privilegesStep(session: AmiSession): Promise<TestStep> {
  const lacking: string[] = []
  const classes = new Set<string>()
  for (const probe of PROBES) {
    try {
      await session.send(probe.action)
    } catch (error) {
      if (!denied(error)) continue // refused for another reason: the privilege itself is there
      lacking.push(`${probe.what}: needs ${probe.classes.join(' or ')}`)
      classes.add(probe.classes[0] ?? '')
    }
  }
  if (lacking.length === 0) return step('privileges', LABELS.privileges, 'ok', 'Every action Earshot sends is allowed.')
  return step('privileges', LABELS.privileges, 'fail', `Missing write privileges — ${lacking.join('; ')}.`, `In manager.conf, Earshot's user needs at least:\n${MANAGER_CONF}\nthen run: asterisk -rx "manager reload"`)
}

/** What a class lets its holder do, for the classes an AMI user is most often given too many of. */
const REACH: Readonly<Record<string, string>> = {
  command: 'runs any Asterisk CLI command',
  config: 'reads and rewrites the configuration files',
  call: 'redirects, transfers and changes calls',
  agent: 'adds, removes and pauses queue members',
  user: 'sends events to every manager client',
  message: 'sends messages to endpoints',
  dtmf: 'nothing Earshot sends needs it'
}

/**
 * Which write privileges the user holds beyond Earshot's: Asterisk's ListCommands lists every action
 * whose classes meet the user's `write=` (main/manager.c action_listcommands), each with its classes
 * ("(Priv: system,reporting)"). An action listed whose classes are all outside Earshot's proves the
 * user holds one of them. Read privileges Asterisk never tells: they could not be checked.
 */
async function extraPrivilegesStep(session: AmiSession): Promise<TestStep> {
  const readNote = `Read privileges could not be checked (Asterisk does not tell a manager user its read classes): Earshot needs read = ${EARSHOT_PRIVILEGES.read.join(',')}, and no more.`
  let listed: Readonly<Record<string, string | undefined>>
  try {
    const { response } = await session.send({ Action: 'ListCommands' })
    listed = response?.fields ?? {}
  } catch (error) {
    return step('extra-privileges', LABELS['extra-privileges'], 'warn', `Could not be checked: ListCommands failed (${errorText(error)}). ${readNote}`, MANAGER_CONF)
  }
  const needed = new Set<string>(EARSHOT_PRIVILEGES.write)
  const proven = new Set<string>()
  const oneOf: { classes: string[]; action: string }[] = []
  let read = 0
  for (const [action, text] of Object.entries(listed)) {
    const priv = /\(Priv: ([^)]*)\)\s*$/.exec(text ?? '')?.[1]
    if (priv === undefined) continue
    read++
    const classes = priv === '<none>' ? [] : priv.split(',').map((c) => c.trim()).filter((c) => c !== '' && c !== 'all')
    if (classes.length === 0 || classes.some((c) => needed.has(c))) continue
    if (classes.length === 1) proven.add(classes[0] ?? '')
    else oneOf.push({ classes, action })
  }
  if (read === 0) return step('extra-privileges', LABELS['extra-privileges'], 'warn', `Could not be checked: ListCommands listed no actions Earshot could read. ${readNote}`, MANAGER_CONF)
  // "one of config or system" says nothing new once config is proven.
  const unexplained = oneOf.filter((e) => !e.classes.some((c) => proven.has(c)))
  if (proven.size === 0 && unexplained.length === 0) {
    return step('extra-privileges', LABELS['extra-privileges'], 'ok', `Write: only what Earshot needs (${EARSHOT_PRIVILEGES.write.join(',')}), as Asterisk's ListCommands shows. ${readNote}`)
  }
  const named = [...proven].map((c) => (REACH[c] === undefined ? c : `${c} (${REACH[c]})`))
  const parts = [...named, ...unexplained.map((e) => `one of ${e.classes.join(' or ')} (${e.action})`)]
  return step(
    'extra-privileges',
    LABELS['extra-privileges'],
    'warn',
    `The AMI user holds write privileges Earshot does not need: ${parts.join('; ')}. Anyone with this user's password can do that too. Classes no action is registered with alone (such as dtmf) could not be checked. ${readNote}`,
    `In manager.conf, give Earshot's user only:\n${MANAGER_CONF}\nthen run: asterisk -rx "manager reload"`
  )
}

function extensionsConf(settings: MachineSettings): string {
  const { context, featureCodes: c } = settings.pbx
  const line = (code: string, word: string, opts: string): string =>
    `exten => _${code || '<code>'}X.,1,NoOp(Earshot ${word} on PJSIP/\${EXTEN:${(code || '555').length}})\n same => n,Answer()\n same => n,ChanSpy(PJSIP/\${EXTEN:${(code || '555').length}}-,${opts})\n same => n,Hangup()`
  return `[${context}]\n${line(c.listen, 'listen', 'qEd')}\n${line(c.whisper, 'whisper', 'qEdw')}\n${line(c.barge, 'barge', 'qEdB')}`
}

/** Applications after which the rest of the call runs somewhere the extension's own text does not show. */
const ELSEWHERE = /^(goto|gotoif|gotoiftime|gosub|gosubif|macro|macroif|macroexclusive|exec|execif|execiftime|tryexec|agi|eagi|fastagi|deadagi|stasis|while|endwhile|continuewhile|exitwhile)$/i
const SPY_APP = /^(chanspy|extenspy)$/i
/** What each mode's ChanSpy must be run with, for the admin to verify by hand. */
const MUST: Readonly<Record<SupervisionMode, string>> = {
  listen: 'none of w, W or B (nobody may hear the supervisor)',
  whisper: 'w, and neither B nor W',
  barge: 'B, and not W'
}
const MODE_WORD: Readonly<Record<SupervisionMode, string>> = { listen: 'Listen', whisper: 'Whisper', barge: 'Barge' }

/** One feature code's dial, as the dialplan shows it: checked, failed, or could not be checked. */
type CodeCheck = { kind: 'ok'; notes: string[] } | { kind: 'fail'; problems: string[] } | { kind: 'unchecked'; why: string }

function checkCode(mode: SupervisionMode, exten: string, context: string, events: readonly AmiMessage[]): CodeCheck {
  const apps = events.filter((e) => e.fields.Event === 'ListDialplan')
  const spies = apps.filter((e) => SPY_APP.test(e.fields.Application ?? ''))
  const elsewhere = apps.filter((e) => ELSEWHERE.test(e.fields.Application ?? '') || (/^dial$/i.test(e.fields.Application ?? '') && /local\//i.test(e.fields.AppData ?? '')))
  const problems: string[] = []
  const unreadable: string[] = []
  const notes: string[] = []
  for (const spy of spies) {
    const data = spy.fields.AppData ?? ''
    const check = checkSpyOptions(mode, data)
    if (check.verdict === 'fail') problems.push(...check.problems.map((p) => `${p} (${exten}: ${spy.fields.Application ?? ''}(${data}))`))
    else if (check.verdict === 'unreadable') unreadable.push(check.why)
    else notes.push(...check.notes)
  }
  if (problems.length > 0) return { kind: 'fail', problems }
  const verify = `verify by hand (asterisk -rx "dialplan show ${exten}@${context}") that ${MODE_WORD[mode]}'s ChanSpy runs with ${MUST[mode]}`
  if (unreadable.length > 0) return { kind: 'unchecked', why: `${MODE_WORD[mode]} could not be checked: ${unreadable.join('; ')}; ${verify}` }
  if (elsewhere.length > 0) {
    const where = elsewhere.map((e) => `${e.fields.Application ?? ''}(${e.fields.AppData ?? ''})`).join(', ')
    return { kind: 'unchecked', why: `${MODE_WORD[mode]} could not be checked: ${exten} continues in ${where}, which this check cannot follow; ${verify}` }
  }
  if (spies.length === 0) return { kind: 'fail', problems: [`${mode}: ${exten} exists but does not run ChanSpy`] }
  return { kind: 'ok', notes }
}

async function dialplanStep(session: AmiSession, settings: MachineSettings, sampleAgent: string | null): Promise<TestStep> {
  const { method, context, featureCodes } = settings.pbx
  if (method === 'chanspy') return directChanSpyStep()
  const modes = SupervisionMode.options.filter((m) => featureCodes[m] !== '')
  if (modes.length < 3) {
    return step('dialplan', LABELS.dialplan, 'warn', 'Not all three feature codes are set, so Listen, Whisper and Barge are hidden. Set them, or choose direct ChanSpy.', extensionsConf(settings))
  }
  const agent = sampleAgent ?? (settings.softphone.extension || '1001')
  const problems: string[] = []
  const unchecked: string[] = []
  const notes: string[] = []
  for (const mode of modes) {
    const exten = `${featureCodes[mode]}${agent}`
    let events: readonly AmiMessage[]
    try {
      events = (await session.send({ Action: 'ShowDialPlan', Context: context, Extension: exten })).events
    } catch (error) {
      problems.push(`${mode}: ${exten} is not in context ${context} (${errorText(error)})`)
      continue
    }
    const check = checkCode(mode, exten, context, events)
    if (check.kind === 'fail') problems.push(...check.problems)
    else if (check.kind === 'unchecked') unchecked.push(check.why)
    else notes.push(...check.notes)
  }
  if (problems.length > 0) return step('dialplan', LABELS.dialplan, 'fail', `${[...problems, ...unchecked].join('; ')}.`, extensionsConf(settings))
  if (unchecked.length > 0) return step('dialplan', LABELS.dialplan, 'warn', `${[...unchecked, ...notes].join('; ')}.`, extensionsConf(settings))
  if (notes.length > 0) return step('dialplan', LABELS.dialplan, 'warn', `The codes work; ${notes.join('; ')}.`, extensionsConf(settings))
  return step('dialplan', LABELS.dialplan, 'ok', `${modes.map((m) => featureCodes[m]).join(', ')} + extension run ChanSpy in ${context}, each with exactly its mode's options (Listen: no w, W or B; Whisper: w; Barge: B).`)
}

/** Direct ChanSpy: Earshot writes the options itself; the check is that each mode's are right. */
function directChanSpyStep(): TestStep {
  const wrong = SupervisionMode.options.flatMap((mode) => {
    const check = checkSpyOptions(mode, `PJSIP/1001-00000001,${chanSpyOptions(mode)}`)
    return check.verdict === 'ok' ? [] : [check.verdict === 'fail' ? check.problems.join('; ') : check.why]
  })
  if (wrong.length > 0) return step('dialplan', LABELS.dialplan, 'fail', `Earshot's own ChanSpy options are wrong: ${wrong.join('; ')}.`)
  return step('dialplan', LABELS.dialplan, 'ok', `Direct ChanSpy needs no feature codes: Earshot runs ChanSpy on the exact agent channel with ${SupervisionMode.options.map((m) => `${chanSpyOptions(m)} for ${MODE_WORD[m]}`).join(', ')}.`)
}

async function softphoneSteps(steps: TestStep[], settings: MachineSettings, deps: TestConnectionDeps): Promise<void> {
  const { wsUrl, extension } = settings.softphone
  if (wsUrl === '' || extension === '') {
    steps.push(step('websocket', LABELS.websocket, 'skipped', 'Set the softphone WebSocket address and extension in Settings → Softphone.'))
    steps.push(step('sip-login', LABELS['sip-login'], 'skipped', 'Needs the softphone settings.'))
    return
  }
  const ws = await probeWebSocket(wsUrl)
  steps.push(
    ws === null
      ? step('websocket', LABELS.websocket, 'ok', `${wsUrl} accepts SIP over WebSocket.`)
      : step('websocket', LABELS.websocket, 'fail', ws, 'Asterisk serves SIP over WebSocket from http.conf (enabled = yes, tlsenable = yes for wss) and a pjsip.conf transport with protocol = wss.')
  )
  if (ws !== null) {
    steps.push(step('sip-login', LABELS['sip-login'], 'skipped', 'Needs the softphone WebSocket.'))
    return
  }
  steps.push(await sipLoginStep(settings, deps))
}

/** The SIP login could not be tried: a warning saying why, never a pass. */
const notChecked = (why: string): TestStep => step('sip-login', LABELS['sip-login'], 'warn', `Not checked: ${why}`)

/**
 * The credentials in the form, tried at the address in the form: a REGISTER without a Contact
 * (a query: nothing is bound or removed), its challenge answered with the SIP password typed for
 * the test or the one stored for this very address. Never passed on anything but the PBX's 200.
 */
async function sipLoginStep(settings: MachineSettings, deps: TestConnectionDeps): Promise<TestStep> {
  const { wsUrl, extension } = settings.softphone
  const authUser = settings.softphone.authUser === '' ? extension : settings.softphone.authUser
  let password: string | null = deps.typedSipSecret ?? null
  if (password === null && deps.sipSecret !== undefined) {
    try {
      password = await deps.sipSecret(wsUrl)
    } catch (error) {
      return notChecked(errorText(error))
    }
  }
  if (password === null) return step('sip-login', LABELS['sip-login'], 'fail', `No SIP password is set for extension ${extension}: set it in Settings → Softphone; the softphone cannot register without it.`)
  const outcome = await checkSipLogin({ wsUrl, extension, authUser, password, ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }) })
  return sipLoginResult(outcome, extension, authUser)
}

function sipLoginResult(outcome: SipLoginOutcome, extension: string, authUser: string): TestStep {
  const who = authUser === extension ? `extension ${extension}` : `extension ${extension} (authentication user ${authUser})`
  const registered = (n: number): string => `${n === 0 ? 'No phone is' : n === 1 ? 'One phone is' : `${String(n)} phones are`} registered on ${extension} now.`
  const auth = `[${authUser}]\ntype = auth\nauth_type = userpass\nusername = ${authUser}\npassword = <the SIP password>`
  const pjsip = `The endpoint's auth in pjsip.conf must match:\n${auth}`
  switch (outcome.kind) {
    case 'accepted':
      return step('sip-login', LABELS['sip-login'], 'ok', `The PBX accepted ${who} with this password (a registration query: it adds or removes no registration). ${registered(outcome.contacts)}`)
    case 'unchallenged':
      return step(
        'sip-login',
        LABELS['sip-login'],
        'warn',
        `Not checked: the PBX registers ${who} without asking for a password, so the password was not tried — and anyone who reaches the PBX could register as ${extension} and receive your Listen, Whisper and Barge calls. ${registered(outcome.contacts)}`,
        `Give the endpoint an auth in pjsip.conf:\n[${extension}]\ntype = endpoint\nauth = ${authUser}\n\n${auth}`
      )
    case 'refused': {
      const what = `${String(outcome.status)} ${outcome.reason}`.trim()
      const detail =
        outcome.status === 401 || outcome.status === 407
          ? `The PBX refused the password of ${who} (${what}): the softphone cannot register with it. Set the SIP password again (Settings → Softphone).`
          : outcome.status === 404
            ? `The PBX has no ${extension} to register for ${who} (${what}): check the extension and the authentication user.`
            : `The PBX refused to register ${who} (${what}).`
      return step('sip-login', LABELS['sip-login'], 'fail', detail, pjsip)
    }
    case 'unanswerable':
      return step('sip-login', LABELS['sip-login'], 'fail', `The PBX asks for a digest Earshot cannot answer (${outcome.offered}): the softphone answers MD5 digests only, so it cannot register. Allow MD5 for this endpoint's auth.`)
    case 'unknown':
      return notChecked(`${outcome.why}. Whether the PBX accepts the password of ${who} is not known.`)
  }
}

/** null when the server accepted a `sip` WebSocket; otherwise why not. */
function probeWebSocket(url: string): Promise<string | null> {
  return new Promise((resolve) => {
    let ws: WebSocket
    try {
      ws = new WebSocket(url, 'sip', { handshakeTimeout: 5000 })
    } catch (error) {
      resolve(errorText(error))
      return
    }
    ws.once('open', () => {
      ws.close()
      resolve(ws.protocol === 'sip' ? null : 'The server accepted the WebSocket but not the sip subprotocol: is this the PBX SIP WebSocket (path /ws)?')
    })
    ws.once('error', (error) => resolve(`Cannot open ${url}: ${error.message}`))
  })
}

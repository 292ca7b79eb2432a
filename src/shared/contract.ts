/**
 * The IPC contract: every channel between main and renderer, in one place. Main validates every
 * payload against these schemas (src/main/ipc/router.ts); the preload and the browser host only
 * forward; the renderer gets the inferred types. Nothing here ever carries a secret.
 */
import { z } from 'zod'
import { AgentRow } from './floor'
import { CallLogEntry, CallLogFilter, CallLogPage, CallLogSummary, CsvMapping, CsvPreview, Customer, CustomerList, ImportResult } from './records'
import { MachineSettings, Scope } from './settings'
import { SupervisionMode, SupervisionSession } from './supervision'

/** Where the floor comes from and how that connection is doing. */
export const ConnectionStatus = z.object({
  source: z.enum(['none', 'pbx', 'demo']),
  state: z.enum(['idle', 'connecting', 'live', 'reconnecting', 'stopped']),
  /** What went wrong last, in words (never a secret). */
  message: z.string().nullable(),
  /** Epoch ms of the next attempt while reconnecting. */
  retryAt: z.number().nullable(),
  /** True when the rows on screen may be out of date (not live). */
  stale: z.boolean()
})
export type ConnectionStatus = z.infer<typeof ConnectionStatus>

/** The whole floor: sent on load and whenever the renderer sees a gap in delta sequence numbers. */
export const FloorSnapshot = z.object({
  seq: z.number().int().nonnegative(),
  rows: z.array(AgentRow),
  connection: ConnectionStatus,
  /** Main's clock when the snapshot was made, so the renderer can correct its own clock. */
  serverTime: z.number()
})
export type FloorSnapshot = z.infer<typeof FloorSnapshot>

/** Rows changed since `seq - 1` (at most one per animation frame, coalescing many AMI events). */
export const FloorDelta = z.object({
  seq: z.number().int().positive(),
  rows: z.array(AgentRow),
  removed: z.array(z.string())
})
export type FloorDelta = z.infer<typeof FloorDelta>

const Empty = z.object({}).strict()
const Ok = z.object({ ok: z.literal(true) })

/**
 * Supervision sessions of this machine (live ones and those ended in the last minutes), and
 * whether Listen/Whisper/Barge can be offered at all (not when no feature codes are set and
 * direct ChanSpy is not chosen; `reason` is the one line admins see).
 */
export const SupervisionSessions = z.object({
  sessions: z.array(SupervisionSession),
  availability: z.object({ available: z.boolean(), reason: z.string().nullable() })
})
export type SupervisionSessions = z.infer<typeof SupervisionSessions>

const SessionId = z.string().min(1).max(64)

/** The switch main chose: DTMF the softphone sends on the leg, or a new leg main originated. */
export const SupervisionSwitch = z.union([
  z.object({ how: z.literal('dtmf'), digit: z.enum(['4', '5', '6']), session: SupervisionSession }),
  z.object({ how: z.literal('re-originate'), session: SupervisionSession })
])
export type SupervisionSwitch = z.infer<typeof SupervisionSwitch>

/**
 * What the renderer's softphone needs to register: never a password. Main answers each digest
 * challenge itself (`softphone:digest`), so the SIP password stays in main.
 */
export const SoftphoneConfig = z.union([
  z.object({
    configured: z.literal(true),
    /** `wss://pbx:8089/ws` (or `ws://` to this computer only). */
    wsUrl: z.string(),
    extension: z.string(),
    /** The AOR's host part: `sip:<extension>@<domain>`. */
    domain: z.string(),
    authUser: z.string(),
    displayName: z.string(),
    source: z.enum(['demo', 'settings'])
  }),
  z.object({ configured: z.literal(false), reason: z.string() })
])
export type SoftphoneConfig = z.infer<typeof SoftphoneConfig>

/**
 * Who may call a channel. public: anyone, even before signing in (sign-in, first run);
 * operator: any signed-in operator; the two scopes: operators holding that scope.
 */
export const Access = z.enum(['public', 'operator', 'see-everyone', 'configure-everything'])
export type Access = z.infer<typeof Access>

/** A local operator profile (never its PIN hash). */
export const Operator = z.object({ id: z.string(), name: z.string(), extension: z.string(), scopes: z.array(Scope) })
export type Operator = z.infer<typeof Operator>

/** The machine's sign-in state, and whether its keychain can hold the passwords. */
export const SessionState = z.object({
  /** No operator exists yet: the first-run wizard creates the admin. */
  firstRun: z.boolean(),
  operator: Operator.nullable(),
  /** Whom the sign-in screen offers (names only). */
  operators: z.array(z.object({ id: z.string(), name: z.string() })),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() })
})
export type SessionState = z.infer<typeof SessionState>

const Pin = z.string().regex(/^\d{4,12}$/)

/** Settings as the settings page sees them: which passwords are saved, never the passwords. */
export const SettingsView = z.object({
  settings: MachineSettings,
  secrets: z.object({ amiPassword: z.boolean(), sipPassword: z.boolean() }),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() })
})
export type SettingsView = z.infer<typeof SettingsView>

/** Saving or importing: the applied view, or a sentence per field path (`pbx.url`). */
export const SettingsResult = z.union([
  z.object({ ok: z.literal(true), view: SettingsView }),
  z.object({ ok: z.literal(false), errors: z.record(z.string(), z.string()) })
])
export type SettingsResult = z.infer<typeof SettingsResult>

/** One line of Test connection: what was checked, how it went, and what to change when it failed. */
export const TestStep = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail', 'skipped']),
  detail: z.string(),
  /** Ready-to-paste fix (a manager.conf line, a dialplan snippet), when there is one. */
  fix: z.string().nullable()
})
export type TestStep = z.infer<typeof TestStep>

/** A customer's record as the Customer column opens it: the record (or none), and calls with that number. */
export const CustomerCard = z.object({
  /** The number asked about, and its E.164 form (null for an extension or garbage). */
  number: z.string().nullable(),
  e164: z.string().nullable(),
  customer: Customer.nullable(),
  recentCalls: z.array(CallLogSummary),
  /** The CRM page for this number (records.crmUrlTemplate), when one is set. */
  crmUrl: z.string().nullable()
})
export type CustomerCard = z.infer<typeof CustomerCard>

/** A file main made for the renderer to offer as a download (CSV, settings). */
const FileOut = z.object({ fileName: z.string(), text: z.string() })
const Id = z.string().min(1).max(64)
/** Longest imported file text (customers CSV/vCard), in UTF-16 code units. */
export const MAX_FILE_TEXT_CHARS = 20_000_000
const FileText = z.string().max(MAX_FILE_TEXT_CHARS)

/** Supervision audit filter: by operator, agent, date range. */
export const AuditFilter = z
  .object({
    operatorId: Id.optional(),
    agentExtension: z.string().max(80).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    limit: z.number().int().min(1).max(1000).optional()
  })
  .strict()
export type AuditFilter = z.infer<typeof AuditFilter>

export const AuditEntry = SupervisionSession.pick({
  id: true,
  operator: true,
  supervisorExtension: true,
  agentExtension: true,
  agentName: true,
  agentChannel: true,
  callId: true,
  customer: true,
  method: true,
  startedAt: true,
  endedAt: true,
  modes: true
}).extend({ endReason: z.string().nullable() })
export type AuditEntry = z.infer<typeof AuditEntry>

const Token = z.string().min(1).max(256)

/** One RFC 7616/2617 digest challenge to answer, with the request it is for. */
export const DigestChallenge = z.object({
  realm: Token,
  nonce: Token,
  opaque: Token.nullable(),
  algorithm: z.enum(['MD5']),
  qop: z.enum(['auth']).nullable(),
  method: z.enum(['REGISTER', 'INVITE', 'BYE', 'INFO', 'OPTIONS', 'UPDATE', 'MESSAGE', 'SUBSCRIBE', 'NOTIFY', 'REFER', 'PRACK', 'ACK', 'CANCEL']),
  uri: z.string().min(1).max(512),
  /** Client nonce and nonce count, chosen by the softphone (needed with qop=auth). */
  cnonce: z.string().regex(/^[0-9A-Za-z]{8,64}$/),
  nc: z.string().regex(/^[0-9a-f]{8}$/)
})
export type DigestChallenge = z.infer<typeof DigestChallenge>

/** Request/response channels: renderer asks, main answers. */
export const invokeContract = {
  'floor:snapshot': { access: 'operator', request: Empty, response: FloorSnapshot },
  /** Start the built-in demo PBX and show its floor ("Try the demo floor"). */
  'demo:start': { access: 'configure-everything', request: Empty, response: Ok },
  /** Listen / Whisper / Barge on an agent's call: main originates the supervisor's leg. */
  'supervision:start': {
    access: 'configure-everything',
    request: z.object({ agentExtension: z.string().min(1).max(64), callId: z.string().min(1).max(64), mode: SupervisionMode }).strict(),
    response: SupervisionSession
  },
  /** Change mode in-call; `canSendDtmf` false makes main re-originate instead. */
  'supervision:switch': {
    access: 'configure-everything',
    request: z.object({ sessionId: SessionId, mode: SupervisionMode, canSendDtmf: z.boolean() }).strict(),
    response: SupervisionSwitch
  },
  /** End the supervisor's leg only (the agent's call is never touched). */
  'supervision:end': { access: 'configure-everything', request: z.object({ sessionId: SessionId }).strict(), response: SupervisionSession },
  'supervision:sessions': { access: 'operator', request: Empty, response: SupervisionSessions },
  'softphone:config': { access: 'operator', request: Empty, response: SoftphoneConfig },
  /** The `response` hash for one digest challenge, computed in main with the keychain's SIP password. */
  'softphone:digest': { access: 'operator', request: DigestChallenge.strict(), response: z.object({ username: z.string(), response: z.string() }) },
  'session:current': { access: 'public', request: Empty, response: SessionState },
  /** Signs in (or switches to) an operator with their PIN. */
  'session:sign-in': { access: 'public', request: z.object({ operatorId: z.string().min(1).max(64), pin: Pin }).strict(), response: SessionState },
  'session:sign-out': { access: 'operator', request: Empty, response: SessionState },
  /** First run only: creates the first operator, who holds both scopes, and signs them in. */
  'setup:first-admin': {
    access: 'public',
    request: z.object({ name: z.string().min(1).max(60), extension: z.string().min(1).max(40), pin: Pin }).strict(),
    response: SessionState
  },
  'operators:list': { access: 'configure-everything', request: Empty, response: z.object({ operators: z.array(Operator) }) },
  'operators:create': {
    access: 'configure-everything',
    request: z.object({ name: z.string().max(60), extension: z.string().max(40), scopes: z.array(Scope), pin: Pin }).strict(),
    response: Operator
  },
  'operators:update': {
    access: 'configure-everything',
    request: z
      .object({ id: z.string().min(1).max(64), name: z.string().max(60).optional(), extension: z.string().max(40).optional(), scopes: z.array(Scope).optional(), pin: Pin.optional() })
      .strict(),
    response: Operator
  },
  'operators:remove': { access: 'configure-everything', request: z.object({ id: z.string().min(1).max(64) }).strict(), response: Ok },
  'settings:get': { access: 'configure-everything', request: Empty, response: SettingsView },
  /** Validated in main, field by field; applied at once (the floor reconnects when the PBX changed). */
  'settings:save': { access: 'configure-everything', request: z.object({ settings: z.unknown() }).strict(), response: SettingsResult },
  /** Stores a password in the OS keychain. Passwords only ever travel renderer → main. */
  'settings:set-secret': {
    access: 'configure-everything',
    request: z.object({ account: z.enum(['ami', 'sip']), value: z.string().min(1).max(256) }).strict(),
    response: SettingsView
  },
  /** Test connection, step by step, with the given (possibly unsaved) settings and the saved passwords. */
  'settings:test': { access: 'configure-everything', request: z.object({ settings: z.unknown().optional() }).strict(), response: z.object({ steps: z.array(TestStep) }) },
  'settings:export': { access: 'configure-everything', request: Empty, response: z.object({ fileName: z.string(), text: z.string() }) },
  'settings:import': { access: 'configure-everything', request: z.object({ text: z.string().max(1_000_000) }).strict(), response: SettingsResult },
  /** The Customer cell's click: the record matching a number (or none, to create one), with recent calls. */
  'customers:card': { access: 'operator', request: z.object({ number: z.string().max(50).nullable(), customerId: Id.nullable() }).strict(), response: CustomerCard },
  'customers:search': { access: 'operator', request: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(200).optional(), offset: z.number().int().nonnegative().optional() }).strict(), response: CustomerList },
  /** Create (no id) or update a customer; bad fields come back as field errors. */
  'customers:save': {
    access: 'operator',
    request: z.object({ id: Id.nullable(), input: z.unknown() }).strict(),
    response: z.union([z.object({ ok: z.literal(true), customer: Customer }), z.object({ ok: z.literal(false), errors: z.record(z.string(), z.string()) })])
  },
  'customers:delete': { access: 'configure-everything', request: z.object({ id: Id }).strict(), response: Ok },
  'customers:import-preview': { access: 'configure-everything', request: z.object({ text: FileText }).strict(), response: CsvPreview },
  /** One transaction: good rows imported, bad rows reported with their line. */
  'customers:import-csv': { access: 'configure-everything', request: z.object({ text: FileText, mapping: CsvMapping }).strict(), response: ImportResult },
  'customers:import-vcard': { access: 'configure-everything', request: z.object({ text: FileText }).strict(), response: ImportResult },
  'customers:export': { access: 'configure-everything', request: Empty, response: FileOut },
  /** Opens the CRM page for a number in the default browser (https only); returns where. */
  'customers:open-crm': { access: 'operator', request: z.object({ number: z.string().min(1).max(50) }).strict(), response: z.object({ url: z.string(), opened: z.boolean() }) },
  /** Completed calls, newest first. Without see-everyone, only the operator's own. */
  'calllog:list': { access: 'operator', request: CallLogFilter, response: CallLogPage },
  'calllog:get': { access: 'operator', request: z.object({ id: Id }).strict(), response: CallLogEntry },
  'calllog:export': { access: 'operator', request: CallLogFilter, response: FileOut },
  'audit:list': { access: 'configure-everything', request: AuditFilter, response: z.object({ entries: z.array(AuditEntry) }) },
  'audit:export': { access: 'configure-everything', request: AuditFilter, response: FileOut }
} as const

/** Streams: main pushes, the renderer listens. */
export const streamContract = {
  'floor:delta': FloorDelta,
  'connection:status': ConnectionStatus,
  'supervision:sessions': SupervisionSessions,
  'softphone:config': SoftphoneConfig,
  'session:state': SessionState
} as const

export type InvokeChannel = keyof typeof invokeContract
export type StreamChannel = keyof typeof streamContract
export type InvokeRequest<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['request']>
export type InvokeResponse<C extends InvokeChannel> = z.infer<(typeof invokeContract)[C]['response']>
export type StreamPayload<S extends StreamChannel> = z.infer<(typeof streamContract)[S]>

export const INVOKE_CHANNELS = Object.keys(invokeContract) as InvokeChannel[]
export const STREAM_CHANNELS = Object.keys(streamContract) as StreamChannel[]

/** What the renderer sees as `window.earshot` (Electron preload) or builds over the browser host's WebSocket. */
export interface EarshotApi {
  invoke<C extends InvokeChannel>(channel: C, request: InvokeRequest<C>): Promise<InvokeResponse<C>>
  /** Subscribes to a stream; returns the unsubscribe function. */
  on<S extends StreamChannel>(channel: S, listener: (payload: StreamPayload<S>) => void): () => void
}

/** How an IPC failure reaches the renderer: a code it can act on and words it can show. */
export const IpcError = z.object({
  code: z.enum(['invalid-request', 'forbidden', 'unknown-channel', 'failed']),
  message: z.string()
})
export type IpcError = z.infer<typeof IpcError>

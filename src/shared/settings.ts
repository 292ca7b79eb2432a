/**
 * The machine's settings: what Earshot needs to reach the PBX, register its softphone, choose the
 * agents on the floor and look up customer records. Shared by main (which stores them) and the
 * renderer (which edits them). No field here is a secret: the AMI and SIP passwords live in the OS
 * keychain (src/main/secrets), so a settings export can be mailed to a colleague as it is.
 *
 * An empty string means "not set yet" for the connection fields, so a half-filled form can be saved
 * and a fresh install validates.
 */
import { isSupportedCountry } from 'libphonenumber-js'
import { z } from 'zod'
import { SupervisionMethod, SupervisionMode } from './supervision'

/**
 * What an operator may do beyond watching their own floor. Supervise comes as one scope per mode
 * (as Genesys has Monitor, Coach and Barge), so a team lead can coach without the settings page;
 * configure-everything implies all three (see `supervisionModes`).
 */
export const Scope = z.enum(['see-everyone', 'supervise:listen', 'supervise:whisper', 'supervise:barge', 'configure-everything'])
export type Scope = z.infer<typeof Scope>

/** The supervise scope of each mode. */
export const SUPERVISE_SCOPE: Readonly<Record<SupervisionMode, Scope>> = {
  listen: 'supervise:listen',
  whisper: 'supervise:whisper',
  barge: 'supervise:barge'
}

/** The modes these scopes allow: all three with configure-everything, else each one held. The one rule main and the UI share. */
export function supervisionModes(scopes: readonly Scope[]): SupervisionMode[] {
  const admin = scopes.includes('configure-everything')
  return SupervisionMode.options.filter((mode) => admin || scopes.includes(SUPERVISE_SCOPE[mode]))
}

const AMI_USAGE = 'Use ami://host:5038 or amis://host:5039 (TLS)'
const AMI_ADDRESS = /^(?<scheme>[A-Za-z][A-Za-z0-9+.-]*):\/\/(?<rest>.*)$/s
const AMI_AUTHORITY = /^(?<host>\[[^\]]*\]|[^/:?#]*)(?::(?<port>[^/?#]*))?(?<tail>.*)$/s
const HOST_NAME = /^[A-Za-z0-9._-]+$/
/** Loose on purpose: Node's `net.isIPv6` does the real check when main connects. */
const IPV6 = /^[0-9A-Fa-f:.]+$/

/** Why `url` is not an AMI address, or null when it is one. Mirrors src/main/ami/url.ts, without Node. */
export function amiUrlProblem(url: string): string | null {
  const address = AMI_ADDRESS.exec(url.trim())
  if (address === null) return `This is not an AMI address. ${AMI_USAGE}.`
  const scheme = address.groups?.scheme?.toLowerCase()
  if (scheme !== 'ami' && scheme !== 'amis') return `Earshot talks to Asterisk over ami:// or amis:// only. ${AMI_USAGE}.`
  const rest = address.groups?.rest ?? ''
  if (/@/.test(rest.split(/[/?#]/)[0] ?? '')) return 'Put the AMI username in its own field and the secret in the keychain, not in the address.'
  const authority = AMI_AUTHORITY.exec(rest)
  const host = authority?.groups?.host ?? ''
  const port = authority?.groups?.port
  const tail = authority?.groups?.tail ?? ''
  const bracketed = host.startsWith('[')
  if (bracketed ? !(IPV6.test(host.slice(1, -1)) && host.includes(':')) : !HOST_NAME.test(host)) {
    return `The address has no valid host name or IP address. ${AMI_USAGE}.`
  }
  if (port !== undefined && !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    return `The port must be a number from 1 to 65535. ${AMI_USAGE}.`
  }
  if (tail !== '' && tail !== '/') return `The address must not have a path, query or fragment. ${AMI_USAGE}.`
  return null
}

/** `ws://` is plain text on the wire, so only this computer may be reached with it. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase()
  return host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

export function softphoneUrlProblem(url: string): string | null {
  const usage = 'Use the PBX WebSocket address, e.g. wss://pbx.example.com:8089/ws'
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return `This is not a WebSocket address. ${usage}.`
  }
  if (parsed.protocol !== 'wss:' && parsed.protocol !== 'ws:') return `The softphone connects over wss:// (or ws:// to this computer). ${usage}.`
  if (parsed.username !== '' || parsed.password !== '') return 'Put the SIP user in its own field and the password in the keychain, not in the address.'
  if (parsed.hostname === '') return `The address has no host. ${usage}.`
  if (parsed.port === '0') return `The port must be a number from 1 to 65535. ${usage}.`
  if (parsed.hash !== '') return `The address must not have a #fragment. ${usage}.`
  if (parsed.protocol === 'ws:' && !isLoopbackHost(parsed.hostname)) {
    return 'ws:// is allowed only to this computer (127.0.0.1, ::1 or localhost); use wss:// for a PBX on the network.'
  }
  return null
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([A-Za-z0-9+/=\r\n]+?)\r?\n?-----END \1-----/g

/** A CA file is one or more PEM certificates; anything else (above all a private key) is refused. */
export function pemProblem(text: string): string | null {
  const usage = 'Paste the CA certificate as PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----.'
  if (/PRIVATE KEY-----/.test(text)) return 'This is a private key, not a certificate. Earshot needs only the CA certificate, and never stores private keys.'
  if (text.length > 256 * 1024) return 'This is too long for a CA certificate (256 KB at most).'
  const blocks = [...text.matchAll(PEM_BLOCK)]
  for (const [, label = '', body = ''] of blocks) {
    if (label !== 'CERTIFICATE') return `This holds a ${label.toLowerCase().slice(0, 30)}, not a certificate. ${usage}`
    if (body.replace(/\s/g, '').length < 64) return `The certificate's text is cut short. ${usage}`
  }
  const outside = text.replace(PEM_BLOCK, '').trim()
  return blocks.length === 0 || outside !== '' ? usage : null
}

/** Asterisk extension pattern (without regexes): digits, X = 0-9, Z = 1-9, N = 2-9, [1-5] sets, and a final '.' or '!'. */
const EXTENSION_PATTERN = /^_?(?:[0-9*#+]|[XxZzNn]|\[(?:[0-9](?:-[0-9])?)+\])+[.!]?$/

/** Turns an agent pattern like `1XXX` or `_2NX.` into a matcher for extensions. */
export function extensionMatcher(pattern: string): (extension: string) => boolean {
  if (!EXTENSION_PATTERN.test(pattern)) throw new Error(`Not an extension pattern: ${JSON.stringify(pattern)}`)
  let source = ''
  for (const token of pattern.replace(/^_/, '').match(/\[[^\]]*\]|./g) ?? []) {
    if (token.startsWith('[')) source += token
    else if (/[Xx]/.test(token)) source += '[0-9]'
    else if (/[Zz]/.test(token)) source += '[1-9]'
    else if (/[Nn]/.test(token)) source += '[2-9]'
    else if (token === '.') source += '.+'
    else if (token === '!') source += '.*'
    else source += /[0-9]/.test(token) ? token : `\\${token}`
  }
  const regex = new RegExp(`^${source}$`)
  return (extension) => regex.test(extension)
}

const NO_CONTROLS = /^[^\p{Cc}]*$/u
const EXTENSION = /^[A-Za-z0-9_.+-]{1,40}$/
const EXTENSION_MESSAGE = 'Use the extension as the PBX names it: letters, digits, _ . + or - (e.g. 1001).'
/** A SIP endpoint / dialplan extension as the PBX names it. */
export const SipExtension = z.string().regex(EXTENSION, { error: EXTENSION_MESSAGE })
const OptionalExtension = z.string().regex(new RegExp(`^$|${EXTENSION.source}`), { error: `${EXTENSION_MESSAGE} Leave it empty if not set yet.` })

const FeatureCode = z
  .string()
  .regex(/^[0-9*#]{0,20}$/, { error: 'Use only digits, * and # (at most 20, e.g. *222), or leave it empty if the PBX has none.' })

const FeatureCodes = z
  .strictObject({ listen: FeatureCode, whisper: FeatureCode, barge: FeatureCode })
  .superRefine((codes, ctx) => {
    const seen = new Map<string, string>()
    for (const mode of ['listen', 'whisper', 'barge'] as const) {
      const code = codes[mode]
      if (code === '') continue
      const other = seen.get(code)
      if (other !== undefined) ctx.addIssue({ code: 'custom', path: [mode], message: `This is the same code as ${other}; each mode needs its own code.` })
      else seen.set(code, mode)
    }
  })

export const PbxSettings = z.strictObject({
  url: z.string().superRefine((url, ctx) => {
    const problem = url === '' ? null : amiUrlProblem(url)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  }),
  username: z.string().regex(/^$|^[^\s[\];,=]{1,80}$/, {
    error: "Use the [section] name of Earshot's user in manager.conf: no spaces, brackets, ; , or = (80 characters at most)."
  }),
  caCertificate: z
    .string()
    .nullable()
    .superRefine((pem, ctx) => {
      const problem = pem === null ? null : pemProblem(pem)
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
    }),
  context: z.string().regex(/^[A-Za-z0-9_.-]{1,79}$/, {
    error: "Use the dialplan context's name (letters, digits, _ . or -, e.g. internal) where Earshot may place its calls."
  }),
  method: SupervisionMethod,
  featureCodes: FeatureCodes
})
export type PbxSettings = z.infer<typeof PbxSettings>

export const SoftphoneSettings = z.strictObject({
  wsUrl: z.string().superRefine((url, ctx) => {
    const problem = url === '' ? null : softphoneUrlProblem(url)
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
  }),
  extension: OptionalExtension,
  authUser: z.string().regex(/^$|^[A-Za-z0-9_.+@-]{1,80}$/, {
    error: 'Use the SIP authentication user as the PBX names it (letters, digits, _ . + @ or -), or leave it empty to use the extension.'
  }),
  displayName: z
    .string()
    .max(80, { error: 'Keep the display name to 80 characters.' })
    .regex(/^[^"\p{Cc}]*$/u, { error: 'The display name cannot contain double quotes or control characters.' })
})
export type SoftphoneSettings = z.infer<typeof SoftphoneSettings>

export const QueueName = z.string().regex(/^[^\s,;|[\]\p{Cc}]{1,80}$/u, { error: 'Use the queue name as in queues.conf (no spaces, commas or brackets).' })

export const AgentSelection = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('all') }),
    z.strictObject({
      kind: z.literal('pattern'),
      pattern: z.string().regex(EXTENSION_PATTERN, {
        error: "Use an Asterisk-style pattern: digits, X (any digit), Z (1-9), N (2-9), [1-5] for a range, and '.' at the end for anything after, e.g. 1XXX."
      })
    }),
    z.strictObject({
      kind: z.literal('queues'),
      queues: z
        .array(QueueName)
        .min(1, { error: 'Choose at least one queue, or show all agents.' })
        .refine((queues) => new Set(queues).size === queues.length, { error: 'Each queue should be listed once.' })
    })
  ],
  { error: "Choose which agents to show: 'all', 'pattern' (by extension) or 'queues'." }
)
export type AgentSelection = z.infer<typeof AgentSelection>

export const FloorSettings = z.strictObject({
  agents: AgentSelection,
  hidden: z.array(SipExtension).refine((list) => new Set(list).size === list.length, { error: 'Each hidden extension should be listed once.' })
})
export type FloorSettings = z.infer<typeof FloorSettings>

const TEMPLATE_USAGE = 'Use a https:// address with {e164} where the number goes, e.g. https://crm.example.com/search?phone={e164}'

export const RecordsSettings = z.strictObject({
  defaultRegion: z.string().superRefine((region, ctx) => {
    if (!/^[A-Z]{2}$/.test(region)) ctx.addIssue({ code: 'custom', message: 'Use a two-letter country code in capitals, such as GB, US or DE.' })
    else if (!isSupportedCountry(region)) ctx.addIssue({ code: 'custom', message: `${region} is not a country code Earshot knows; use one such as GB, US or DE.` })
  }),
  crmUrlTemplate: z
    .string()
    .nullable()
    .superRefine((template, ctx) => {
      if (template === null) return
      const problem = crmTemplateProblem(template)
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
    })
})
export type RecordsSettings = z.infer<typeof RecordsSettings>

function crmTemplateProblem(template: string): string | null {
  if (!template.includes('{e164}')) return `The address must contain {e164}, where Earshot puts the customer's number. ${TEMPLATE_USAGE}.`
  const unknown = /\{(?!e164\})[^}]*\}/.exec(template)
  if (unknown !== null) return `Only {e164} can be filled in; remove ${unknown[0].slice(0, 30)}. ${TEMPLATE_USAGE}.`
  if (!NO_CONTROLS.test(template) || /\s/.test(template)) return `The address cannot contain spaces. ${TEMPLATE_USAGE}.`
  let parsed: URL
  try {
    parsed = new URL(template.replaceAll('{e164}', '%2B442070000000'))
  } catch {
    return `This is not a web address. ${TEMPLATE_USAGE}.`
  }
  if (parsed.protocol !== 'https:') return `Customer records open over https:// only. ${TEMPLATE_USAGE}.`
  if (parsed.username !== '' || parsed.password !== '') return 'Do not put a user name or password in the CRM address.'
  return null
}

const UPDATES_USAGE = 'Use the https:// address of the folder holding latest.yml, e.g. https://updates.example.com/earshot/'

/**
 * Why `url` is not an update feed Earshot may follow, or null. The desktop app downloads and runs
 * what this address serves, so it is https only, with no credentials, query or fragment.
 */
export function updateUrlProblem(url: string): string | null {
  if (!NO_CONTROLS.test(url) || /\s/.test(url)) return `The address cannot contain spaces. ${UPDATES_USAGE}.`
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `This is not a web address. ${UPDATES_USAGE}.`
  }
  if (parsed.protocol !== 'https:') return `Updates are downloaded over https:// only. ${UPDATES_USAGE}.`
  if (parsed.username !== '' || parsed.password !== '') return 'Do not put a user name or password in the update address.'
  if (parsed.search !== '' || parsed.hash !== '') return `The address must not have a ?query or #fragment. ${UPDATES_USAGE}.`
  return null
}

/** Auto-update of the desktop app: off until an admin sets where releases are published. */
export const UpdatesSettings = z.strictObject({
  url: z
    .string()
    .nullable()
    .superRefine((url, ctx) => {
      const problem = url === null ? null : updateUrlProblem(url)
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem })
    })
})
export type UpdatesSettings = z.infer<typeof UpdatesSettings>

const Seconds = (most: number, what: string) =>
  z
    .number({ error: `Give the ${what} in whole seconds, or turn it off.` })
    .int({ error: `Give the ${what} in whole seconds.` })
    .min(1, { error: `The ${what} must be at least 1 second.` })
    .max(most, { error: `The ${what} can be at most ${most} seconds.` })
    .nullable()

export const PauseReason = z
  .string()
  .trim()
  .min(1, { error: 'Name the pause reason as agents give it (e.g. lunch).' })
  .max(80, { error: 'Keep the pause reason to 80 characters.' })
  .regex(/^[^\p{Cc}]*$/u, { error: 'The pause reason cannot contain control characters.' })

/** How a pause reason is matched, by the alerts and between lists: "Lunch " is "lunch". */
export const pauseReasonKey = (reason: string): string => reason.trim().toLowerCase()

/**
 * When a row or a queue needs a supervisor's attention. Each threshold is off when null. Seconds
 * everywhere (the settings page shows minutes where that reads better). `pauseReasons` is a list,
 * not a map, so settings defaults never re-add a reason an admin removed.
 */
export const AlertThresholds = z.strictObject({
  longCallSeconds: Seconds(86_400, 'long call threshold'),
  longHoldSeconds: Seconds(86_400, 'long hold threshold'),
  /** Any pause whose reason has no threshold of its own. */
  longPauseSeconds: Seconds(86_400, 'long pause threshold'),
  pauseReasons: z
    .array(z.strictObject({ reason: PauseReason, seconds: Seconds(86_400, 'pause threshold').unwrap() }))
    .max(50, { error: 'At most 50 pause reasons can have their own threshold.' })
    .refine((list) => new Set(list.map((r) => pauseReasonKey(r.reason))).size === list.length, { error: 'Each pause reason should be listed once.' }),
  queueWaitSeconds: Seconds(86_400, 'queue wait threshold'),
  /** Calls offered to an agent and not answered, in a row. */
  unansweredRings: z.number().int().min(1).max(100).nullable(),
  /** An agent who is a member of a queue goes offline. */
  offlineInQueue: z.boolean()
})
export type AlertThresholds = z.infer<typeof AlertThresholds>

const TeamName = z
  .string()
  .trim()
  .min(1, { error: 'Name the team.' })
  .max(60, { error: 'Keep the team name to 60 characters.' })
  .regex(/^[^\p{Cc}]*$/u, { error: 'The team name cannot contain control characters.' })

/** A named group of agents, by extension or as the members of one queue. */
export const Team = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('extensions'),
      name: TeamName,
      extensions: z
        .array(SipExtension)
        .min(1, { error: 'Add at least one extension to the team.' })
        .refine((list) => new Set(list).size === list.length, { error: 'Each extension should be listed once.' })
    }),
    z.strictObject({ kind: z.literal('queue'), name: TeamName, queue: QueueName })
  ],
  { error: "A team is either 'extensions' (listed agents) or 'queue' (the members of one queue)." }
)
export type Team = z.infer<typeof Team>

export const TeamsSettings = z.strictObject({
  teams: z
    .array(Team)
    .max(200, { error: 'At most 200 teams.' })
    .refine((list) => new Set(list.map((t) => t.name.toLowerCase())).size === list.length, { error: 'Each team needs its own name.' })
})
export type TeamsSettings = z.infer<typeof TeamsSettings>

/** The wallboard is seen across the room: customers' numbers stay off it unless an admin allows them. */
export const WallboardSettings = z.strictObject({ showCustomerNumbers: z.boolean() })
export type WallboardSettings = z.infer<typeof WallboardSettings>

export const MachineSettings = z.strictObject({
  pbx: PbxSettings,
  softphone: SoftphoneSettings,
  floor: FloorSettings,
  records: RecordsSettings,
  updates: UpdatesSettings,
  alerts: AlertThresholds,
  teams: TeamsSettings,
  wallboard: WallboardSettings
})
export type MachineSettings = z.infer<typeof MachineSettings>
export type SettingsSection = keyof MachineSettings
export const SETTINGS_SECTIONS: readonly SettingsSection[] = ['pbx', 'softphone', 'floor', 'records', 'updates', 'alerts', 'teams', 'wallboard']

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) for (const child of Object.values(value)) deepFreeze(child)
  return Object.freeze(value)
}

/** A fresh install: nothing to connect to yet, every agent shown, numbers read as British. */
export const DEFAULT_SETTINGS: MachineSettings = deepFreeze({
  pbx: {
    url: '',
    username: '',
    caCertificate: null,
    context: 'internal',
    method: 'feature-codes',
    featureCodes: { listen: '', whisper: '', barge: '' }
  },
  softphone: { wsUrl: '', extension: '', authUser: '', displayName: '' },
  floor: { agents: { kind: 'all' }, hidden: [] },
  records: { defaultRegion: 'GB', crmUrlTemplate: null },
  updates: { url: null },
  alerts: {
    longCallSeconds: 20 * 60,
    longHoldSeconds: 3 * 60,
    longPauseSeconds: 20 * 60,
    pauseReasons: [
      { reason: 'lunch', seconds: 60 * 60 },
      { reason: 'break', seconds: 15 * 60 }
    ],
    queueWaitSeconds: 60,
    unansweredRings: 3,
    offlineInQueue: true
  },
  teams: { teams: [] },
  wallboard: { showCustomerNumbers: false }
} satisfies MachineSettings)

export type SettingsErrors = Record<string, string>
export type SettingsValidation = { ok: true; settings: MachineSettings } | { ok: false; errors: SettingsErrors }

/** Sentences for the issues a schema does not word itself (wrong types, missing keys, enums): pass as zod's `error`. */
export function issueSentence(issue: z.core.$ZodRawIssue): string {
  if (issue.code === 'invalid_type') {
    if (issue.input === undefined) return 'This setting is missing.'
    if (issue.expected === 'string') return 'This must be text.'
    if (issue.expected === 'array') return 'This must be a list.'
    if (issue.expected === 'object') return 'This must be a group of settings.'
    return `This must be of type ${issue.expected}.`
  }
  if (issue.code === 'invalid_value') return `Choose one of: ${issue.values.map(String).join(', ')}.`
  return 'This value is not valid.'
}

/** Validates anything (a form, a stored row, an imported file) into settings or errors by dotted path. */
export function validateSettings(input: unknown): SettingsValidation {
  const result = MachineSettings.safeParse(input, { error: issueSentence })
  if (result.success) return { ok: true, settings: result.data }
  const errors: SettingsErrors = {}
  for (const issue of result.error.issues) {
    const path = issue.path.map(String)
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) errors[[...path, key].join('.')] ??= `Earshot has no setting called '${key.slice(0, 40)}'.`
    } else {
      errors[path.join('.')] ??= issue.message
    }
  }
  return { ok: false, errors }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Fills keys missing from stored or imported settings (written by an older Earshot) with defaults.
 * Unknown keys are kept, so validation names them; a `{ kind }` choice is taken whole, never mixed.
 */
export function withDefaults(partial: unknown, defaults: unknown = DEFAULT_SETTINGS): unknown {
  if (partial === undefined) return defaults
  if (!isPlainObject(defaults) || 'kind' in defaults || !isPlainObject(partial)) return partial
  const merged: Record<string, unknown> = { ...partial }
  for (const [key, value] of Object.entries(defaults)) merged[key] = withDefaults(partial[key], value)
  return merged
}

/**
 * Does saving `after` over `before` reconnect the floor? Only a change of the connection itself —
 * the AMI address, user or CA — does (a new password reconnects when it is set). The rest of a
 * save applies to the live floor as it is, so no save costs a call in progress its exact times.
 */
export function amiConnectionChanged(before: MachineSettings, after: MachineSettings): boolean {
  return before.pbx.url !== after.pbx.url || before.pbx.username !== after.pbx.username || before.pbx.caCertificate !== after.pbx.caCertificate
}

/**
 * The least AMI privileges Earshot needs, derived from what it sends and what it reads: the one
 * source of the `manager.conf` lines the "Connect to your PBX" panel, the README and Test
 * connection show, and of what Test connection calls more than needed.
 *
 * Asterisk (main/manager.c) lets an action through when the user's `write=` holds any one of the
 * classes it was registered with (none: any logged-in user), and sends an event only to users whose
 * `read=` holds one of the event's classes (its `Privilege:` header).
 */

/** manager.conf classes that allow each action Earshot sends (Asterisk 22's registrations). */
export const ACTION_WRITE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  // The floor's snapshot (src/main/calls/live-floor.ts) and who the PBX is (pbx-identity.ts).
  CoreShowChannels: ['system', 'reporting'],
  BridgeList: [],
  PJSIPShowEndpoints: ['system'],
  PJSIPShowContacts: ['system'],
  QueueStatus: [],
  CoreSettings: ['system', 'reporting'],
  CoreStatus: ['system', 'reporting'],
  // Exact answer times after a reconnect (the CDR's billsec).
  Getvar: ['call', 'reporting'],
  // Supervision: the supervisor's leg, and ending it. An Originate running an application needs
  // `system` too only for System/Exec/AGI-like applications; ChanSpy is not one of them.
  Originate: ['originate'],
  Hangup: ['system', 'call'],
  // Test connection: the feature codes in the dialplan, and which actions this user may send.
  ShowDialPlan: ['config', 'reporting'],
  ListCommands: [],
  Ping: []
}

/**
 * Events the calls model folds, by the read class Asterisk sends them under (from the captures'
 * `Privilege:` headers). Newexten (`dialplan`) is left out on purpose: it is one event per
 * dialplan step of every call, and CoreShowChannel already tells which application a leg runs.
 */
export const EVENT_READ_CLASSES: Readonly<Record<string, string>> = {
  Newchannel: 'call',
  Hangup: 'call',
  Hold: 'call',
  Unhold: 'call',
  BridgeEnter: 'call',
  BridgeLeave: 'call',
  DialBegin: 'call',
  DialState: 'call',
  DialEnd: 'call',
  BlindTransfer: 'call',
  AttendedTransfer: 'call',
  ChanSpyStart: 'call',
  ChanSpyStop: 'call',
  OriginateResponse: 'call',
  AgentCalled: 'agent',
  QueueCallerAbandon: 'agent',
  QueueMemberStatus: 'agent',
  QueueMemberPause: 'agent',
  QueueMemberAdded: 'agent',
  QueueMemberRemoved: 'agent',
  ContactStatus: 'system',
  Shutdown: 'system',
  DTMFEnd: 'dtmf'
}

/** Every class Asterisk 22 knows (main/manager.c `perms`, without `all`). */
export const AMI_CLASSES = [
  'system', 'call', 'log', 'verbose', 'command', 'agent', 'user', 'config', 'dtmf', 'reporting', 'cdr', 'dialplan', 'originate', 'agi', 'cc', 'aoc', 'test', 'security', 'message'
] as const

/**
 * How much each class lets its holder do, least first: when several would do, the least is
 * chosen. `command` runs any CLI command and `system` reloads or restarts Asterisk.
 */
const REACH: readonly string[] = ['reporting', 'dtmf', 'agent', 'call', 'originate', 'config', 'system']

/**
 * The fewest write classes that allow every action (any one of an action's classes suffices);
 * among as few, the least reaching. A small set cover, solved exactly: the candidates are few.
 */
export function leastWriteClasses(actions: Readonly<Record<string, readonly string[]>> = ACTION_WRITE_CLASSES): string[] {
  const needs = Object.values(actions).filter((classes) => classes.length > 0)
  const candidates = [...new Set(needs.flat())].sort((a, b) => reach(a) - reach(b))
  let best: string[] | null = null
  for (let mask = 0; mask < 1 << candidates.length; mask++) {
    const chosen = candidates.filter((_, i) => (mask & (1 << i)) !== 0)
    if (!needs.every((classes) => classes.some((c) => chosen.includes(c)))) continue
    if (best === null || chosen.length < best.length || (chosen.length === best.length && lessReaching(chosen, best))) best = chosen
  }
  return best ?? []
}

function reach(cls: string): number {
  const at = REACH.indexOf(cls)
  return at === -1 ? REACH.length : at
}

/** Of two sets as large: the one whose most reaching class reaches less (then the next one, and so on). */
function lessReaching(a: readonly string[], b: readonly string[]): boolean {
  const ra = a.map(reach).sort((x, y) => y - x)
  const rb = b.map(reach).sort((x, y) => y - x)
  const at = ra.findIndex((r, i) => r !== rb[i])
  return at !== -1 && (ra[at] ?? 0) < (rb[at] ?? 0)
}

/** The read classes of every event Earshot folds, in the order AMI_CLASSES lists them. */
export function neededReadClasses(events: Readonly<Record<string, string>> = EVENT_READ_CLASSES): string[] {
  const used = new Set(Object.values(events))
  return AMI_CLASSES.filter((c) => used.has(c))
}

/** Earshot's least privileges, in manager.conf's order. */
export const EARSHOT_PRIVILEGES = {
  read: neededReadClasses(),
  write: AMI_CLASSES.filter((c) => leastWriteClasses().includes(c))
} as const

/** The `[earshot]` section to paste into /etc/asterisk/manager.conf. */
export function managerConfUser(options: { user?: string; permit?: string } = {}): string {
  return [
    `[${options.user ?? 'earshot'}]`,
    'secret = <a long random secret>',
    'deny = 0.0.0.0/0.0.0.0',
    `permit = ${options.permit ?? '192.0.2.0/255.255.255.0'}   ; the supervisors' workstations`,
    `read = ${EARSHOT_PRIVILEGES.read.join(',')}`,
    `write = ${EARSHOT_PRIVILEGES.write.join(',')}`,
    'writetimeout = 1000'
  ].join('\n')
}

/**
 * How Asterisk 22 decides what a manager user may do, for the demo's AMI: the classes each action
 * is registered with (a subset of main/manager.c, main/pbx.c, main/manager_bridges.c,
 * apps/app_queue.c, res/res_pjsip and apps/app_mixmonitor.c registrations, with their synopses),
 * the rule that lets an action through (`write=` holds any one of its classes, or it has none),
 * and ListCommands, which lists exactly the actions the rule lets through, each with its classes.
 */
/** Action → [classes, synopsis], as `manager show commands` lists them. */
const ACTIONS: Readonly<Record<string, readonly [string, string]>> = {
  Ping: ['', 'Keepalive command.'],
  Events: ['', 'Control Event Flow.'],
  Logoff: ['', 'Logoff Manager.'],
  Login: ['', 'Login Manager.'],
  Challenge: ['', 'Generate Challenge for MD5 Auth.'],
  ListCommands: ['', 'List available manager commands.'],
  WaitEvent: ['', 'Wait for an event to occur.'],
  Hangup: ['system,call', 'Hangup channel.'],
  Status: ['system,call,reporting', 'List channel status.'],
  Setvar: ['call', 'Sets a channel variable or function value.'],
  Getvar: ['call,reporting', 'Gets a channel variable or function value.'],
  GetConfig: ['system,config', 'Retrieve configuration.'],
  UpdateConfig: ['config', 'Update basic configuration.'],
  CreateConfig: ['config', 'Creates an empty file in the configuration directory.'],
  ListCategories: ['config', 'List categories in configuration file.'],
  Redirect: ['call', 'Redirect (transfer) a call.'],
  Atxfer: ['call', 'Attended transfer.'],
  BlindTransfer: ['call', 'Blind transfer channel(s) to the given destination'],
  Originate: ['originate', 'Originate a call.'],
  Command: ['command', 'Execute Asterisk CLI Command.'],
  ExtensionState: ['call,reporting', 'Check Extension Status.'],
  AbsoluteTimeout: ['system,call', 'Set absolute timeout.'],
  MailboxCount: ['call,reporting', 'Check Mailbox Message Count.'],
  SendText: ['call', 'Sends a text message to channel. A content type can be optionally specified. If not set it is set to an empty string allowing a custom handler to default it as it sees fit.'],
  UserEvent: ['user', 'Send an arbitrary event.'],
  CoreSettings: ['system,reporting', 'Show PBX core settings (version etc).'],
  CoreStatus: ['system,reporting', 'Show PBX core status variables.'],
  Reload: ['system,config', 'Send a reload event.'],
  LoggerRotate: ['system,reporting', 'Reload and rotate the Asterisk logger.'],
  CoreShowChannels: ['system,reporting', 'List currently active channels.'],
  ModuleLoad: ['system', 'Module management.'],
  PlayDTMF: ['call', 'Play DTMF signal on a specific channel.'],
  ShowDialPlan: ['config,reporting', 'Show dialplan contexts and extensions'],
  ExtensionStateList: ['call,reporting', 'List the current known extension states.'],
  DeviceStateList: ['call,reporting', 'List the current known device states.'],
  BridgeList: ['', 'Get a list of bridges in the system.'],
  BridgeInfo: ['', 'Get information about a bridge.'],
  QueueStatus: ['', 'Show queue status.'],
  QueueSummary: ['', 'Show queue summary.'],
  QueuePause: ['agent', 'Makes a queue member temporarily unavailable.'],
  QueueAdd: ['agent', 'Add interface to queue.'],
  QueueRemove: ['agent', 'Remove interface from queue.'],
  PJSIPShowEndpoints: ['system', 'Lists PJSIP endpoints.'],
  PJSIPShowContacts: ['system', 'Lists ContactStatuses for PJSIP endpoints.'],
  MixMonitor: ['system', 'Record a call and mix the audio during the recording.  Use of StopMixMonitor is required to guarantee the audio file is available for processing during dialplan execution.'],
  MessageSend: ['message', 'Send an out of call message to an endpoint.']
}

const BY_LOWER = new Map(Object.entries(ACTIONS).map(([name, [classes]]) => [name.toLowerCase(), classes === '' ? [] : classes.split(',')]))

/** May a user with these write classes send `action`? Actions the table does not know are let through (the demo answers "Invalid/unknown command"). */
export function mayWrite(action: string, write: ReadonlySet<string>): boolean {
  const classes = BY_LOWER.get(action.toLowerCase())
  return classes === undefined || classes.length === 0 || classes.some((c) => write.has(c))
}

/** Does an event with this `Privilege:` header reach a user with these read classes? */
export function mayRead(privilege: string | undefined, read: ReadonlySet<string>): boolean {
  if (privilege === undefined) return true
  return privilege.split(',').some((c) => c !== 'all' && read.has(c))
}

/** ListCommands' answer fields: `Name: Synopsis (Priv: classes)` for each action the user may send (main/manager.c action_listcommands). */
export function listCommands(write: ReadonlySet<string>): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [name, [classes, synopsis]] of Object.entries(ACTIONS)) {
    if (mayWrite(name, write)) fields[name] = `${synopsis} (Priv: ${classes === '' ? '<none>' : classes})`
  }
  return fields
}

/** Every class (main/manager.c `perms` but `all`), as `read = all` / `write = all` grant. */
export const ALL_CLASSES: readonly string[] = [
  'system', 'call', 'log', 'verbose', 'command', 'agent', 'user', 'config', 'dtmf', 'reporting', 'cdr', 'dialplan', 'originate', 'agi', 'cc', 'aoc', 'test', 'security', 'message'
]

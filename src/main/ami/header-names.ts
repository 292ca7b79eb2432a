/**
 * The header names Asterisk 22 sends (every name in the recorded traces), held as canonical strings.
 * The decoder hands these out instead of slicing a fresh key per header line: a busy floor decodes
 * millions of lines that use about 150 names, so this saves an allocation per line, and a canonical
 * (internalized) key makes the message's field index cheap to build, its hash being cached.
 * A name not listed is simply sliced, as before: this is a speed-up, never a filter.
 */

/** The fields Asterisk's channel snapshot writes, once per channel in an event under a prefix. */
const CHANNEL_BLOCK = [
  'Channel', 'ChannelState', 'ChannelStateDesc', 'CallerIDNum', 'CallerIDName', 'ConnectedLineNum', 'ConnectedLineName',
  'Language', 'AccountCode', 'Context', 'Exten', 'Priority', 'Uniqueid', 'Linkedid'
]
const CHANNEL_PREFIXES = ['', 'Dest', 'LocalOne', 'LocalTwo', 'Spyer', 'Spyee', 'OrigTransferer', 'SecondTransferer', 'Transferee', 'TransferTarget']

/** The fields of a bridge snapshot, likewise prefixed. */
const BRIDGE_BLOCK = ['BridgeUniqueid', 'BridgeType', 'BridgeTechnology', 'BridgeCreator', 'BridgeName', 'BridgeNumChannels', 'BridgeVideoSourceMode']
const BRIDGE_PREFIXES = ['', 'Orig', 'Second', 'Dest']

const OTHER_NAMES = [
  'Event', 'Privilege', 'Response', 'ActionID', 'Message', 'EventList', 'ListItems', 'Device', 'State', 'Status', 'StatusText',
  'Queue', 'To', 'From', 'MES', 'SSRC', 'PT', 'ReportCount', 'Report0SourceSSRC', 'Report0FractionLost', 'Report0CumulativeLost',
  'Report0HighestSequence', 'Report0SequenceNumberCycles', 'Report0IAJitter', 'Report0LSR', 'Report0DLSR', 'SentNTP', 'SentRTP',
  'SentPackets', 'SentOctets', 'RTT', 'StateInterface', 'Membership', 'Penalty', 'CallsTaken', 'LastCall', 'LastPause', 'LoginTime',
  'InCall', 'Paused', 'PausedReason', 'Wrapuptime', 'Ringinuse', 'MemberName', 'Interface', 'Cause', 'Cause-txt', 'TechCause',
  'Hint', 'ObjectType', 'ObjectName', 'Name', 'Location', 'CID-CallingPres', 'Transport', 'Aor', 'AOR', 'Auths', 'OutboundAuths',
  'Contacts', 'DeviceState', 'ActiveChannels', 'RoundtripUsec', 'ViaAddr', 'ViaPort', 'QualifyTimeout', 'Qualify2xxOnly', 'CallId',
  'RegServer', 'PruneOnBoot', 'Path', 'Endpoint', 'EndpointName', 'AuthenticateQualify', 'Uri', 'URI', 'QualifyFrequency', 'UserAgent',
  'ExpirationTime', 'OutboundProxy', 'ContactStatus', 'DialStatus', 'DialString', 'TalkTime', 'HoldTime', 'Holdtime', 'RingTime',
  'Position', 'OriginalPosition', 'Reason', 'Count', 'Max', 'Strategy', 'Calls', 'Completed', 'Abandoned', 'ServiceLevel',
  'ServicelevelPerf', 'ServicelevelPerf2', 'Weight', 'LocalOptimization', 'Class', 'Uptime', 'LastReload', 'ChannelType', 'Peer',
  'PeerStatus', 'Wait', 'LoggedIn', 'Available', 'Callers', 'LongestHoldTime', 'MusicClass', 'Shutdown', 'Restart', 'SwapUniqueid',
  'Result', 'IsExternal', 'DestType', 'Application', 'AppData', 'Duration', 'BridgeId', 'Variable', 'Value', 'Digit', 'Direction',
  'DurationMs', 'Output', 'Ping', 'Timestamp'
]

/** Names by length and first character, so a line is compared with a handful of names at most. */
const LONGEST = 64
// Preallocated and filled, so the table stays a flat array (sparse writes would make it a dictionary).
const BY_SHAPE: (string[] | undefined)[] = new Array<string[] | undefined>(LONGEST * 128).fill(undefined)
const names = [
  ...CHANNEL_PREFIXES.flatMap((prefix) => CHANNEL_BLOCK.map((field) => prefix + field)),
  ...BRIDGE_PREFIXES.flatMap((prefix) => BRIDGE_BLOCK.map((field) => prefix + field)),
  ...OTHER_NAMES
]
// Property keys come back from Object.keys() internalized (the engine's canonical copy), which a
// concatenated name is not: the field index then finds them by their cached hash.
for (const name of Object.keys(Object.fromEntries(names.map((n) => [n, true])))) {
  const shape = shapeOf(name.length, name.charCodeAt(0))
  ;(BY_SHAPE[shape] ??= []).push(name)
}

function shapeOf(length: number, firstChar: number): number {
  return length < LONGEST && firstChar < 128 ? length * 128 + firstChar : -1
}

/** The canonical string for the header name `text[start, end)`, or undefined when it is not a known name. */
export function knownHeaderName(text: string, start: number, end: number): string | undefined {
  const shape = shapeOf(end - start, text.charCodeAt(start))
  const names = shape === -1 ? undefined : BY_SHAPE[shape]
  if (names === undefined) return undefined
  // A character loop: String.prototype.startsWith at an offset costs more than slicing the key.
  next: for (const name of names) {
    for (let i = 1; i < name.length; i++) if (text.charCodeAt(start + i) !== name.charCodeAt(i)) continue next
    return name
  }
  return undefined
}

import { z } from 'zod'

/**
 * What a supervisor sees per agent. A call outranks everything; offline = no reachable contact,
 * unless paused in every queue it is in (then paused); paused = paused in a queue.
 */
export const AgentStatus = z.enum(['offline', 'idle', 'ringing', 'talking', 'paused'])
export type AgentStatus = z.infer<typeof AgentStatus>

export const SpyMode = z.enum(['listen', 'whisper', 'barge', 'unknown'])
export type SpyMode = z.infer<typeof SpyMode>

export const Direction = z.enum(['inbound', 'outbound'])
export type Direction = z.infer<typeof Direction>

/** A supervisor currently on an agent's call (from ChanSpyStart/ChanSpyStop). */
export const Supervisor = z.object({
  extension: z.string(),
  mode: SpyMode
})
export type Supervisor = z.infer<typeof Supervisor>

/** One call leg of an agent, with the times the renderer ticks from (PBX-clock epoch ms). */
export const AgentCall = z.object({
  /** The agent channel's Asterisk Uniqueid: stable for the life of the call leg. */
  id: z.string(),
  /** Exact channel name (`PJSIP/1001-00000005`): what ChanSpy must target. */
  channel: z.string(),
  state: z.enum(['ringing', 'talking']),
  onHold: z.boolean(),
  customer: z.string().nullable(),
  customerName: z.string().nullable(),
  /**
   * `customer` read with the default country (main fills it in): its E.164 form, null when it cannot
   * be read (then never matched to a customer), and how to show it (formatted, else as given).
   */
  customerNumber: z.object({ e164: z.string().nullable(), display: z.string() }).optional(),
  /** The customer record matching `customer` in Earshot's directory (main fills it in); absent when none. */
  customerRecord: z.object({ id: z.string(), name: z.string(), company: z.string().nullable() }).optional(),
  /** The other side is one of the PBX's own endpoints (an internal call, no customer): its extension and name. */
  internal: z.object({ extension: z.string(), name: z.string().nullable() }).nullable().optional(),
  direction: Direction,
  /** When the leg appeared (ringing time counts from here). */
  startedAt: z.number(),
  /** When it was answered (talk time counts from here); null while ringing. */
  answeredAt: z.number().nullable(),
  /** True when answeredAt was estimated from a snapshot (`Duration` counts from creation). */
  answeredAtApprox: z.boolean(),
  /** When the agent put it on hold (hold time counts from here); null when not on hold or the hold was not seen begin. */
  heldSince: z.number().nullable().optional(),
  supervisors: z.array(Supervisor)
})
export type AgentCall = z.infer<typeof AgentCall>

/**
 * An agent's queue pause, whatever its calls (a call outranks paused in `status`, but the agent is
 * still paused: no new calls from those queues). Asterisk pauses per queue.
 */
export const AgentPause = z.object({
  reason: z.string().nullable(),
  /** The queues it is paused in. */
  queues: z.array(z.string()),
  /** The queues it is a member of and not paused in: it still takes their calls. Empty when paused in all. */
  active: z.array(z.string())
})
export type AgentPause = z.infer<typeof AgentPause>

export const AgentRow = z.object({
  extension: z.string(),
  name: z.string(),
  status: AgentStatus,
  /**
   * When the current status began (PBX-clock epoch ms, like the call times): ringing from the
   * call's start, talking from its answer, paused/idle/offline from the change (or the PBX's own
   * figures after a reconnect). Null when nothing tells (shown as unknown).
   */
  statusSince: z.number().nullable(),
  /** The reason of the pause (as `pause.reason`), or null. */
  pauseReason: z.string().nullable(),
  /** Null when not paused in any queue. */
  pause: AgentPause.nullable(),
  /** The call that decides the status first, then any further calls of the same agent. */
  calls: z.array(AgentCall),
  /**
   * Offered calls in a row that stopped ringing without this agent answering (the caller gave up,
   * the queue rang someone else, the phone rejected it); 0 after an answer, and after a reconnect
   * (what happened meanwhile is unknown). Counted by the calls model (model/rings.ts).
   */
  unansweredRings: z.number().int().nonnegative()
})
export type AgentRow = z.infer<typeof AgentRow>

/** A caller waiting in a queue. */
export const QueueCallerView = z.object({
  id: z.string(),
  /** The caller's number as the PBX gives it, null when it has none. */
  number: z.string().nullable(),
  name: z.string().nullable(),
  position: z.number().int(),
  /** When it joined the queue (wait time counts from here). */
  joinedAt: z.number(),
  /** True when `joinedAt` was read from a QueueStatus answer's whole-second wait. */
  joinedAtApprox: z.boolean(),
  /** `number` read with the default country, and the matching customer record (main fills them in, as for calls). */
  customerNumber: z.object({ e164: z.string().nullable(), display: z.string() }).optional(),
  customerRecord: z.object({ id: z.string(), name: z.string(), company: z.string().nullable() }).optional()
})
export type QueueCallerView = z.infer<typeof QueueCallerView>

/** One queue as a supervisor watches it: a projection of the calls model (src/main/calls/queues.ts). */
export const QueueView = z.object({
  name: z.string(),
  /** The PBX's strategy (`rrmemory`, `ringall`, ...), null until a QueueStatus said. */
  strategy: z.string().nullable(),
  waiting: z.number().int().nonnegative(),
  /** When the caller waiting longest joined; null when nobody waits. */
  longestWaitSince: z.number().nullable(),
  callers: z.array(QueueCallerView),
  /** The members' extensions, and how many are free, on a call, paused in this queue, offline. */
  members: z.array(z.string()),
  available: z.number().int().nonnegative(),
  busy: z.number().int().nonnegative(),
  paused: z.number().int().nonnegative(),
  offline: z.number().int().nonnegative(),
  /** Since the PBX's counters were reset (as its last QueueStatus said) plus what was seen since; null until it said. */
  answered: z.number().int().nonnegative().nullable(),
  abandoned: z.number().int().nonnegative().nullable(),
  /** Seen by Earshot since it began following this PBX (AgentConnect, QueueCallerAbandon). */
  answeredSeen: z.number().int().nonnegative(),
  abandonedSeen: z.number().int().nonnegative(),
  /** The queue's service-level threshold (s) and the PBX's service level (%) against it; null when no threshold is set. */
  serviceLevelSeconds: z.number().nullable(),
  serviceLevelPercent: z.number().nullable()
})
export type QueueView = z.infer<typeof QueueView>

/**
 * A queue in a delta: its name, and each other field only when it changed since the last delta
 * that carried it (absent: the same as then). Most deltas change a few counts of a few queues, and
 * without this every queue's members (thousands), its callers waiting (dozens, each with its number
 * read and matched) and all its figures would travel with every delta, ~60 a second.
 */
export const QueueDeltaView = QueueView.partial().required({ name: true })
export type QueueDeltaView = z.infer<typeof QueueDeltaView>

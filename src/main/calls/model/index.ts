/** The one model of calls: a pure fold of AMI events (see reduce.ts) and what it knows. */
export { reduceFloor } from './reduce'
export { answeredAtFromPbx, connectionLost, resync, restoreLegs, type HeldBack, snapshotChannelIds, type RestoredLeg } from './reconnect'
export { reconfigure } from './reconfigure'
export { callerOf, customerOf, isAgentLeg, legTimeline, onRoster } from './legs'
export { isReachable } from './directory'
export { settleStatuses, statusOf } from './status'
export { unansweredRingsOf } from './rings'
export { fromPbxSeconds } from './pbx-clock'
export {
  type ChannelRecord,
  defaultFloorOptions,
  drainChanged,
  drainEnded,
  emptyFloor,
  type EndedLeg,
  FLOOR_LIMITS,
  type FloorOptions,
  type FloorState,
  type QueueCaller,
  type QueueRecord,
  remember
} from './state'
export type { FeatureCodes } from './spy-mode'

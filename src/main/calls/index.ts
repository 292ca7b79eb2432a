/** Calls: the one model of calls (./model), the agent rows projected from it, and the live connection that keeps both. */
export {
  callerOf,
  type ChannelRecord,
  customerOf,
  defaultFloorOptions,
  drainChanged,
  emptyFloor,
  type EndedLeg,
  type FeatureCodes,
  FLOOR_LIMITS,
  type FloorOptions,
  type FloorState,
  onRoster,
  legTimeline,
  reduceFloor,
  remember,
  restoreLegs,
  type RestoredLeg
} from './model'
export { agentRow, agentRows, compareExtensions } from './rows'
export { queueViews } from './queues'
export { LiveFloor, SNAPSHOT_ACTIONS } from './live-floor'
export { IDENTITY_ACTIONS, pbxIdentity } from './pbx-identity'
export { type CallsProjection, CallsProjector } from './projector'
export { DELTA_INTERVAL_MS, FloorService, type FloorServiceEvents, type FloorSource } from './floor-service'

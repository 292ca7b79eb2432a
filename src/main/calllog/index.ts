export {
  type CallLogChanges,
  type CallLogOptions,
  type CallLogState,
  type CompletedCall,
  connectionLost,
  DEFAULT_GRACE_MS,
  drainCompleted,
  emptyCallLog,
  openCalls,
  reduceCallLog,
  restoreCallLog,
  resyncCallLog,
  savedCall,
  settleCallLog,
  snapshotChannelIds,
  takeChanges
} from './engine'
export { auditToCsv, callLogToCsv } from './export'
export { CallLogRecorder, type CallLogRecorderOptions } from './recorder'
export { replayCallLog } from './replay'
export { callLogSource, parseSavedCall, SavedCall, SavedOpenCall, SavedPendingCall } from './saved'

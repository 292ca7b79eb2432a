export {
  type CallLogChanges,
  type CallLogOptions,
  type CallLogState,
  type CompletedCall,
  DEFAULT_GRACE_MS,
  drainCompleted,
  emptyCallLog,
  restoreCalls,
  savedCall,
  settleCallLog,
  takeChanges,
  updateCallLog
} from './projection'
export { auditToCsv, callLogToCsv } from './export'
export { CallLogRecorder, type CallLogRecorderOptions } from './recorder'
export { CallLogCollector, replayCallLog } from './replay'
export { callLogSource, parseSavedCall, SavedCall, SavedOpenCall, SavedPendingCall } from './saved'

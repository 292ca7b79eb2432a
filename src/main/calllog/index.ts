export { CallLog } from './call-log-repository'
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
export { callLogToCsv } from './export'
export { callLogHandlers, type CallLogDeps } from './handlers'
export { CallLogRecorder, type CallLogRecorderOptions } from './recorder'
export { CallLogCollector, replayCallLog } from './replay'
export { callLogSource, parseSavedCall, SavedCall, SavedOpenCall, SavedPendingCall } from './saved'
export { OpenCalls, type OpenCallRow, type OpenCallsBatch } from './open-calls-repository'

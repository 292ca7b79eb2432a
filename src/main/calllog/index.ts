export {
  type CallLogOptions,
  type CallLogState,
  type CompletedCall,
  connectionLost,
  DEFAULT_GRACE_MS,
  drainCompleted,
  emptyCallLog,
  openCalls,
  reduceCallLog,
  resyncCallLog,
  settleCallLog,
  snapshotChannelIds
} from './engine'
export { auditToCsv, callLogToCsv } from './export'
export { CallLogRecorder, type CallLogRecorderOptions } from './recorder'
export { replayCallLog } from './replay'

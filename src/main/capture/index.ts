export { CaptureFormatError, CaptureRecord, formatRecord, parseCapture, redactSecrets } from './format'
export { replayAt, replayCapture, replayFloor } from './replay'
export { viewAt, viewOfRows, type ReplayAgent, type ReplayResult } from './view'
export { CaptureWriter } from './writer'

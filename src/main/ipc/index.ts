export { allowed, IpcFailure, IpcRouter, type CallContext, type Caller, type InvokeHandlers } from './router'

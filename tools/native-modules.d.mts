// Types of tools/native-modules.mjs (plain JavaScript so it runs before anything is built or installed).
export interface NativeModule {
  name: string
  load: () => unknown
}
export interface ModuleCheck {
  mismatched: string[]
  broken: Array<{ name: string; message: string }>
}
export const STAMP: string
export const NATIVE_MODULES: NativeModule[]
export function isAbiMismatch(error: unknown): boolean
export function checkModules(modules?: readonly NativeModule[]): ModuleCheck
export function ensureNativeModules(options?: {
  target?: 'node' | 'electron'
  modules?: readonly NativeModule[]
  check?: () => ModuleCheck
  electronVersion?: () => string
  rebuildForNode?: (names: string[]) => boolean
  rebuildForElectron?: () => boolean
  recheck?: () => boolean
  stampFile?: string
  log?: (line: string) => void
}): 'ok' | 'rebuilt' | 'broken'

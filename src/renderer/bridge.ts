/**
 * What the preload exposes as `window.earshot`. Mirrors `EarshotBridge` in
 * src/preload/index.ts (the renderer's tsconfig cannot include preload files); both move to
 * src/shared/contract.ts when the IPC contract lands.
 */
export interface EarshotBridge {
  readonly platform: string
  readonly versions: {
    readonly electron: string
    readonly chrome: string
    readonly node: string
  }
}

declare global {
  interface Window {
    /** Present inside Electron; absent when the renderer is opened as a plain web page (e2e). */
    readonly earshot?: EarshotBridge
  }
}

export function bridge(): EarshotBridge | undefined {
  return window.earshot
}

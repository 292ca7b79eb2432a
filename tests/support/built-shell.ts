/**
 * Runs the BUILT Electron shell (out/main/index.js, out/preload/index.js) under the electron
 * stand-in (tests/support/electron-stand-in.ts), building it first when the sources are newer.
 */
import { readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import vm from 'node:vm'
import { ElectronStandIn, forgetModules, interceptElectron, type StandInOptions } from './electron-stand-in'
import { MAIN_JS, PRELOAD_JS, ROOT, ensureBuilt } from '../../tools/build-renderer'

export { MAIN_JS, PRELOAD_JS, ensureBuilt }

const OUT_DIR = path.join(ROOT, 'out')

export interface LoadedMain {
  readonly electron: ElectronStandIn
  /** Puts require('electron') and the console back as they were. */
  unload(): void
}

/**
 * Requires out/main/index.js afresh in this process with `require('electron')` answered by a new
 * stand-in. `env` is set for the load (e.g. EARSHOT_DATA_DIR) and stays until unload().
 */
export function loadBuiltMain(options: StandInOptions, env: Record<string, string> = {}): LoadedMain {
  const electron = new ElectronStandIn(options)
  const saved = { warn: console.warn, error: console.error, env: { ...process.env } }
  Object.assign(process.env, env)
  const restore = interceptElectron(electron.module)
  // A fresh copy of the bundle and of electron-log (whose settings are per-process singletons).
  forgetModules(OUT_DIR, realpathSync(path.join(ROOT, 'node_modules/electron-log')))
  try {
    createRequire(__filename)(MAIN_JS)
  } catch (error) {
    restore()
    throw error
  }
  return {
    electron,
    unload() {
      restore()
      console.warn = saved.warn
      console.error = saved.error
      for (const key of Object.keys(env)) {
        if (saved.env[key] === undefined) Reflect.deleteProperty(process.env, key)
        else process.env[key] = saved.env[key]
      }
    }
  }
}

/** What a sandboxed preload may require (Electron docs, "Preload scripts" under sandboxing). */
export const SANDBOXED_PRELOAD_MODULES = ['electron', 'events', 'timers', 'url'] as const

export interface PreloadRun {
  /** What the preload passed to contextBridge.exposeInMainWorld, by key. */
  readonly exposed: Map<string, unknown>
  /** Every module the preload asked for. */
  readonly required: string[]
}

/**
 * Runs out/preload/index.js in its own V8 context the way a sandboxed preload runs: `require`
 * offers only the sandbox's modules, and `electron` only its renderer subset (contextBridge,
 * ipcRenderer, …) as given in `electron`. Anything else throws, as it would in Electron.
 */
export function runBuiltPreload(electron: { contextBridge?: unknown; ipcRenderer: unknown }): PreloadRun {
  const exposed = new Map<string, unknown>()
  const required: string[] = []
  const contextBridge = {
    exposeInMainWorld(key: string, api: unknown) {
      if (exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`)
      exposed.set(key, api)
    }
  }
  const host = createRequire(__filename)
  const sandboxRequire = (name: string): unknown => {
    required.push(name)
    if (name === 'electron') return { contextBridge, ...electron, webFrame: {}, crashReporter: {}, nativeImage: {}, webUtils: {} }
    if ((SANDBOXED_PRELOAD_MODULES as readonly string[]).includes(name)) return host(`node:${name}`)
    throw new Error(`module not found: ${name} (a sandboxed preload can only require ${SANDBOXED_PRELOAD_MODULES.join(', ')})`)
  }
  const code = readFileSync(PRELOAD_JS, 'utf8')
  // No __filename or __dirname: a sandboxed preload has no file system to point at.
  const wrapper = vm.runInNewContext(`(function (exports, require, module) {${code}\n})`, { console }, { filename: PRELOAD_JS }) as (
    exports: unknown,
    require: (name: string) => unknown,
    module: { exports: unknown }
  ) => void
  const module = { exports: {} }
  wrapper(module.exports, sandboxRequire, module)
  return { exposed, required }
}

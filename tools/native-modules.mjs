#!/usr/bin/env node
// better-sqlite3 and keytar are native modules, built for one ABI at a time: Node's (tests, the
// browser host, replay, live, bench) or Electron's (`npm start`, `npm run dev`). This makes the
// switch automatic and cheap both ways (issue 12.4):
//
//   node tools/native-modules.mjs                 before Node work: loads each module in this Node;
//                                                 rebuilds (npm rebuild) only on an ABI mismatch
//   node tools/native-modules.mjs --for electron  before the app: rebuilds for Electron
//                                                 (electron-builder install-app-deps) unless the
//                                                 last build was for this Electron version and the
//                                                 modules indeed do not load in Node
//
// The last build's target is kept in node_modules/.earshot-native-abi. Exit 1 when a module is
// broken for another reason (missing, a failed build): that is said, never "fixed" by rebuilding.
import { spawnSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const require = createRequire(import.meta.url)
const ROOT = path.resolve(import.meta.dirname, '..')
export const STAMP = path.join(ROOT, 'node_modules', '.earshot-native-abi')

/** Each native module and how to make it load its addon (better-sqlite3 loads it at the first Database). */
export const NATIVE_MODULES = [
  {
    name: 'better-sqlite3',
    load: () => {
      const Database = require('better-sqlite3')
      new Database(':memory:').close()
    }
  },
  { name: 'keytar', load: () => require('keytar') }
]

/** An addon built for another runtime's ABI, as Node reports it (ERR_DLOPEN_FAILED with NODE_MODULE_VERSION). */
export function isAbiMismatch(error) {
  return error instanceof Error && /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(error.message)
}

/** Loads each module here: those built for another ABI, and those broken otherwise (with why). */
export function checkModules(modules = NATIVE_MODULES) {
  const mismatched = []
  const broken = []
  for (const module of modules) {
    try {
      module.load()
    } catch (error) {
      if (isAbiMismatch(error)) mismatched.push(module.name)
      else broken.push({ name: module.name, message: error instanceof Error ? error.message.split('\n')[0] : String(error) })
    }
  }
  return { mismatched, broken }
}

function readStamp(stampFile) {
  try {
    return readFileSync(stampFile, 'utf8').trim()
  } catch {
    return null
  }
}

const run = (command, args) => spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' }).status === 0

/**
 * Makes the modules fit `target` ('node' or 'electron'), doing nothing when they already do.
 * Returns what it did: 'ok' (nothing needed), 'rebuilt', or 'broken'. The checks, the rebuild and
 * the stamp are parameters so tests drive them without rebuilding anything.
 */
export function ensureNativeModules({
  target = 'node',
  modules = NATIVE_MODULES,
  check = () => checkModules(modules),
  electronVersion = () => require('electron/package.json').version,
  rebuildForNode = (names) => run('npm', ['rebuild', ...names]),
  rebuildForElectron = () => run('npx', ['electron-builder', 'install-app-deps']),
  recheck = () => spawnSync(process.execPath, [path.join(ROOT, 'tools', 'native-modules.mjs'), '--check-only'], { cwd: ROOT, stdio: 'ignore' }).status === 0,
  stampFile = STAMP,
  log = (line) => console.error(`native-modules: ${line}`)
} = {}) {
  const { mismatched, broken } = check()
  if (broken.length > 0) {
    for (const { name, message } of broken) log(`${name} cannot be loaded: ${message} (try npm ci)`)
    return 'broken'
  }
  if (target === 'electron') {
    const wanted = `electron-${electronVersion()}`
    // Loading in Node fails with a mismatch only when they are built for another runtime: with the
    // stamp saying this Electron, they are Electron's.
    if (mismatched.length === modules.length && readStamp(stampFile) === wanted) return 'ok'
    log(`building ${modules.map((m) => m.name).join(' and ')} for Electron ${electronVersion()}`)
    if (!rebuildForElectron()) {
      log('electron-builder install-app-deps failed')
      return 'broken'
    }
    writeFileSync(stampFile, `${wanted}\n`)
    return 'rebuilt'
  }
  if (mismatched.length === 0) return 'ok'
  log(`${mismatched.join(' and ')} were built for another runtime (Electron); rebuilding for Node ${process.version}`)
  // A failed dlopen cannot be retried in this process: the new build is checked in a fresh one.
  if (!rebuildForNode(mismatched) || !recheck()) {
    log(`the rebuild for Node did not help: run npm rebuild ${mismatched.join(' ')} and read its output`)
    return 'broken'
  }
  writeFileSync(stampFile, `node-${process.versions.modules}\n`)
  return 'rebuilt'
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2)
  if (args.includes('--check-only')) {
    const { mismatched, broken } = checkModules()
    process.exit(mismatched.length === 0 && broken.length === 0 ? 0 : 1)
  }
  const outcome = ensureNativeModules({ target: args.includes('--for') && args[args.indexOf('--for') + 1] === 'electron' ? 'electron' : 'node' })
  process.exit(outcome === 'broken' ? 1 : 0)
}

/**
 * The native-module switch (tools/native-modules.mjs), in plain Node: the real better-sqlite3 and
 * keytar load in this Node (nothing to rebuild); an addon built for another ABI — Node's own
 * ERR_DLOPEN_FAILED text, from a module in a temporary folder — is told from a module broken
 * otherwise; a rebuild runs only on a mismatch, for the right runtime, and a stamp makes the
 * Electron side cheap. No test here rebuilds anything (node_modules is shared).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkModules, ensureNativeModules, NATIVE_MODULES, type NativeModule } from '../../../tools/native-modules.mjs'

let dir: string
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'earshot-native-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** A module whose addon fails as Node fails one built for Electron 39 (ABI 140). */
function moduleBuiltForElectron(name: string): NativeModule {
  const folder = path.join(dir, name)
  mkdirSync(folder)
  const message = `The module '${folder}/build/Release/${name}.node'\\nwas compiled against a different Node.js version using\\nNODE_MODULE_VERSION 140. This version of Node.js requires\\nNODE_MODULE_VERSION ${process.versions.modules}. Please try re-compiling or re-installing\\nthe module (for instance, using \\\`npm rebuild\\\` or \\\`npm install\\\`).`
  writeFileSync(path.join(folder, 'index.js'), `throw Object.assign(new Error("${message}"), { code: 'ERR_DLOPEN_FAILED' })`)
  const require = createRequire(path.join(dir, 'x.js'))
  return { name, load: () => require(folder) as unknown }
}

describe('checkModules', () => {
  it('finds the real better-sqlite3 and keytar loading in this Node', () => {
    expect(NATIVE_MODULES.map((m) => m.name)).toEqual(['better-sqlite3', 'keytar'])
    expect(checkModules()).toEqual({ mismatched: [], broken: [] })
  })

  it('tells an addon built for another ABI from a module that is missing', () => {
    const require = createRequire(path.join(dir, 'x.js'))
    const missing: NativeModule = { name: 'gone', load: () => require(path.join(dir, 'no-such-module')) as unknown }
    const result = checkModules([moduleBuiltForElectron('better-sqlite3'), missing])
    expect(result.mismatched).toEqual(['better-sqlite3'])
    expect(result.broken).toEqual([{ name: 'gone', message: expect.stringContaining('Cannot find module') as unknown }])
  })
})

describe('ensureNativeModules', () => {
  const calls = (): { node: string[][]; electron: number; lines: string[] } => ({ node: [], electron: 0, lines: [] })

  function drive(target: 'node' | 'electron', modules: NativeModule[], seen = calls(), stampFile = path.join(dir, 'stamp')) {
    const outcome = ensureNativeModules({
      target,
      modules,
      electronVersion: () => '39.8.10',
      rebuildForNode: (names) => (seen.node.push(names), true),
      rebuildForElectron: () => (seen.electron++, true),
      recheck: () => true,
      stampFile,
      log: (line) => seen.lines.push(line)
    })
    return { outcome, seen }
  }

  it('for Node: nothing when the modules load, a rebuild of the mismatched ones only when they do not', () => {
    expect(drive('node', NATIVE_MODULES)).toMatchObject({ outcome: 'ok', seen: { node: [], electron: 0 } })
    const { outcome, seen } = drive('node', [moduleBuiltForElectron('better-sqlite3'), NATIVE_MODULES[1] as NativeModule])
    expect(outcome).toBe('rebuilt')
    expect(seen.node).toEqual([['better-sqlite3']])
    expect(readFileSync(path.join(dir, 'stamp'), 'utf8')).toBe(`node-${process.versions.modules}\n`)
  })

  it('for Electron: rebuilds when the modules are Node’s, and only once for the same Electron', () => {
    const first = drive('electron', NATIVE_MODULES)
    expect(first).toMatchObject({ outcome: 'rebuilt', seen: { electron: 1 } })
    expect(readFileSync(path.join(dir, 'stamp'), 'utf8')).toBe('electron-39.8.10\n')
    // Now built for Electron (they no longer load in Node) and stamped: nothing to do.
    const electronBuilt = [moduleBuiltForElectron('better-sqlite3'), moduleBuiltForElectron('keytar')]
    expect(drive('electron', electronBuilt)).toMatchObject({ outcome: 'ok', seen: { electron: 0 } })
    // Another Electron version: rebuilt again.
    writeFileSync(path.join(dir, 'stamp'), 'electron-38.0.0\n')
    expect(drive('electron', electronBuilt)).toMatchObject({ outcome: 'rebuilt', seen: { electron: 1 } })
  })

  it('never rebuilds a module broken for another reason, and says why', () => {
    const require = createRequire(path.join(dir, 'x.js'))
    const { outcome, seen } = drive('node', [{ name: 'keytar', load: () => require(path.join(dir, 'no-such-module')) as unknown }])
    expect(outcome).toBe('broken')
    expect(seen.node).toEqual([])
    expect(seen.lines.join('\n')).toMatch(/keytar cannot be loaded: Cannot find module .*\(try npm ci\)/)
  })

  it('reports a rebuild that did not help', () => {
    const seen = calls()
    const outcome = ensureNativeModules({
      modules: [moduleBuiltForElectron('keytar')],
      rebuildForNode: () => true,
      recheck: () => false,
      stampFile: path.join(dir, 'stamp'),
      log: (line) => seen.lines.push(line)
    })
    expect(outcome).toBe('broken')
    expect(seen.lines.at(-1)).toMatch(/did not help: run npm rebuild keytar/)
  })
})

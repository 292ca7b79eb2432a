/**
 * The packaging configuration, checked without the Electron binary (a packaging dry run needs it):
 * electron-builder.yml against electron-builder's own validation (its schema, the one `npm run dist`
 * applies), the native modules' build leftovers dropped by its own file matcher over the real
 * node_modules, and the settings the desktop conventions depend on.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DebugLogger } from 'builder-util'
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config'
import { FileMatcher } from 'app-builder-lib/out/fileMatcher'

const root = path.resolve(import.meta.dirname, '../../..')
type Config = Record<string, unknown> & { files: Array<{ filter: string[] }>; linux: Record<string, unknown>; mac: Record<string, unknown>; nsis: Record<string, unknown> }
// Read as electron-builder reads it (electron-builder.yml in the project folder).
const config = (await getConfig(root, null, null)) as unknown as Config
const filePatterns = config.files.flatMap((set) => set.filter)
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation', async () => {
    await expect(validateConfiguration(config as never, new DebugLogger(false))).resolves.toBeUndefined()
  })

  it('a key electron-builder does not know fails that validation (the check bites)', async () => {
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, desktopName: 'earshot' } } as never, new DebugLogger(false))).rejects.toThrow(/Invalid configuration/)
  })

  it('groups the Linux window with its launcher: desktopName in package.json, syncDesktopName on; productName names the user-data folder', () => {
    expect(pkg['productName']).toBe('Earshot')
    expect(pkg['desktopName']).toBe(`${String(config.linux['executableName'])}.desktop`)
    expect(config.linux['syncDesktopName']).toBe(true)
  })

  it('notarises only from the environment (no notarize: false), and lets Windows installs be per machine', () => {
    expect(config.mac).not.toHaveProperty('notarize')
    // oneClick false + perMachine false: the assisted installer asks per machine (all users) or per user.
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false })
  })

  it('macOS entitlements let an unsigned or ad-hoc build load native modules, JIT and use the microphone', () => {
    const plist = readFileSync(path.join(root, String(config.mac['entitlements'])), 'utf8')
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1])
    expect(granted.sort()).toEqual([
      'com.apple.security.cs.allow-jit',
      'com.apple.security.cs.allow-unsigned-executable-memory',
      'com.apple.security.cs.disable-library-validation',
      'com.apple.security.device.audio-input'
    ])
  })
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((relative) => path.join(dir, relative))
    .filter((file) => statSync(file).isFile())
}

describe('the native modules in the package', () => {
  // Everything, then the configuration's exclusions, through electron-builder's own matcher.
  const matcher = new FileMatcher(root, '/', (p: string) => p, ['**/*', ...filePatterns.filter((p) => p.startsWith('!'))])
  const keep = matcher.createFilter()
  const kept = (module: string): string[] =>
    filesUnder(path.join(root, 'node_modules', module))
      .filter((file) => keep(file, statSync(file)))
      .map((file) => path.relative(path.join(root, 'node_modules', module), file).replaceAll(path.sep, '/'))

  it.each(['better-sqlite3', 'keytar'])('%s keeps its JavaScript and compiled .node addon, and no build leftovers', (module) => {
    const files = kept(module)
    expect(files).toContain('package.json')
    expect(files.filter((f) => f.startsWith('lib/')).length).toBeGreaterThan(0)
    expect(files.filter((f) => f.endsWith('.node'))).toEqual([`build/Release/${module === 'keytar' ? 'keytar' : 'better_sqlite3'}.node`])
    const leftovers = files.filter((f) => /^(deps|src)\/|^build\/(deps|Release\/obj|Release\/obj\.target|Release\/\.deps)\/|\.(a|o|mk|gyp|gypi|c|cc|h)$|Makefile$|test_extension/.test(f))
    expect(leftovers).toEqual([])
  })
})

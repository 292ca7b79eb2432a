/**
 * Test connection tells an AMI user holding more than Earshot needs, over real TCP on loopback:
 * the demo PBX answers ListCommands and refuses actions by the user's write classes exactly as
 * Asterisk 22's main/manager.c does. Once as the README's user, once as the lab's captured
 * manager.conf user (../shared/asterisk/manager.conf), which holds everything, `command` included.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { type DemoPbx, startDemoPbx } from '../../../src/main/demo-pbx'
import { listCommands } from '../../../src/main/demo-pbx/manager-actions'
import { AMI_ACCOUNT, type SecretStore } from '../../../src/main/secrets'
import { testConnection } from '../../../src/main/settings/test-connection'
import { EARSHOT_PRIVILEGES, managerConfUser } from '../../../src/shared/ami-privileges'
import type { TestStep } from '../../../src/shared/contract'
import { DEFAULT_SETTINGS, type MachineSettings } from '../../../src/shared/settings'

let pbx: DemoPbx | null = null
afterEach(async () => {
  await pbx?.stop()
  pbx = null
})

function secrets(secret: string): SecretStore {
  return { get: (account) => Promise.resolve(account === AMI_ACCOUNT ? secret : null), set: () => Promise.resolve(), delete: () => Promise.resolve(false) }
}

function settings(demo: DemoPbx): MachineSettings {
  return { ...DEFAULT_SETTINGS, pbx: { ...DEFAULT_SETTINGS.pbx, url: demo.url, username: demo.username, method: 'chanspy' } }
}

/** The `[earshot]` user's classes in the lab's captured manager.conf. */
function capturedUser(): { read: string[]; write: string[] } {
  const text = readFileSync(join(__dirname, '../../../../shared/asterisk/manager.conf'), 'utf8')
  const section = text.split(/^\[/m).find((s) => s.startsWith('earshot]')) ?? ''
  const line = (key: string): string[] => (new RegExp(`^${key}\\s*=\\s*(.+)$`, 'm').exec(section)?.[1] ?? '').split(',').map((c) => c.trim())
  return { read: line('read'), write: line('write') }
}

const stepOf = (steps: TestStep[], id: string): TestStep | undefined => steps.find((s) => s.id === id)

describe('Test connection and the AMI user’s privileges', () => {
  it('the least privileges: every action allowed, no more write privileges than needed, read could not be checked', async () => {
    pbx = await startDemoPbx({ scenario: 'inbound-queue-answered', privileges: EARSHOT_PRIVILEGES })
    const steps = await testConnection(settings(pbx), { secrets: secrets(pbx.secret), timeoutMs: 5000 })
    expect(stepOf(steps, 'privileges')?.status).toBe('ok')
    const extra = stepOf(steps, 'extra-privileges')
    expect(extra?.status).toBe('ok')
    expect(extra?.detail).toContain(`only what Earshot needs (${EARSHOT_PRIVILEGES.write.join(',')})`)
    expect(extra?.detail).toContain('Read privileges could not be checked')
    expect(extra?.detail).not.toMatch(/read privileges (passed|are fine)/i)
  })

  it('the captured lab user (everything, command included): warns, naming each class ListCommands proves it holds', async () => {
    const captured = capturedUser()
    expect(captured.write).toContain('command')
    pbx = await startDemoPbx({ scenario: 'inbound-queue-answered', privileges: captured })
    const steps = await testConnection(settings(pbx), { secrets: secrets(pbx.secret), timeoutMs: 5000 })
    expect(stepOf(steps, 'privileges')?.status).toBe('ok')
    const extra = stepOf(steps, 'extra-privileges')
    expect(extra?.status).toBe('warn')
    expect(extra?.detail).toContain('command (runs any Asterisk CLI command)')
    // Every extra class some action is registered with alone is named; the others could not be checked.
    const single = new Set(Object.values(listCommands(new Set(captured.write))).map((t) => /\(Priv: ([^)]*)\)$/.exec(t)?.[1] ?? '').filter((p) => !p.includes(',') && p !== '<none>'))
    const extras = captured.write.filter((c) => !(EARSHOT_PRIVILEGES.write as readonly string[]).includes(c))
    for (const c of extras) {
      if (single.has(c)) expect(extra?.detail).toMatch(new RegExp(`(: |; )${c}\\b`))
      else expect(extra?.detail).toContain('could not be checked')
    }
    for (const c of EARSHOT_PRIVILEGES.write) expect(extra?.detail).not.toMatch(new RegExp(`(: |; )${c}\\b`))
    expect(extra?.fix).toContain(managerConfUser())
  })

  it('the demo refuses what the user’s write classes do not allow, as Asterisk does', async () => {
    pbx = await startDemoPbx({ scenario: 'inbound-queue-answered', privileges: { write: ['reporting'] } })
    const steps = await testConnection(settings(pbx), { secrets: secrets(pbx.secret), timeoutMs: 5000 })
    const privileges = stepOf(steps, 'privileges')
    expect(privileges?.status).toBe('fail')
    expect(privileges?.detail).toContain('read the phones (PJSIPShowEndpoints): needs system')
    expect(privileges?.detail).toContain('start supervision legs (Originate): needs originate')
    expect(privileges?.detail).not.toContain('CoreShowChannels')
  })
})

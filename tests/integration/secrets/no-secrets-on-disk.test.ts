import { existsSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AMI_ACCOUNT, SIP_ACCOUNT } from '../../../src/main/secrets/accounts'
import { openKeychain } from '../../../src/main/secrets/keychain'
import { DB_FILE_NAME } from '../../../src/main/store'
import { openStore } from '../../../src/main/app'
import { exportSettings, parseSettingsFile } from '../../../src/main/settings'
import { FULL_SETTINGS } from '../../unit/store/fixtures'
import { useTempDirs } from '../store/temp-dir'

const tempDir = useTempDirs()
const keychain = openKeychain({ service: `Earshot-test-scan-${process.pid}-${randomBytes(4).toString('hex')}` })

afterAll(async () => {
  await keychain.delete(AMI_ACCOUNT).catch(() => false)
  await keychain.delete(SIP_ACCOUNT).catch(() => false)
})

/** The database and its WAL companions, as raw bytes. */
function databaseFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>()
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const file = path.join(dir, DB_FILE_NAME + suffix)
    if (existsSync(file)) files.set(DB_FILE_NAME + suffix, readFileSync(file))
  }
  return files
}

/** Which of `needles` occur in which file, as UTF-8 or UTF-16. */
function occurrences(files: Map<string, Buffer>, needles: string[]): string[] {
  const found: string[] = []
  for (const [name, bytes] of files) {
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) found.push(`${needle} in ${name}`)
    }
  }
  return found
}

describe('no secret reaches the disk', () => {
  it('after settings, operators, audit and passwords go through the APIs, earshot.db, -wal and -shm hold none of the secrets', async () => {
    const amiSecret = `ami-secret-${randomBytes(9).toString('hex')}`
    const sipPassword = `sip-password-${randomBytes(9).toString('hex')}`
    const pin = '739184265031'
    const visible = `scan-user-${randomBytes(4).toString('hex')}`
    const dir = tempDir()
    const store = openStore({ dir })
    try {
      const settings = { ...FULL_SETTINGS, pbx: { ...FULL_SETTINGS.pbx, username: visible } }
      expect(store.settings.save(settings)).toMatchObject({ ok: true })
      // The ways a secret could be pushed at the store are refused, before anything is written.
      expect(store.settings.save({ ...settings, pbx: { ...settings.pbx, secret: amiSecret } })).toMatchObject({ ok: false })
      expect(store.settings.save({ ...settings, pbx: { ...settings.pbx, url: `ami://earshot:${amiSecret}@pbx:5038` } })).toMatchObject({ ok: false })
      const withSecret = exportSettings(settings).replace('"username"', `"sipPassword": "${sipPassword}", "username"`)
      expect(parseSettingsFile(withSecret)).toMatchObject({ ok: false })

      const ruth = await store.operators.create({ name: 'Ruth', extension: '2001', scopes: ['configure-everything'], pin })
      await expect(store.operators.verifyPin(ruth.id, pin)).resolves.toBe(true)
      store.audit.record({
        id: 's1',
        operator: { id: ruth.id, name: ruth.name },
        supervisorExtension: '2001',
        agentExtension: '1001',
        agentName: 'Agent 1001',
        agentChannel: 'PJSIP/1001-00000005',
        callId: '1700000000.12',
        customer: '+442070002222',
        method: 'feature-codes',
        startedAt: Date.now(),
        endedAt: null,
        endReason: null,
        modes: [{ at: Date.now(), mode: 'listen', how: 'initial' }]
      })

      await keychain.set(AMI_ACCOUNT, amiSecret)
      await keychain.set(SIP_ACCOUNT, sipPassword)
      await expect(keychain.get(AMI_ACCOUNT)).resolves.toBe(amiSecret)
      await expect(keychain.get(SIP_ACCOUNT)).resolves.toBe(sipPassword)

      const open = databaseFiles(dir)
      expect([...open.keys()].sort()).toEqual(['earshot.db', 'earshot.db-shm', 'earshot.db-wal'])
      // The scan does see what was written (so it would see a secret too)...
      expect(occurrences(open, [visible]).length).toBeGreaterThan(0)
      // ...and no secret is there.
      expect(occurrences(open, [amiSecret, sipPassword, pin])).toEqual([])
    } finally {
      store.close()
    }
    const closed = databaseFiles(dir)
    expect(occurrences(closed, [visible])).toEqual([`${visible} in earshot.db`])
    expect(occurrences(closed, [amiSecret, sipPassword, pin])).toEqual([])
  })
})

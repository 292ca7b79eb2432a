import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { LOG_FILE_MAX_BYTES, openLogFile, type LogFile } from '../../../src/main/log-file'
import { REDACTED, rememberingSecrets, type SecretStore } from '../../../src/main/secrets'

let logFile: LogFile | null = null
let dir = ''
afterEach(() => {
  logFile?.close()
  logFile = null
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

function memoryKeychain(): SecretStore {
  const secrets = new Map<string, string>()
  return {
    get: (account) => Promise.resolve(secrets.get(account) ?? null),
    set: (account, value) => Promise.resolve(void secrets.set(account, value)),
    delete: (account) => Promise.resolve(secrets.delete(account))
  }
}

describe('the log file', () => {
  it('keeps console warnings and errors in <data>/logs/main.log, never a secret the keychain handled', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-log-'))
    logFile = openLogFile(dir)
    const file = logFile
    const keychain = rememberingSecrets(memoryKeychain(), (secret) => file.rememberSecret(secret))
    await keychain.set('ami/default', 's3cr3t-ami')
    const stored = memoryKeychain()
    await stored.set('sip/default', 'sip&pass word')
    const reading = rememberingSecrets(stored, (secret) => file.rememberSecret(secret))
    await reading.get('sip/default')

    console.warn('[ami] login refused for secret s3cr3t-ami')
    console.error(new Error('SIP REGISTER with sip%26pass%20word failed'))
    console.error('object:', { password: 'sip&pass word' })
    console.log('an info line stays out of the file')

    expect(logFile.file).toBe(path.join(dir, 'logs', 'main.log'))
    const text = readFileSync(logFile.file, 'utf8')
    expect(text).toMatch(/\[warn\]\s+\[ami\] login refused for secret \*{8}\n/)
    expect(text).toContain(`SIP REGISTER with ${REDACTED} failed`)
    expect(text).toContain(`password: '${REDACTED}'`)
    for (const secret of ['s3cr3t-ami', 'sip&pass word', 'sip%26pass%20word']) expect(text).not.toContain(secret)
    expect(text).not.toContain('an info line')
  })

  it('rotates at 1 MiB to main.old.log', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'earshot-log-'))
    logFile = openLogFile(dir)
    const line = 'x'.repeat(1000)
    for (let i = 0; i < (LOG_FILE_MAX_BYTES / 1000) * 1.2; i += 1) logFile.write('warn', line)
    expect(existsSync(path.join(dir, 'logs', 'main.old.log'))).toBe(true)
    expect(readFileSync(logFile.file).length).toBeLessThan(LOG_FILE_MAX_BYTES)
  })
})

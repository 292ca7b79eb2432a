import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { AMI_ACCOUNT, SIP_ACCOUNT, secretAccount } from '../../../src/main/secrets/accounts'
import { KeychainUnavailableError, keychainUnavailableMessage, openKeychain, type KeychainBackend } from '../../../src/main/secrets/keychain'

const SANDBOX_HINT =
  'The keychain tests need a Secret Service. Run them in the test sandbox, which starts a private D-Bus session and a throwaway ' +
  'unlocked gnome-keyring: bash tests/run-all.sh npx vitest run tests/integration/secrets (Debian: apt-get install dbus gnome-keyring).'

/** A service name of our own, so the test never touches (or sees) a real Earshot entry. */
const SERVICE = `Earshot-test-${process.pid}-${randomBytes(4).toString('hex')}`
const keychain = openKeychain({ service: SERVICE })

/** Fails the test (never skips it) with what to do when there is no usable keychain. */
let probe: Promise<void> | undefined
function keychainReady(): Promise<void> {
  probe ??= (async () => {
    if (!process.env.DBUS_SESSION_BUS_ADDRESS) throw new Error(`No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset). ${SANDBOX_HINT}`)
    try {
      await keychain.get(AMI_ACCOUNT)
    } catch (error) {
      throw new Error(`The keychain is not usable here (${(error as { reason?: string }).reason ?? String(error)}). ${SANDBOX_HINT}`)
    }
  })()
  return probe
}

describe('the OS keychain (real gnome-keyring over the Secret Service)', () => {
  afterAll(async () => {
    await keychain.delete(AMI_ACCOUNT).catch(() => false)
    await keychain.delete(SIP_ACCOUNT).catch(() => false)
  })

  it('stores, reads, replaces and deletes a secret', async () => {
    await keychainReady()
    const secret = `ami-${randomBytes(12).toString('base64')}-ünïcødé-€`
    await expect(keychain.get(AMI_ACCOUNT)).resolves.toBeNull()
    await keychain.set(AMI_ACCOUNT, secret)
    await expect(keychain.get(AMI_ACCOUNT)).resolves.toBe(secret)
    await keychain.set(AMI_ACCOUNT, `${secret}-2`)
    await expect(keychain.get(AMI_ACCOUNT)).resolves.toBe(`${secret}-2`)
    await expect(keychain.delete(AMI_ACCOUNT)).resolves.toBe(true)
    await expect(keychain.get(AMI_ACCOUNT)).resolves.toBeNull()
    await expect(keychain.delete(AMI_ACCOUNT)).resolves.toBe(false)
  })

  it('keeps accounts and services apart', async () => {
    await keychainReady()
    const other = openKeychain({ service: `${SERVICE}-other` })
    await keychain.set(AMI_ACCOUNT, 'the-ami-secret')
    await keychain.set(SIP_ACCOUNT, 'the-sip-password')
    await expect(keychain.get(AMI_ACCOUNT)).resolves.toBe('the-ami-secret')
    await expect(keychain.get(SIP_ACCOUNT)).resolves.toBe('the-sip-password')
    await expect(other.get(AMI_ACCOUNT)).resolves.toBeNull()
    await expect(keychain.get(secretAccount('ami', 'second-pbx'))).resolves.toBeNull()
  })

})

describe('keychain accounts', () => {
  it('takes only the accounts Earshot uses, and no empty secret', async () => {
    expect(AMI_ACCOUNT).toBe('ami/default')
    expect(SIP_ACCOUNT).toBe('sip/default')
    await expect(keychain.get('root')).rejects.toThrow(TypeError)
    await expect(keychain.set('ami/Default', 'x')).rejects.toThrow(TypeError)
    await expect(keychain.set(AMI_ACCOUNT, '')).rejects.toThrow(/empty secret/)
    expect(() => secretAccount('sip', '../etc')).toThrow(TypeError)
  })
})

describe('no keychain', () => {
  it('is a KeychainUnavailableError with a plain message when the Secret Service cannot be reached (real keytar)', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/earshot-test-bus' }
    delete env.DISPLAY
    delete env.WAYLAND_DISPLAY
    const child = path.join(__dirname, 'keychain-child.ts')
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', child], { env, cwd: path.resolve(__dirname, '../../..') })
    const outcomes = JSON.parse(stdout) as { ok: boolean; unavailable: boolean; name: string; message: string; reason: string }[]
    expect(outcomes).toHaveLength(2)
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ ok: false, unavailable: true, name: 'KeychainUnavailableError', message: keychainUnavailableMessage('linux') })
      expect(outcome.reason).not.toBe('')
      expect(JSON.stringify(outcome)).not.toContain('hunter2-child-secret')
    }
    expect(outcomes[0]?.message).toMatch(/^No keychain found: .*Secret Service.*GNOME Keyring .*KWallet.*will not store passwords in plain text/)
  })

  it('is a KeychainUnavailableError when keytar cannot be loaded, on every call', async () => {
    let loads = 0
    const keychain = openKeychain({
      loadBackend: () => {
        loads += 1
        throw new Error("Cannot find module 'keytar'")
      }
    })
    for (let i = 0; i < 2; i += 1) {
      const error = await keychain.get(AMI_ACCOUNT).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(KeychainUnavailableError)
      expect(error).toMatchObject({ reason: "Cannot find module 'keytar'" })
    }
    expect(loads).toBe(1)
  })

  it('never puts the secret in the error, even when the backend repeats it', async () => {
    const failing: KeychainBackend = {
      getPassword: () => Promise.reject(new Error('boom')),
      setPassword: (_service, _account, password) => Promise.reject(new Error(`could not store "${password}"`)),
      deletePassword: () => Promise.reject(new Error('boom'))
    }
    const error = (await openKeychain({ loadBackend: () => failing, platform: 'linux' }).set(SIP_ACCOUNT, 's3cr3t-sip').catch((e: unknown) => e)) as KeychainUnavailableError
    expect(error).toBeInstanceOf(KeychainUnavailableError)
    expect(error.reason).toBe('could not store "********"')
    expect(error.cause).toBeUndefined()
    expect(`${error.message} ${error.reason} ${error.stack ?? ''}`).not.toContain('s3cr3t-sip')
  })

  it('gives advice for each platform, always refusing plain text', () => {
    expect(keychainUnavailableMessage('darwin')).toMatch(/macOS Keychain.*will not store passwords in plain text/)
    expect(keychainUnavailableMessage('win32')).toMatch(/Windows Credential Manager.*will not store passwords in plain text/)
    expect(keychainUnavailableMessage('freebsd')).toMatch(/GNOME Keyring.*KWallet/)
  })
})

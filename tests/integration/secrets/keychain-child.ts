/**
 * Run in a child process by keychain.test.ts with a D-Bus address that leads nowhere: tries the
 * real keychain (keytar) and prints what it got, as one JSON line.
 */
import { AMI_ACCOUNT } from '../../../src/main/secrets/accounts'
import { KeychainUnavailableError, openKeychain } from '../../../src/main/secrets/keychain'

async function main(): Promise<void> {
  const keychain = openKeychain({ service: 'Earshot-test-unavailable' })
  const outcomes: unknown[] = []
  for (const attempt of [() => keychain.set(AMI_ACCOUNT, 'hunter2-child-secret'), () => keychain.get(AMI_ACCOUNT)]) {
    try {
      await attempt()
      outcomes.push({ ok: true })
    } catch (error) {
      const e = error as Error & { reason?: string }
      outcomes.push({ ok: false, unavailable: error instanceof KeychainUnavailableError, name: e.name, message: e.message, reason: e.reason })
    }
  }
  process.stdout.write(`${JSON.stringify(outcomes)}\n`)
}

void main()

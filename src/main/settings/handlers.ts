/** The settings page over IPC: read, save (applied at once), passwords, Test connection, export/import. */
import type { SignInState, SettingsResult, SettingsView } from '../../shared/contract'
import { type MachineSettings, validateSettings, withDefaults } from '../../shared/settings'
import type { InvokeHandlers } from '../ipc'
import { AMI_ACCOUNT, SIP_ACCOUNT, type SecretStore } from '../secrets'
import { BoundSecrets } from './bound-secrets'
import { exportSettings, parseSettingsFile } from './file'
import type { SettingsRepository } from './repository'
import { testConnection } from './test-connection'

type SettingsChannel = 'settings:get' | 'settings:save' | 'settings:set-secret' | 'settings:test' | 'settings:export' | 'settings:import'

export interface SettingsDeps {
  repository: SettingsRepository
  secrets: SecretStore
  /** Asks the keychain again whether it can hold the passwords. */
  probeKeychain: () => Promise<SignInState['keychain']>
  /** Saved settings take effect at once: reconnect, match numbers again, tell the renderer. `repaired`: what was saved before did not read. */
  applied: (before: MachineSettings, after: MachineSettings, repaired: boolean) => void
  /** A new password was stored: the AMI connection uses it at once, and the softphone registers again with it. */
  passwordSet: (account: 'ami' | 'sip') => void
  /** An extension on the floor, for Test connection to try supervision against. */
  sampleAgent: () => string | null
}

export function settingsHandlers(deps: SettingsDeps): Pick<InvokeHandlers, SettingsChannel> {
  const { repository } = deps
  const settings = (): MachineSettings => repository.get()
  /** Each password is read only for the address it was saved for. */
  const secrets = new BoundSecrets(deps.secrets, repository)

  async function settingsView(): Promise<SettingsView> {
    const keychain = await deps.probeKeychain()
    // A password saved for another address is not this address's: the page offers to set it.
    const saved = async (account: string): Promise<boolean> => keychain.available && (await secrets.get(account).catch(() => null)) !== null
    const { settings: current, problem } = repository.read()
    return { settings: current, problem, secrets: { amiPassword: await saved(AMI_ACCOUNT), sipPassword: await saved(SIP_ACCOUNT) }, keychain }
  }

  /** Saves validated settings and applies them at once (also over saved ones that no longer read: that is the repair). */
  async function applySettings(input: unknown): Promise<SettingsResult> {
    const before = repository.read()
    const result = repository.save(input)
    if (!result.ok) return { ok: false, errors: result.errors }
    secrets.saved(before.settings, result.settings, before.reset)
    deps.applied(before.settings, result.settings, before.problem !== null)
    return { ok: true, view: await settingsView() }
  }

  return {
    'settings:get': () => settingsView(),
    'settings:save': ({ settings: input }) => applySettings(input),
    'settings:set-secret': async ({ account, value, address }) => {
      await secrets.set(account === 'ami' ? AMI_ACCOUNT : SIP_ACCOUNT, value, address)
      deps.passwordSet(account)
      return settingsView()
    },
    'settings:test': async ({ settings: input, amiPassword, sipPassword }) => {
      const validated = input === undefined ? { ok: true as const, settings: settings() } : validateSettings(withDefaults(input))
      if (!validated.ok) {
        const [field = '', message = ''] = Object.entries(validated.errors)[0] ?? []
        throw new Error(`Fix the settings first: ${field}: ${message}`)
      }
      return { steps: await testConnection(validated.settings, {
        secrets,
        sampleAgent: deps.sampleAgent(),
        savedUrl: settings().pbx.url,
        ...(amiPassword === undefined ? {} : { typedSecret: amiPassword }),
        // The stored SIP password only for the address it was saved for (the form's may be another).
        sipSecret: (wsUrl) => secrets.getFor(SIP_ACCOUNT, wsUrl),
        ...(sipPassword === undefined ? {} : { typedSipSecret: sipPassword })
      }) }
    },
    'settings:export': () => ({ fileName: 'earshot-settings.json', text: exportSettings(settings()) }),
    'settings:import': ({ text }) => {
      const parsed = parseSettingsFile(text)
      return parsed.ok ? applySettings(parsed.settings) : { ok: false as const, errors: parsed.errors }
    }
  }
}

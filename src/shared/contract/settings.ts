/** The settings page: machine settings, keychain passwords, Test connection, export/import. */
import { z } from 'zod'
import { MachineSettings } from '../settings'
import { Empty, type InvokeSpec } from './common'

/** Settings as the settings page sees them: which passwords are saved, never the passwords. */
export const SettingsView = z.object({
  settings: MachineSettings,
  /** The saved settings did not read (the parts at fault show their defaults): what was wrong, for the admin to repair by saving. */
  problem: z.string().nullable(),
  secrets: z.object({ amiPassword: z.boolean(), sipPassword: z.boolean() }),
  keychain: z.object({ available: z.boolean(), message: z.string().nullable() })
})
export type SettingsView = z.infer<typeof SettingsView>

/** Saving or importing: the applied view, or a sentence per field path (`pbx.url`). */
export const SettingsResult = z.union([
  z.object({ ok: z.literal(true), view: SettingsView }),
  z.object({ ok: z.literal(false), errors: z.record(z.string(), z.string()) })
])
export type SettingsResult = z.infer<typeof SettingsResult>

/** One line of Test connection: what was checked, how it went, and what to change when it failed. */
export const TestStep = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['ok', 'warn', 'fail', 'skipped']),
  detail: z.string(),
  /** Ready-to-paste fix (a manager.conf line, a dialplan snippet), when there is one. */
  fix: z.string().nullable()
})
export type TestStep = z.infer<typeof TestStep>

export const settingsInvoke = {
  'settings:get': { access: 'configure-everything', request: Empty, response: SettingsView },
  /** Validated in main, field by field; applied at once (the floor reconnects when the PBX changed). */
  'settings:save': { access: 'configure-everything', demo: 'refused', request: z.object({ settings: z.unknown() }).strict(), response: SettingsResult },
  /** Stores a password in the OS keychain. Passwords only ever travel renderer → main. */
  'settings:set-secret': {
    access: 'configure-everything',
    demo: 'refused',
    /** `address`: the AMI address (or softphone WebSocket address) this password is for, as typed in the form; default the saved one. */
    request: z.object({ account: z.enum(['ami', 'sip']), value: z.string().min(1).max(256), address: z.string().max(2048).optional() }).strict(),
    response: SettingsView
  },
  /**
   * Test connection, step by step, with the given (possibly unsaved) settings; the saved AMI
   * password only for the saved address, the stored SIP password only for the WebSocket address it
   * was saved for; else the ones typed for the test.
   */
  'settings:test': {
    access: 'configure-everything',
    demo: 'refused',
    request: z.object({ settings: z.unknown().optional(), amiPassword: z.string().min(1).max(256).optional(), sipPassword: z.string().min(1).max(256).optional() }).strict(),
    response: z.object({ steps: z.array(TestStep) })
  },
  'settings:export': { access: 'configure-everything', request: Empty, response: z.object({ fileName: z.string(), text: z.string() }) },
  'settings:import': { access: 'configure-everything', demo: 'refused', request: z.object({ text: z.string().max(1_000_000) }).strict(), response: SettingsResult }
} as const satisfies Record<string, InvokeSpec>

import { describe, expect, it } from 'vitest'
import { exportSettings, parseSettingsFile } from '../../../src/main/settings'
import { DEFAULT_SETTINGS } from '../../../src/shared/settings'
import { FULL_SETTINGS } from './fixtures'

const AT = new Date('2026-03-01T09:30:00.000Z')

function file(fields: Record<string, unknown>): string {
  return JSON.stringify({ format: 'earshot-settings', version: 1, exportedAt: AT.toISOString(), settings: FULL_SETTINGS, ...fields })
}

describe('settings files', () => {
  it('export then import gives back the same settings', () => {
    const text = exportSettings(FULL_SETTINGS, AT)
    expect(JSON.parse(text)).toEqual({ format: 'earshot-settings', version: 1, exportedAt: '2026-03-01T09:30:00.000Z', settings: FULL_SETTINGS })
    expect(parseSettingsFile(text)).toEqual({ ok: true, settings: FULL_SETTINGS, exportedAt: '2026-03-01T09:30:00.000Z' })
    expect(parseSettingsFile(exportSettings(DEFAULT_SETTINGS))).toMatchObject({ ok: true, settings: DEFAULT_SETTINGS })
  })

  it('fills settings an older export lacks with defaults', () => {
    const result = parseSettingsFile(file({ settings: { pbx: { url: 'ami://pbx:5038' } } }))
    expect(result).toEqual({ ok: true, exportedAt: AT.toISOString(), settings: { ...DEFAULT_SETTINGS, pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://pbx:5038' } } })
  })

  it.each([
    ['not JSON', '{"format": "earshot-settings",', /not valid JSON/],
    ['a JSON array', '[]', /not an Earshot settings file/],
    ['another format', file({ format: 'something-else' }), /not an Earshot settings file/],
    ['no version', file({ version: undefined }), /no valid version/],
    ['a fractional version', file({ version: 1.5 }), /no valid version/],
    ['a newer version', file({ version: 2 }), /newer Earshot \(settings format 2\); this Earshot reads format 1/],
    ['no settings', file({ settings: 'none' }), /no settings in it/],
    ['an oversized file', `${file({})}${' '.repeat(1024 * 1024)}`, /too large/]
  ])('refuses %s as a whole file, without throwing', (_what, text, message) => {
    const result = parseSettingsFile(text)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors.file).toMatch(message)
  })

  it('names every invalid field by its path', () => {
    const settings = structuredClone(FULL_SETTINGS) as unknown as { pbx: Record<string, unknown>; softphone: Record<string, unknown> }
    settings.pbx.url = 'http://pbx'
    settings.softphone.wsUrl = 'ws://pbx.example.com/ws'
    const result = parseSettingsFile(file({ settings }))
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['pbx.url', 'softphone.wsUrl'])
      expect(result.errors['softphone.wsUrl']).toMatch(/ws:\/\/ is allowed only to this computer/)
    }
  })

  it.each([
    ['pbx.password', { pbx: { ...FULL_SETTINGS.pbx, password: 'hunter2' } }],
    ['pbx.amiSecret', { pbx: { ...FULL_SETTINGS.pbx, amiSecret: 'hunter2' } }],
    ['softphone.sip_password', { softphone: { ...FULL_SETTINGS.softphone, sip_password: 'hunter2' } }],
    ['operators.0.pinHash', { operators: [{ name: 'Ruth', pinHash: 'scrypt$…' }] }],
    ['operators.0.pin', { operators: [{ name: 'Ruth', pin: '1234' }] }]
  ])('refuses a file with a secret-looking key (%s), and never echoes it', (path, extra) => {
    const result = parseSettingsFile(file({ settings: { ...FULL_SETTINGS, ...extra } }))
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.errors[path]).toMatch(/password, secret or PIN.*never carry secrets/)
    expect(JSON.stringify(result.errors)).not.toContain('hunter2')
  })

  it('finds secrets outside the settings too, and does not mistake ordinary words for them', () => {
    const outside = parseSettingsFile(file({ adminPassword: 'x' }))
    expect(outside.ok === false && Object.keys(outside.errors)).toEqual(['adminPassword'])
    const settings = { ...FULL_SETTINGS, floor: { agents: { kind: 'pattern', pattern: '1XXX' }, hidden: [] } }
    expect(parseSettingsFile(file({ settings, shipping: 1, mapping: 2 }))).toMatchObject({ ok: true })
  })
})

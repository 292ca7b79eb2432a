import { describe, expect, it } from 'vitest'
import {
  DEFAULT_SETTINGS,
  extensionMatcher,
  validateSettings,
  withDefaults,
  type MachineSettings
} from '../../../src/shared/settings'
import { CA_PEM, FULL_SETTINGS } from './fixtures'

/** FULL_SETTINGS with one field replaced, by dotted path. */
function withField(path: string, value: unknown): unknown {
  const copy = structuredClone(FULL_SETTINGS) as unknown as Record<string, unknown>
  const keys = path.split('.')
  let node = copy
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>
  node[keys.at(-1) ?? ''] = value
  return copy
}

function errorsOf(input: unknown): Record<string, string> {
  const result = validateSettings(input)
  if (result.ok) throw new Error('expected the settings to be refused')
  return result.errors
}

describe('validateSettings', () => {
  it('accepts the defaults (a fresh install) and fully filled settings', () => {
    expect(validateSettings(DEFAULT_SETTINGS)).toEqual({ ok: true, settings: DEFAULT_SETTINGS })
    expect(validateSettings(FULL_SETTINGS)).toEqual({ ok: true, settings: FULL_SETTINGS })
  })

  it.each([
    ['pbx.url', 'ami://pbx.example.com:5038'],
    ['pbx.url', 'amis://pbx.example.com'],
    ['pbx.url', 'ami://192.0.2.10:5038/'],
    ['pbx.url', 'AMI://[2001:db8::1]:5038'],
    ['pbx.url', 'ami://pbx:65535'],
    ['pbx.url', ''],
    ['pbx.username', 'earshot-console'],
    ['pbx.caCertificate', null],
    ['pbx.caCertificate', `${CA_PEM}${CA_PEM}`],
    ['pbx.caCertificate', CA_PEM.replace(/\n/g, '\r\n')],
    ['pbx.context', 'internal'],
    ['pbx.method', 'feature-codes'],
    ['pbx.featureCodes', { listen: '555', whisper: '#556', barge: '' }],
    ['pbx.featureCodes', { listen: '', whisper: '', barge: '' }],
    ['softphone.wsUrl', 'wss://pbx.example.com:8089/ws'],
    ['softphone.wsUrl', 'ws://127.0.0.1:8088/ws'],
    ['softphone.wsUrl', 'ws://127.8.9.10:8088/ws'],
    ['softphone.wsUrl', 'ws://[::1]:8088/ws'],
    ['softphone.wsUrl', 'ws://localhost:8088/ws'],
    ['softphone.wsUrl', ''],
    ['softphone.extension', 'alice.smith'],
    ['softphone.extension', ''],
    ['softphone.authUser', 'alice@example.com'],
    ['softphone.displayName', 'Zoë O’Brien'],
    ['floor.agents', { kind: 'all' }],
    ['floor.agents', { kind: 'pattern', pattern: '1XXX' }],
    ['floor.agents', { kind: 'pattern', pattern: '_2NX.' }],
    ['floor.agents', { kind: 'pattern', pattern: '[1-3]0[0-9]!' }],
    ['floor.hidden', []],
    ['records.defaultRegion', 'US'],
    ['records.crmUrlTemplate', null],
    ['records.crmUrlTemplate', 'https://crm.example.com/people/{e164}/calls?from={e164}'],
    ['updates.url', null],
    ['updates.url', 'https://updates.example.com/earshot/']
  ])('accepts %s = %j', (path, value) => {
    expect(validateSettings(withField(path, value))).toMatchObject({ ok: true })
  })

  it.each([
    ['pbx.url', 'http://pbx:5038', /Use ami:\/\/host:5038 or amis:\/\/host:5039/],
    ['pbx.url', 'pbx.example.com:5038', /not an AMI address/],
    ['pbx.url', 'ami://', /no valid host/],
    ['pbx.url', 'ami://pbx:0', /from 1 to 65535/],
    ['pbx.url', 'ami://pbx:65536', /from 1 to 65535/],
    ['pbx.url', 'ami://pbx:port', /from 1 to 65535/],
    ['pbx.url', 'ami://pbx:5038/manager', /path, query or fragment/],
    ['pbx.url', 'ami://earshot:hunter2@pbx:5038', /not in the address/],
    ['pbx.url', 42, /must be text/],
    ['pbx.username', 'earshot user', /section\] name/],
    ['pbx.caCertificate', 'not a certificate', /-----BEGIN CERTIFICATE-----/],
    ['pbx.caCertificate', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----', /cut short/],
    ['pbx.caCertificate', `${CA_PEM}trailing junk`, /Paste the CA certificate/],
    ['pbx.caCertificate', CA_PEM.replace(/CERTIFICATE/g, 'PRIVATE KEY'), /private key, not a certificate/],
    ['pbx.caCertificate', CA_PEM.replace(/CERTIFICATE/g, 'PUBLIC KEY'), /public key, not a certificate/],
    ['pbx.context', '', /dialplan context/],
    ['pbx.context', 'from internal', /dialplan context/],
    ['pbx.method', 'spy', /Choose one of: feature-codes, chanspy/],
    ['pbx.featureCodes.listen', '55a', /digits, \* and #/],
    ['pbx.featureCodes.barge', '*222', /same code as listen/],
    ['softphone.wsUrl', 'ws://pbx.example.com:8088/ws', /ws:\/\/ is allowed only to this computer \(127\.0\.0\.1.*use wss:\/\//],
    ['softphone.wsUrl', 'ws://192.168.1.10:8088/ws', /only to this computer/],
    ['softphone.wsUrl', 'https://pbx.example.com/ws', /wss:\/\//],
    ['softphone.wsUrl', 'wss://2001:pw@pbx.example.com/ws', /not in the address/],
    ['softphone.wsUrl', 'not a url', /not a WebSocket address/],
    ['softphone.extension', '10 01', /extension as the PBX names it/],
    ['softphone.displayName', 'Ruth "the boss"', /double quotes/],
    ['floor.agents', { kind: 'some' }, /Choose which agents to show/],
    ['floor.agents', { kind: 'pattern', pattern: '1*.*' }, /Asterisk-style pattern/],
    ['floor.agents', { kind: 'pattern', pattern: '1.X' }, /Asterisk-style pattern/],
    ['floor.agents', { kind: 'queues', queues: [] }, /at least one queue/],
    ['floor.agents', { kind: 'all', pattern: '1XXX' }, /no setting called 'pattern'/],
    ['floor.hidden', ['2001', '2001'], /listed once/],
    ['records.defaultRegion', 'gb', /two-letter country code in capitals/],
    ['records.defaultRegion', 'GBR', /two-letter country code/],
    ['records.defaultRegion', 'XX', /XX is not a country code/],
    ['records.crmUrlTemplate', 'http://crm.example.com/?q={e164}', /https:\/\/ only/],
    ['records.crmUrlTemplate', 'https://crm.example.com/search', /must contain \{e164\}/],
    ['records.crmUrlTemplate', 'https://crm.example.com/{e164}/{name}', /Only \{e164\}.*\{name\}/],
    ['records.crmUrlTemplate', 'https://user:pw@crm.example.com/{e164}', /user name or password/],
    ['records.crmUrlTemplate', '', /must contain \{e164\}/],
    ['updates.url', 'http://updates.example.com/earshot/', /https:\/\/ only/],
    ['updates.url', 'file:///srv/earshot/', /https:\/\/ only/],
    ['updates.url', 'https://admin:pw@updates.example.com/', /user name or password/],
    ['updates.url', 'https://updates.example.com/?channel=beta', /query or #fragment/],
    ['updates.url', 'https://updates.example.com/ earshot', /cannot contain spaces/],
    ['updates.url', '', /not a web address/]
  ])('refuses %s = %j, naming the field', (path, value, message) => {
    const errors = errorsOf(withField(path, value))
    const [field, text] = Object.entries(errors)[0] ?? []
    expect(Object.keys(errors)).toHaveLength(1)
    expect(field === path || field?.startsWith(`${path}.`)).toBe(true)
    expect(text).toMatch(message)
  })

  it('reports every bad field at once, by dotted path', () => {
    const input = structuredClone(FULL_SETTINGS) as unknown as { pbx: Record<string, unknown>; records: Record<string, unknown> }
    input.pbx.url = 'ftp://x'
    input.records.defaultRegion = 'uk'
    expect(Object.keys(errorsOf(input)).sort()).toEqual(['pbx.url', 'records.defaultRegion'])
  })

  it('names unknown and missing settings, so no password field can sneak in', () => {
    const input = withField('pbx.password', 'hunter2')
    expect(errorsOf(input)).toEqual({ 'pbx.password': "Earshot has no setting called 'password'." })
    const missing = structuredClone(FULL_SETTINGS) as Partial<MachineSettings>
    delete missing.softphone
    expect(errorsOf(missing)).toEqual({ softphone: 'This setting is missing.' })
    expect(errorsOf(null)).toEqual({ '': 'This must be a group of settings.' })
  })

  it('never echoes a password pasted into an address', () => {
    const errors = errorsOf(withField('pbx.url', 'ami://earshot:hunter2@pbx:5038'))
    expect(JSON.stringify(errors)).not.toContain('hunter2')
  })
})

describe('withDefaults', () => {
  it('fills what an older Earshot did not write, keeping what it did', () => {
    const merged = withDefaults({ pbx: { url: 'ami://pbx:5038', featureCodes: { listen: '555' } }, floor: { agents: { kind: 'pattern', pattern: '1XXX' } } })
    expect(validateSettings(merged)).toEqual({
      ok: true,
      settings: {
        ...DEFAULT_SETTINGS,
        pbx: { ...DEFAULT_SETTINGS.pbx, url: 'ami://pbx:5038', featureCodes: { listen: '555', whisper: '', barge: '' } },
        floor: { agents: { kind: 'pattern', pattern: '1XXX' }, hidden: [] }
      }
    })
  })

  it('keeps unknown keys so validation can name them', () => {
    expect(errorsOf(withDefaults({ records: { colour: 'red' } }))).toEqual({ 'records.colour': "Earshot has no setting called 'colour'." })
  })

  it('leaves the defaults themselves unchanged (they are frozen)', () => {
    expect(Object.isFrozen(DEFAULT_SETTINGS.pbx.featureCodes)).toBe(true)
    expect(Object.isFrozen(DEFAULT_SETTINGS.floor.hidden)).toBe(true)
  })
})

describe('extensionMatcher', () => {
  it.each([
    ['1XXX', '1001', true],
    ['1XXX', '10011', false],
    ['1XXX', '2001', false],
    ['_2NX.', '2201', true],
    ['_2NX.', '2101', false],
    ['_2NX.', '220', false],
    ['Z00', '100', true],
    ['Z00', '000', false],
    ['[1-3]0[05]', '305', true],
    ['[1-3]0[05]', '401', false],
    ['10!', '10', true],
    ['10!', '10999', true],
    ['*7X', '*71', true]
  ])('%s matches %s: %s', (pattern, extension, expected) => {
    expect(extensionMatcher(pattern)(extension)).toBe(expected)
  })

  it('refuses what is not a pattern', () => {
    expect(() => extensionMatcher('1.*')).toThrow(/Not an extension pattern/)
  })
})

import { describe, expect, it } from 'vitest'
import { RecordsSettings } from '../../../src/shared/settings'
import { crmUrl } from '../../../src/shared/records'

describe('crmUrl', () => {
  it('fills the settings template with the URL-encoded E.164 number', () => {
    const template = 'https://crm.example.com/search?phone={e164}&src=earshot'
    expect(RecordsSettings.safeParse({ defaultRegion: 'GB', crmUrlTemplate: template }).success).toBe(true)
    expect(crmUrl(template, '+442070001111')).toBe('https://crm.example.com/search?phone=%2B442070001111&src=earshot')
  })

  it('gives nothing without a template or for a number that is not E.164', () => {
    expect(crmUrl(null, '+442070001111')).toBeNull()
    expect(crmUrl('https://crm.example.com/{e164}', null)).toBeNull()
    expect(crmUrl('https://crm.example.com/{e164}', '1001')).toBeNull()
    expect(crmUrl('https://crm.example.com/{e164}', '+44/../admin')).toBeNull()
  })
})

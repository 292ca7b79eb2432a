import { describe, expect, it } from 'vitest'
import { HTTP_REFUSED, linkToOpen, webPageProblem } from '../../../src/shared/links'

describe('the link policy (both hosts)', () => {
  it('opens https pages and mailto addresses, normalised', () => {
    expect(linkToOpen('https://crm.example.com/c/1?x=1#top')).toEqual({ open: true, url: 'https://crm.example.com/c/1?x=1#top' })
    expect(linkToOpen('HTTPS://CRM.example.com')).toEqual({ open: true, url: 'https://crm.example.com/' })
    expect(linkToOpen('mailto:alice@acme.example')).toEqual({ open: true, url: 'mailto:alice@acme.example' })
  })

  it('refuses http with the reason, and every other scheme, credentials and non-addresses', () => {
    expect(linkToOpen('http://crm.example.com/c/1')).toEqual({ open: false, reason: HTTP_REFUSED })
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'earshot://x', 'ftp://host/file', 'https://user:pw@crm.example.com/', 'mailto:', 'not a url']) {
      const verdict = linkToOpen(url)
      expect(verdict.open, url).toBe(false)
      expect(verdict.open ? '' : verdict.reason, url).not.toBe('')
    }
  })

  it("accepts only https for a customer's web page (a mailto: is not a web page)", () => {
    expect(webPageProblem('https://crm.example.com/c/1')).toBeNull()
    expect(webPageProblem('http://crm.example.com/c/1')).toBe(HTTP_REFUSED)
    expect(webPageProblem('mailto:alice@acme.example')).toBe('A web page starts with https://.')
  })
})

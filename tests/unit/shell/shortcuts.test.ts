import { describe, expect, it } from 'vitest'
import { copyShortcut } from '../../../src/renderer/shell/pure/shortcuts'

describe('the copy shortcut the Copy buttons fall back to', () => {
  it('is ⌘C on macOS and Ctrl+C elsewhere', () => {
    expect(copyShortcut('MacIntel')).toBe('⌘C')
    expect(copyShortcut('', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36')).toBe('⌘C')
    expect(copyShortcut('Win32')).toBe('Ctrl+C')
    expect(copyShortcut('Linux x86_64')).toBe('Ctrl+C')
    expect(copyShortcut('', 'Mozilla/5.0 (X11; Linux x86_64)')).toBe('Ctrl+C')
  })
})

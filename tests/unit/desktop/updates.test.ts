import { describe, expect, it } from 'vitest'
import { nextUpdateState, updateFeed, updateWords, type UpdateState } from '../../../src/main/desktop'

describe('updateFeed: only the admin’s https address, only in a packaged app', () => {
  it('is off without an address, in a development build, or for an address that is not https', () => {
    expect(updateFeed(null, true)).toEqual({ off: expect.stringContaining('no update address') as unknown })
    expect(updateFeed('', true)).toHaveProperty('off')
    expect(updateFeed('https://updates.example.com/earshot/', false)).toEqual({ off: 'Updates are off in a development build.' })
    expect(updateFeed('http://updates.example.com/earshot/', true)).toEqual({ off: expect.stringContaining('https:// only') as unknown })
    expect(updateFeed('https://u:p@updates.example.com/', true)).toHaveProperty('off')
  })

  it('gives the generic provider a folder address', () => {
    expect(updateFeed('https://updates.example.com/earshot', true)).toEqual({ feed: 'https://updates.example.com/earshot/' })
    expect(updateFeed('https://updates.example.com/earshot/', true)).toEqual({ feed: 'https://updates.example.com/earshot/' })
  })
})

describe('the update states', () => {
  const feed = 'https://updates.example.com/earshot/'
  it('checking → downloading → ready, and a ready update survives later checks and errors', () => {
    let state: UpdateState = { phase: 'idle', feed, checkedAt: null }
    state = nextUpdateState(state, { kind: 'checking' }, 1)
    state = nextUpdateState(state, { kind: 'available', version: '0.2.0' }, 2)
    state = nextUpdateState(state, { kind: 'progress', percent: 41.6 }, 3)
    expect(state).toEqual({ phase: 'downloading', feed, version: '0.2.0', percent: 42 })
    state = nextUpdateState(state, { kind: 'downloaded', version: '0.2.0' }, 4)
    state = nextUpdateState(state, { kind: 'checking' }, 5)
    state = nextUpdateState(state, { kind: 'error', message: 'offline' }, 6)
    expect(state).toEqual({ phase: 'ready', feed, version: '0.2.0' })
    expect(updateWords(state)).toBe('Earshot 0.2.0 is ready: Restart to update (tray).')
  })

  it('off stays off whatever the updater says; an error is said in words', () => {
    const off: UpdateState = { phase: 'off', reason: 'Updates are off: no update address is set (Settings → Updates).' }
    expect(nextUpdateState(off, { kind: 'downloaded', version: '9.9.9' }, 1)).toBe(off)
    const failed = nextUpdateState({ phase: 'checking', feed }, { kind: 'error', message: 'HttpError: 404' }, 1)
    expect(updateWords(failed)).toBe('The last update check failed: HttpError: 404')
    expect(updateWords(nextUpdateState({ phase: 'checking', feed }, { kind: 'none' }, Date.UTC(2026, 11, 5, 8, 30)))).toBe('Up to date (checked 2026-12-05 08:30 UTC).')
  })
})

import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from '../../../src/main/store'

describe('resolveDataDir', () => {
  const userData = path.resolve('/home/ruth/.config/Earshot')

  it('uses the default without EARSHOT_DATA_DIR', () => {
    expect(resolveDataDir({}, userData)).toBe(userData)
    expect(resolveDataDir({ EARSHOT_DATA_DIR: '  ' }, userData)).toBe(userData)
  })

  it('lets EARSHOT_DATA_DIR override it, relative to the working directory', () => {
    expect(resolveDataDir({ EARSHOT_DATA_DIR: '/srv/earshot' }, userData)).toBe(path.resolve('/srv/earshot'))
    expect(resolveDataDir({ EARSHOT_DATA_DIR: 'portable-data' }, userData)).toBe(path.resolve('portable-data'))
  })
})

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AmiActionError, AmiTimeoutError } from '../../../src/main/ami/errors'
import { amiMessage } from '../../../src/main/ami/message'
import { ACTION_WRITE_CLASSES, privilegeError } from '../../../src/main/ami/privileges'

const denied = (action: string, text = 'Permission denied'): AmiActionError =>
  new AmiActionError(action, text, amiMessage([['Response', 'Error'], ['Message', text]]))

describe('privilegeError', () => {
  it('names the manager.conf write classes that allow the action', () => {
    expect(privilegeError(denied('CoreShowChannels'))).toMatchObject({
      kind: 'privileges',
      message: "The AMI user lacks the 'system' or 'reporting' write privilege needed for CoreShowChannels (Permission denied)"
    })
    expect(privilegeError(denied('originate'))?.message).toBe(
      "The AMI user lacks the 'originate' write privilege needed for Originate (Permission denied)"
    )
  })

  it('points at the login for actions that need no class', () => {
    expect(privilegeError(denied('QueueStatus'))?.message).toMatch(/QueueStatus, which needs no manager.conf privilege: is the session logged in\?/)
  })

  it('still explains actions it does not know', () => {
    expect(privilegeError(denied('Redirect'))?.message).toBe('The AMI user lacks the write privilege needed for Redirect (Permission denied)')
  })

  it('leaves other errors alone', () => {
    expect(privilegeError(denied('Hangup', 'No such channel'))).toBeUndefined()
    expect(privilegeError(new AmiTimeoutError('Ping: no response'))).toBeUndefined()
  })

  it('covers exactly the actions Earshot sends (read from its sources)', () => {
    expect(Object.keys(ACTION_WRITE_CLASSES).sort()).toEqual(actionsInSources())
  })
})

/**
 * Every AMI action Earshot's main process sends: `Action: '<Name>'` literals and the snapshot's
 * and identity's action lists, outside the demo PBX (which answers actions, never sends them).
 */
function actionsInSources(): string[] {
  const root = join(__dirname, '../../../src/main')
  const found = new Set<string>()
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) {
        if (entry.name !== 'demo-pbx') walk(path)
        continue
      }
      if (!entry.name.endsWith('.ts')) continue
      const text = readFileSync(path, 'utf8')
      for (const m of text.matchAll(/Action: '([A-Za-z]+)'/g)) found.add(m[1] ?? '')
      for (const m of text.matchAll(/(?:SNAPSHOT|IDENTITY)_ACTIONS = \[([^\]]*)\]/g)) for (const name of (m[1] ?? '').matchAll(/'([A-Za-z]+)'/g)) found.add(name[1] ?? '')
    }
  }
  walk(root)
  // Login opens the session (any user may send it); Test connection's ListCommands is sent as a list action.
  found.delete('Login')
  return [...found].sort()
}

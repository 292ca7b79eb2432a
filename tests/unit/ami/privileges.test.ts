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

  it('covers every action Earshot sends', () => {
    expect(Object.keys(ACTION_WRITE_CLASSES).sort()).toEqual(
      ['BridgeList', 'CoreShowChannels', 'DeviceStateList', 'ExtensionStateList', 'Getvar', 'Hangup', 'Originate', 'PJSIPShowContacts', 'PJSIPShowEndpoints', 'Ping', 'QueuePause', 'QueueStatus', 'ShowDialPlan'].sort()
    )
  })
})

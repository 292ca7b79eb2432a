import { AmiActionError, AmiConnectError } from './errors'

/**
 * manager.conf classes that allow each action Earshot sends. Asterisk checks an action against
 * the user's `write=` line and any one listed class suffices (main/manager.c process_message);
 * [] means any logged-in user may send it. From the registrations in Asterisk's sources:
 * main/manager.c, main/manager_bridges.c, apps/app_queue.c, res/res_pjsip, main/pbx.c,
 * res/res_manager_devicestate.c.
 *
 * Events are filtered by `read=` instead, and missing read classes fail silently: the live floor
 * needs read=call (channels, bridges, dial, ChanSpy), agent (queues), system (contacts,
 * FullyBooted) and dtmf (spy-mode switches).
 */
export const ACTION_WRITE_CLASSES: Readonly<Record<string, readonly string[]>> = {
  CoreShowChannels: ['system', 'reporting'],
  BridgeList: [],
  PJSIPShowEndpoints: ['system'],
  PJSIPShowContacts: ['system'],
  QueueStatus: [],
  ExtensionStateList: ['call', 'reporting'],
  DeviceStateList: ['call', 'reporting'],
  Originate: ['originate'],
  QueuePause: ['agent'],
  Hangup: ['system', 'call'],
  Getvar: ['call', 'reporting'],
  Ping: [],
  ShowDialPlan: ['config', 'reporting']
}

const BY_LOWER_NAME = new Map(Object.entries(ACTION_WRITE_CLASSES).map(([name, classes]) => [name.toLowerCase(), { name, classes }]))

/**
 * Turns Asterisk's bare "Permission denied" into what to fix in manager.conf (an AmiConnectError
 * of kind 'privileges'); returns undefined for any other error.
 */
export function privilegeError(error: unknown): AmiConnectError | undefined {
  if (!(error instanceof AmiActionError) || !/permission denied/i.test(error.message)) return undefined
  const known = BY_LOWER_NAME.get(error.action.toLowerCase())
  const action = known?.name ?? error.action
  const classes = known?.classes.map((c) => `'${c}'`).join(' or ')
  const text =
    classes === ''
      ? `Asterisk refused ${action}, which needs no manager.conf privilege: is the session logged in? (Permission denied)`
      : `The AMI user lacks the ${classes === undefined ? '' : `${classes} `}write privilege needed for ${action} (Permission denied)`
  return new AmiConnectError('privileges', text, { cause: error })
}

import { ACTION_WRITE_CLASSES } from '../../shared/ami-privileges'
import { AmiActionError, AmiConnectError } from './errors'

/** What each action Earshot sends needs (the table lives with the least-privilege derivation). */
export { ACTION_WRITE_CLASSES } from '../../shared/ami-privileges'

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

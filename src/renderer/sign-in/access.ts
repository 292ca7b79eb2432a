import { createContext, useContext } from 'react'
import type { Operator } from '../../shared/contract'
import type { Scope } from '../../shared/settings'

/**
 * What the signed-in operator may see and do, as the UI shows it. Main enforces the same rule on
 * every channel (src/main/ipc/router.ts `allowed`); the UI only hides what main would refuse.
 */
export interface Access {
  /** `see-everyone`: the whole floor (the live monitor); without it, only their own calls. */
  seeEveryone: boolean
  /** `configure-everything`: settings, operators, the demo, Listen / Whisper / Barge. */
  configure: boolean
}

export const NO_ACCESS: Access = Object.freeze({ seeEveryone: false, configure: false })

export function accessOf(operator: Pick<Operator, 'scopes'> | null): Access {
  if (operator === null) return NO_ACCESS
  return { seeEveryone: operator.scopes.includes('see-everyone'), configure: operator.scopes.includes('configure-everything') }
}

/** Outside a provider nobody may do anything: a screen rendered by mistake shows the least. */
export const AccessContext = createContext<Access>(NO_ACCESS)

export function useAccess(): Access {
  return useContext(AccessContext)
}

/** Listen / Whisper / Barge (buttons and L/W/B keys): only with `configure-everything`. */
export function useCanSupervise(): boolean {
  return useContext(AccessContext).configure
}

/** Admin shortcuts that other screens (the connection banner, the floor's notes) may offer. */
export interface AdminActions {
  /** Opens the settings page at Test connection, and runs it. */
  openTestConnection: () => void
  /** Opens the settings page at a section (PBX when not given). */
  openSettings: (section?: 'pbx' | 'softphone' | 'floor' | 'records') => void
}

/** Null for operators without `configure-everything`: they get no admin links. */
export const AdminActionsContext = createContext<AdminActions | null>(null)

export function useAdminActions(): AdminActions | null {
  return useContext(AdminActionsContext)
}

/** The words the UI uses for each scope (checkbox labels, badges). */
export const SCOPE_LABEL: Readonly<Record<Scope, { short: string; long: string }>> = {
  'see-everyone': { short: 'Sees everyone', long: 'See everyone (live monitor)' },
  'configure-everything': { short: 'Admin', long: 'Configure everything (settings, Listen/Whisper/Barge)' }
}

import { createContext, useContext } from 'react'
import type { Operator } from '../../shared/contract'
import { type Scope, supervisionModes } from '../../shared/settings'
import type { SupervisionMode } from '../../shared/supervision'

/**
 * What the signed-in operator may see and do, as the UI shows it. Main enforces the same rule on
 * every channel (src/main/ipc/router.ts `allowed`); the UI only hides what main would refuse.
 */
export interface Access {
  /** `see-everyone`: the whole floor (the live monitor); without it, only their own calls. */
  seeEveryone: boolean
  /** `configure-everything`: settings, operators, the demo, and every supervision mode. */
  configure: boolean
  /** The supervision modes allowed (`supervise:*`, all three with configure-everything). */
  modes: readonly SupervisionMode[]
}

/** Creating and editing customers needs see-everyone or configure-everything (main refuses anyone else). */
export function editsCustomers(access: Access): boolean {
  return access.seeEveryone || access.configure
}

export const NO_ACCESS: Access = Object.freeze({ seeEveryone: false, configure: false, modes: [] })

export function accessOf(operator: Pick<Operator, 'scopes'> | null): Access {
  if (operator === null) return NO_ACCESS
  return { seeEveryone: operator.scopes.includes('see-everyone'), configure: operator.scopes.includes('configure-everything'), modes: supervisionModes(operator.scopes) }
}

/** Outside a provider nobody may do anything: a screen rendered by mistake shows the least. */
export const AccessContext = createContext<Access>(NO_ACCESS)

export function useAccess(): Access {
  return useContext(AccessContext)
}

/**
 * The Listen / Whisper / Barge modes this operator may use (buttons, L/W/B keys, the call bar's
 * switch). Empty on "My calls": supervising is for the whole floor, and without see-everyone the
 * only row is the operator's own.
 */
export function useSupervisionModes(): readonly SupervisionMode[] {
  const access = useContext(AccessContext)
  return access.seeEveryone ? access.modes : NONE
}

const NONE: readonly SupervisionMode[] = Object.freeze([])

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
  'supervise:listen': { short: 'Listen', long: 'Listen (the agent and customer do not hear them)' },
  'supervise:whisper': { short: 'Whisper', long: 'Whisper (only the agent hears them)' },
  'supervise:barge': { short: 'Barge', long: 'Barge (the agent and customer both hear them)' },
  'configure-everything': { short: 'Admin', long: 'Configure everything (settings, Listen/Whisper/Barge)' }
}

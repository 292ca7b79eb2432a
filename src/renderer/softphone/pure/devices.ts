/**
 * Audio device choice, pure: which microphone, headset output and ring output the supervisor
 * picked (remembered per machine), and which device each one resolves to among those present now.
 *
 * A chosen device that is not present resolves to the system default (with a notice); the choice
 * itself is kept, so when the device comes back it is used again (with a notice). Devices are
 * matched by id first and then by label, since some platforms hand out new ids after a reboot or a
 * permission reset.
 */

export type AudioRole = 'microphone' | 'headset' | 'ring'

export const AUDIO_ROLES: readonly AudioRole[] = ['microphone', 'headset', 'ring']

export const ROLE_LABEL: Readonly<Record<AudioRole, string>> = {
  microphone: 'Microphone',
  headset: 'Headset (call audio)',
  ring: 'Ringing'
}

/** A remembered choice: the device's id and its label when it was chosen (for notices). */
export interface DeviceChoice {
  deviceId: string
  label: string
}

/** null: the system default. */
export type AudioChoices = Readonly<Record<AudioRole, DeviceChoice | null>>

export const DEFAULT_CHOICES: AudioChoices = { microphone: null, headset: null, ring: null }

/** The parts of MediaDeviceInfo this module uses. */
export interface AudioDevice {
  deviceId: string
  kind: 'audioinput' | 'audiooutput'
  label: string
}

export function roleKind(role: AudioRole): AudioDevice['kind'] {
  return role === 'microphone' ? 'audioinput' : 'audiooutput'
}

/** Chromium's pseudo-devices that stand for "whatever the system uses": not offered as choices. */
function isPseudoDevice(device: AudioDevice): boolean {
  return device.deviceId === '' || device.deviceId === 'default' || device.deviceId === 'communications'
}

/** The devices offered for a role (real devices only; "System default" is the null choice). */
export function devicesFor(role: AudioRole, devices: readonly AudioDevice[]): AudioDevice[] {
  const kind = roleKind(role)
  return devices.filter((d) => d.kind === kind && !isPseudoDevice(d))
}

/** What a role plays or records on now. */
export interface ResolvedDevice {
  /** The device id to use, or null for the system default. */
  deviceId: string | null
  /** The chosen device that is not present (the default is used instead), else null. */
  missing: DeviceChoice | null
}

export type ResolvedDevices = Readonly<Record<AudioRole, ResolvedDevice>>

export function resolveDevice(role: AudioRole, choice: DeviceChoice | null, devices: readonly AudioDevice[]): ResolvedDevice {
  if (choice === null) return { deviceId: null, missing: null }
  const candidates = devicesFor(role, devices)
  const byId = candidates.find((d) => d.deviceId === choice.deviceId)
  if (byId !== undefined) return { deviceId: byId.deviceId, missing: null }
  const byLabel = choice.label === '' ? undefined : candidates.find((d) => d.label === choice.label)
  if (byLabel !== undefined) return { deviceId: byLabel.deviceId, missing: null }
  return { deviceId: null, missing: choice }
}

export function resolveDevices(choices: AudioChoices, devices: readonly AudioDevice[]): ResolvedDevices {
  return {
    microphone: resolveDevice('microphone', choices.microphone, devices),
    headset: resolveDevice('headset', choices.headset, devices),
    ring: resolveDevice('ring', choices.ring, devices)
  }
}

function deviceName(choice: DeviceChoice): string {
  return choice.label === '' ? 'the chosen device' : `“${choice.label}”`
}

const DEFAULT_WORDS: Readonly<Record<AudioRole, string>> = {
  microphone: 'the default microphone',
  headset: 'the default output for calls',
  ring: 'the default output for ringing'
}

/**
 * The notices for a change in resolution: a chosen device that went away (using the default now),
 * and one that came back (used again). The first resolution only reports devices already missing.
 */
export function deviceNotices(previous: ResolvedDevices | null, next: ResolvedDevices): string[] {
  const notices: string[] = []
  for (const role of AUDIO_ROLES) {
    const before = previous?.[role] ?? null
    const after = next[role]
    if (after.missing !== null && (before === null || before.missing === null)) {
      notices.push(`${ROLE_LABEL[role]}: ${deviceName(after.missing)} is not connected; using ${DEFAULT_WORDS[role]}`)
    } else if (after.missing === null && before?.missing != null && after.deviceId !== null) {
      notices.push(`${ROLE_LABEL[role]}: ${deviceName(before.missing)} is back and in use again`)
    }
  }
  return notices
}

/** The storage this module needs (window.localStorage in the app). */
export interface ChoiceStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const CHOICES_KEY = 'earshot.audio-devices.v1'

function parseChoice(value: unknown): DeviceChoice | null {
  if (typeof value !== 'object' || value === null) return null
  const { deviceId, label } = value as Record<string, unknown>
  if (typeof deviceId !== 'string' || deviceId === '' || deviceId.length > 512) return null
  return { deviceId, label: typeof label === 'string' ? label.slice(0, 256) : '' }
}

/** The remembered choices; anything unreadable counts as "system default". */
export function loadChoices(storage: ChoiceStorage | null): AudioChoices {
  if (storage === null) return DEFAULT_CHOICES
  let parsed: unknown
  try {
    parsed = JSON.parse(storage.getItem(CHOICES_KEY) ?? 'null')
  } catch {
    return DEFAULT_CHOICES
  }
  if (typeof parsed !== 'object' || parsed === null) return DEFAULT_CHOICES
  const record = parsed as Record<string, unknown>
  return {
    microphone: parseChoice(record['microphone']),
    headset: parseChoice(record['headset']),
    ring: parseChoice(record['ring'])
  }
}

export function saveChoices(storage: ChoiceStorage | null, choices: AudioChoices): void {
  try {
    storage?.setItem(CHOICES_KEY, JSON.stringify(choices))
  } catch {
    // Storage full or disabled: the choice still applies for this run.
  }
}

/** A new choice for one role, from the id picked in the settings (null or '' = system default). */
export function choose(choices: AudioChoices, role: AudioRole, deviceId: string | null, devices: readonly AudioDevice[]): AudioChoices {
  if (deviceId === null || deviceId === '') return { ...choices, [role]: null }
  const device = devicesFor(role, devices).find((d) => d.deviceId === deviceId)
  const label = device?.label ?? (choices[role]?.deviceId === deviceId ? choices[role].label : '')
  return { ...choices, [role]: { deviceId, label } }
}

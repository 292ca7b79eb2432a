/**
 * Audio device choice: remembered per machine, resolved against the devices present, a missing
 * device falls back to the default with a notice, and comes back into use when it returns.
 */
import { describe, expect, it } from 'vitest'
import {
  type AudioChoices,
  type AudioDevice,
  CHOICES_KEY,
  DEFAULT_CHOICES,
  type ChoiceStorage,
  choose,
  deviceNotices,
  devicesFor,
  loadChoices,
  resolveDevices,
  saveChoices
} from '../../../src/renderer/softphone/pure/devices'

const MIC_DEFAULT: AudioDevice = { deviceId: 'default', kind: 'audioinput', label: 'Default - Built-in Microphone' }
const BUILT_IN_MIC: AudioDevice = { deviceId: 'mic-builtin', kind: 'audioinput', label: 'Built-in Microphone' }
const HEADSET_MIC: AudioDevice = { deviceId: 'mic-jabra', kind: 'audioinput', label: 'Jabra Evolve2 65' }
const OUT_DEFAULT: AudioDevice = { deviceId: 'default', kind: 'audiooutput', label: 'Default - Speakers' }
const COMMS: AudioDevice = { deviceId: 'communications', kind: 'audiooutput', label: 'Communications - Speakers' }
const SPEAKERS: AudioDevice = { deviceId: 'out-speakers', kind: 'audiooutput', label: 'Speakers' }
const HEADSET_OUT: AudioDevice = { deviceId: 'out-jabra', kind: 'audiooutput', label: 'Jabra Evolve2 65' }

const ALL = [MIC_DEFAULT, BUILT_IN_MIC, HEADSET_MIC, OUT_DEFAULT, COMMS, SPEAKERS, HEADSET_OUT]
const UNPLUGGED = [MIC_DEFAULT, BUILT_IN_MIC, OUT_DEFAULT, COMMS, SPEAKERS]

class MemoryStorage implements ChoiceStorage {
  readonly items = new Map<string, string>()
  getItem(key: string): string | null {
    return this.items.get(key) ?? null
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value)
  }
}

const HEADSET_CHOICES: AudioChoices = {
  microphone: { deviceId: 'mic-jabra', label: 'Jabra Evolve2 65' },
  headset: { deviceId: 'out-jabra', label: 'Jabra Evolve2 65' },
  ring: { deviceId: 'out-speakers', label: 'Speakers' }
}

describe('audio devices', () => {
  it('offers real devices per role, not the default/communications pseudo-devices', () => {
    expect(devicesFor('microphone', ALL).map((d) => d.deviceId)).toEqual(['mic-builtin', 'mic-jabra'])
    expect(devicesFor('headset', ALL).map((d) => d.deviceId)).toEqual(['out-speakers', 'out-jabra'])
    expect(devicesFor('ring', ALL)).toEqual(devicesFor('headset', ALL))
  })

  it('remembers choices per machine (localStorage) and survives junk in storage', () => {
    const storage = new MemoryStorage()
    expect(loadChoices(storage)).toEqual(DEFAULT_CHOICES)
    let choices = choose(DEFAULT_CHOICES, 'headset', 'out-jabra', ALL)
    choices = choose(choices, 'microphone', 'mic-jabra', ALL)
    choices = choose(choices, 'ring', 'out-speakers', ALL)
    expect(choices).toEqual(HEADSET_CHOICES)
    saveChoices(storage, choices)
    expect(loadChoices(storage)).toEqual(HEADSET_CHOICES)
    expect(choose(choices, 'ring', '', ALL).ring).toBeNull()

    storage.setItem(CHOICES_KEY, '{not json')
    expect(loadChoices(storage)).toEqual(DEFAULT_CHOICES)
    storage.setItem(CHOICES_KEY, JSON.stringify({ microphone: { deviceId: 42 }, headset: 'x', ring: { deviceId: 'r' } }))
    expect(loadChoices(storage)).toEqual({ microphone: null, headset: null, ring: { deviceId: 'r', label: '' } })
    expect(loadChoices(null)).toEqual(DEFAULT_CHOICES)
  })

  it('resolves chosen devices that are present; the default is null', () => {
    expect(resolveDevices(HEADSET_CHOICES, ALL)).toEqual({
      microphone: { deviceId: 'mic-jabra', missing: null },
      headset: { deviceId: 'out-jabra', missing: null },
      ring: { deviceId: 'out-speakers', missing: null }
    })
    expect(resolveDevices(DEFAULT_CHOICES, ALL)).toEqual({
      microphone: { deviceId: null, missing: null },
      headset: { deviceId: null, missing: null },
      ring: { deviceId: null, missing: null }
    })
  })

  it('a chosen device that disappears falls back to the default, with a notice; back again, it is used again', () => {
    const present = resolveDevices(HEADSET_CHOICES, ALL)
    expect(deviceNotices(null, present)).toEqual([])

    const gone = resolveDevices(HEADSET_CHOICES, UNPLUGGED)
    expect(gone.headset).toEqual({ deviceId: null, missing: HEADSET_CHOICES.headset })
    expect(gone.microphone).toEqual({ deviceId: null, missing: HEADSET_CHOICES.microphone })
    expect(gone.ring).toEqual({ deviceId: 'out-speakers', missing: null })
    expect(deviceNotices(present, gone)).toEqual([
      'Microphone: “Jabra Evolve2 65” is not connected; using the default microphone',
      'Headset (call audio): “Jabra Evolve2 65” is not connected; using the default output for calls'
    ])
    // The same situation again says nothing new.
    expect(deviceNotices(gone, resolveDevices(HEADSET_CHOICES, UNPLUGGED))).toEqual([])

    const back = resolveDevices(HEADSET_CHOICES, ALL)
    expect(back.headset.deviceId).toBe('out-jabra')
    expect(deviceNotices(gone, back)).toEqual([
      'Microphone: “Jabra Evolve2 65” is back and in use again',
      'Headset (call audio): “Jabra Evolve2 65” is back and in use again'
    ])
  })

  it('a device already missing at start is reported once', () => {
    expect(deviceNotices(null, resolveDevices(HEADSET_CHOICES, UNPLUGGED))).toHaveLength(2)
  })

  it('a device that came back under a new id is found by its label', () => {
    const renumbered = [...UNPLUGGED, { ...HEADSET_OUT, deviceId: 'out-jabra-2' }]
    expect(resolveDevices(HEADSET_CHOICES, renumbered).headset).toEqual({ deviceId: 'out-jabra-2', missing: null })
  })

  it('keeps the remembered label when the device list has no labels yet (no permission)', () => {
    const unlabelled = ALL.map((d) => ({ ...d, label: '' }))
    expect(choose(HEADSET_CHOICES, 'headset', 'out-jabra', unlabelled).headset).toEqual({ deviceId: 'out-jabra', label: '' })
    expect(choose(HEADSET_CHOICES, 'headset', 'out-jabra', ALL).headset?.label).toBe('Jabra Evolve2 65')
  })
})

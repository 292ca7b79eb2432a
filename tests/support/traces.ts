import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseCapture, type CaptureRecord } from '../../src/main/capture/format'
import { SCENARIO_NAMES } from '../../src/main/demo-pbx/scenarios'
import type { FeatureCodes } from '../../src/main/calls'

/** The real Asterisk 22 captures live beside the repo (`../shared/traces`), as in CI. */
export const TRACES_DIR = process.env.EARSHOT_TRACES ?? resolve(__dirname, '../../../shared/traces')

if (!existsSync(TRACES_DIR)) throw new Error(`AMI captures not found at ${TRACES_DIR} (set EARSHOT_TRACES)`)

/** Every capture: the scenarios the demo PBX scripts, plus busy-floor (which it does not). */
export const SCENARIOS = [...SCENARIO_NAMES, 'busy-floor'] as const
export type Scenario = (typeof SCENARIOS)[number]

/** The lab's dialplan (shared/asterisk/extensions.conf): 555/556/557 + extension, outbound prefix 9. */
export const LAB_CODES: FeatureCodes = { listen: '555', whisper: '556', barge: '557' }
export const LAB_OPTIONS = { featureCodes: LAB_CODES, outboundPrefix: '9' }

export function tracePath(name: Scenario): string {
  return join(TRACES_DIR, `${name}.jsonl`)
}

export function loadTrace(name: Scenario): CaptureRecord[] {
  return parseCapture(readFileSync(tracePath(name), 'utf8'))
}

/**
 * The captures recorded later (queues, pauses, several calls, transfers, restarts): no demo
 * scenario scripts them, so they are not `Scenario`s.
 */
export const LATER_CAPTURES = ['queue-waiting', 'paused-on-call', 'call-waiting', 'attended-transfer', 'asterisk-restart'] as const
export type LaterCapture = (typeof LATER_CAPTURES)[number]

export function laterCapturePath(name: LaterCapture): string {
  return join(TRACES_DIR, `${name}.jsonl`)
}

export function loadLaterCapture(name: LaterCapture): CaptureRecord[] {
  return parseCapture(readFileSync(laterCapturePath(name), 'utf8'))
}

export function loadLaterSteps(name: LaterCapture): Step[] {
  return loadSteps(name as unknown as Scenario)
}

export interface Step {
  t: number
  step: string
  [key: string]: unknown
}

export function loadSteps(name: Scenario): Step[] {
  return readFileSync(join(TRACES_DIR, `${name}.steps.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Step)
}

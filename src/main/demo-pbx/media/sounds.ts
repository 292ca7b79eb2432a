/**
 * What the demo's calls sound like, at 8 kHz: the customer is a steady 440 Hz tone, the agent a
 * pulsed 880 Hz tone (on 250 ms, off 250 ms), so a listener (or a test's Goertzel filter) tells
 * the two parties apart at once.
 */

export const SAMPLE_RATE = 8000
/** 20 ms of audio at 8 kHz: one RTP packet of PCMU. */
export const FRAME_SAMPLES = 160

export const CUSTOMER_HZ = 440
export const AGENT_HZ = 880
export const AGENT_PULSE_MS = 250
/** Each party at about -15 dBFS, so both together never clip. */
const AMPLITUDE = 0.18 * 32_767

/** Which parties of the supervised call are in the supervisor's ear. */
export interface Program {
  customer: boolean
  agent: boolean
}

export const SILENCE: Program = { customer: false, agent: false }

/** One 20 ms frame starting at sample `start` (a running sample counter). */
export function renderFrame(program: Program, start: number, out = new Int16Array(FRAME_SAMPLES)): Int16Array {
  for (let i = 0; i < out.length; i++) {
    const n = start + i
    const t = n / SAMPLE_RATE
    let v = 0
    if (program.customer) v += AMPLITUDE * Math.sin(2 * Math.PI * CUSTOMER_HZ * t)
    if (program.agent && Math.floor((n * 1000) / SAMPLE_RATE / AGENT_PULSE_MS) % 2 === 0) v += AMPLITUDE * Math.sin(2 * Math.PI * AGENT_HZ * t)
    out[i] = Math.round(v)
  }
  return out
}

/** Relative power of one frequency in a block of samples (Goertzel), 0..1 of the block's energy. */
export function toneShare(samples: ArrayLike<number>, hz: number, rate = SAMPLE_RATE): number {
  const n = samples.length
  if (n === 0) return 0
  const k = Math.round((n * hz) / rate)
  const w = (2 * Math.PI * k) / n
  const coeff = 2 * Math.cos(w)
  let s1 = 0
  let s2 = 0
  let energy = 0
  for (let i = 0; i < n; i++) {
    const x = samples[i] as number
    energy += x * x
    const s0 = x + coeff * s1 - s2
    s2 = s1
    s1 = s0
  }
  if (energy === 0) return 0
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2
  // A pure tone at the bin frequency gives power = energy * n / 2.
  return Math.min(1, (2 * power) / (n * energy))
}

/** Root mean square of 16-bit samples, as a share of full scale (0..1). */
export function rms(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (let i = 0; i < samples.length; i++) sum += (samples[i] as number) ** 2
  return Math.sqrt(sum / samples.length) / 32_768
}

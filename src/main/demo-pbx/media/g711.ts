/** G.711 µ-law (PCMU, RTP payload type 0): 16-bit linear PCM ↔ 8-bit codes. */

const BIAS = 0x84
const CLIP = 32_635

/** One 16-bit sample → its µ-law byte. */
export function linearToUlaw(sample: number): number {
  let s = Math.max(-32_768, Math.min(32_767, Math.round(sample)))
  const sign = s < 0 ? 0x80 : 0
  if (s < 0) s = -s
  if (s > CLIP) s = CLIP
  s += BIAS
  let exponent = 7
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--
  const mantissa = (s >> (exponent + 3)) & 0x0f
  return ~(sign | (exponent << 4) | mantissa) & 0xff
}

const DECODE = new Int16Array(256)
for (let i = 0; i < 256; i++) {
  const u = ~i & 0xff
  const sign = u & 0x80
  const exponent = (u >> 4) & 0x07
  const mantissa = u & 0x0f
  const magnitude = (((mantissa << 3) + BIAS) << exponent) - BIAS
  DECODE[i] = sign !== 0 ? -magnitude : magnitude
}

export function ulawToLinear(code: number): number {
  return DECODE[code & 0xff] as number
}

export function encodeUlaw(samples: ArrayLike<number>): Buffer {
  const out = Buffer.alloc(samples.length)
  for (let i = 0; i < samples.length; i++) out[i] = linearToUlaw(samples[i] as number)
  return out
}

export function decodeUlaw(payload: Uint8Array): Int16Array {
  const out = new Int16Array(payload.length)
  for (let i = 0; i < payload.length; i++) out[i] = DECODE[payload[i] as number] as number
  return out
}

/** µ-law silence (the code for 0). */
export const ULAW_SILENCE = 0xff

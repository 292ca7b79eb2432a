/**
 * The ring of an ordinary incoming call, made here rather than shipped as a file: one cycle of a
 * UK-style double ring (400 + 450 Hz, 0.4 s on, 0.2 s off, 0.4 s on, 2 s off) as a 16-bit mono
 * WAV, looped by an <audio> element on the ring output (a blob: URL, which the CSP allows).
 */
export interface RingtoneOptions {
  sampleRate?: number
  /** Peak amplitude, 0–1. */
  volume?: number
}

const PATTERN: ReadonlyArray<[on: boolean, seconds: number]> = [
  [true, 0.4],
  [false, 0.2],
  [true, 0.4],
  [false, 2]
]

export function ringtoneWav(options: RingtoneOptions = {}): Uint8Array {
  const rate = options.sampleRate ?? 8000
  const volume = Math.min(1, Math.max(0, options.volume ?? 0.3))
  const samples: number[] = []
  const fade = Math.round(rate * 0.01)
  for (const [on, seconds] of PATTERN) {
    const count = Math.round(rate * seconds)
    for (let i = 0; i < count; i++) {
      if (!on) {
        samples.push(0)
        continue
      }
      const t = samples.length / rate
      // Short fades at both ends so the tone starts and stops without a click.
      const envelope = Math.min(1, i / fade, (count - 1 - i) / fade)
      const value = (Math.sin(2 * Math.PI * 400 * t) + Math.sin(2 * Math.PI * 450 * t)) / 2
      samples.push(Math.round(value * envelope * volume * 32767))
    }
  }
  const dataBytes = samples.length * 2
  const buffer = new ArrayBuffer(44 + dataBytes)
  const view = new DataView(buffer)
  const ascii = (offset: number, text: string): void => {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i))
  }
  ascii(0, 'RIFF')
  view.setUint32(4, 36 + dataBytes, true)
  ascii(8, 'WAVE')
  ascii(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, rate, true)
  view.setUint32(28, rate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  ascii(36, 'data')
  view.setUint32(40, dataBytes, true)
  samples.forEach((sample, i) => view.setInt16(44 + i * 2, sample, true))
  return new Uint8Array(buffer)
}

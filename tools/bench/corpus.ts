import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCapture } from '../../src/main/capture'

/**
 * A large, realistic AMI byte stream: the live part of the real busy-floor capture (after its
 * snapshot), repeated with fresh Uniqueids/Linkedids so every repetition is new calls to the engine.
 */
export function busyFloorStream(tracesDir: string, repetitions: number): { text: string; messages: number } {
  const records = parseCapture(readFileSync(join(tracesDir, 'busy-floor.jsonl'), 'utf8'))
  const lastSnapshotReply = records.findLastIndex((r) => r.raw.startsWith('Event: DeviceStateListComplete'))
  const live = records.slice(lastSnapshotReply + 1).filter((r) => r.dir === 'rx')
  const parts: string[] = []
  for (let rep = 0; rep < repetitions; rep++) {
    for (const record of live) {
      // Uniqueids look like `1795469045.39`: give each repetition its own sequence range.
      parts.push(record.raw.replace(/\b(\d{10})\.(\d+)\b/g, (_m, epoch: string, seq: string) => `${epoch}.${rep * 100_000 + Number(seq)}`))
    }
  }
  return { text: parts.join(''), messages: live.length * repetitions }
}

/** Splits bytes the way a socket delivers them. */
export function chunks(bytes: Uint8Array, size: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, Math.min(bytes.length, i + size)))
  return out
}

import type { FeatureCodes } from '../src/main/calls'

/** `555,556,557` → listen/whisper/barge dialplan prefixes; throws a readable error otherwise. */
export function parseFeatureCodes(value: string | undefined): FeatureCodes | null {
  if (value === undefined) return null
  const parts = value.split(',').map((p) => p.trim())
  if (parts.length !== 3 || parts.some((p) => !/^[0-9*#]+$/.test(p))) {
    throw new Error(`--feature-codes wants three dialplan prefixes <listen>,<whisper>,<barge>, e.g. 555,556,557 (got "${value}")`)
  }
  const [listen = '', whisper = '', barge = ''] = parts
  return { listen, whisper, barge }
}

/** `--name N`: a whole number within [min, max], or a readable error. */
export function parseWhole(name: string, value: string, min: number, max: number): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new Error(`--${name} wants a whole number ${min.toLocaleString('en')}-${max.toLocaleString('en')} (got "${value}")`)
  }
  return n
}

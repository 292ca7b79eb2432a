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

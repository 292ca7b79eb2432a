import { z } from 'zod'

/**
 * Capture format v1 (shared/traces/README.md): JSON Lines, one AMI message per line, in the order
 * it crossed the socket. `t` ms since the capture started, `dir` rx = from Asterisk, tx = sent.
 */
export const CaptureRecord = z.object({
  t: z.number().int().nonnegative(),
  dir: z.enum(['rx', 'tx']),
  raw: z.string()
})
export type CaptureRecord = z.infer<typeof CaptureRecord>

export class CaptureFormatError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(`line ${line}: ${message}`)
    this.name = 'CaptureFormatError'
  }
}

/** Parses a whole capture; throws CaptureFormatError naming the first bad line. Blank lines are allowed. */
export function parseCapture(text: string): CaptureRecord[] {
  const records: CaptureRecord[] = []
  const lines = text.split('\n')
  let lastT = 0
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]?.trim() ?? ''
    if (line === '') continue
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      throw new CaptureFormatError('not JSON', i + 1)
    }
    const parsed = CaptureRecord.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new CaptureFormatError(`expected {t, dir: "rx"|"tx", raw}: ${issue?.path.join('.') || 'record'} ${issue?.message ?? ''}`.trim(), i + 1)
    }
    if (parsed.data.t < lastT) throw new CaptureFormatError(`time goes backwards (${parsed.data.t} after ${lastT})`, i + 1)
    lastT = parsed.data.t
    records.push(parsed.data)
  }
  return records
}

/** Replaces the secret of a Login action so a capture can be attached to a bug report. */
export function redactSecrets(raw: string): string {
  return raw.replace(/^(Secret|secret|SECRET)\s*:[^\r\n]*/gm, '$1: ********')
}

export function formatRecord(record: CaptureRecord): string {
  return `${JSON.stringify({ t: record.t, dir: record.dir, raw: record.dir === 'tx' ? redactSecrets(record.raw) : record.raw })}\n`
}

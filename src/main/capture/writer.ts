import { createWriteStream, type WriteStream } from 'node:fs'
import { formatRecord } from './format'

/**
 * Records a live AMI session in the capture format, so a user can attach it to a bug report.
 * Secrets of Login actions are redacted before anything reaches the file.
 */
export class CaptureWriter {
  private readonly stream: WriteStream
  private readonly start: number

  constructor(
    path: string,
    private readonly now: () => number = Date.now
  ) {
    this.stream = createWriteStream(path, { flags: 'w', mode: 0o600 })
    this.start = now()
  }

  record(dir: 'rx' | 'tx', raw: string): void {
    this.stream.write(formatRecord({ t: Math.max(0, Math.round(this.now() - this.start)), dir, raw }))
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve))
  }
}

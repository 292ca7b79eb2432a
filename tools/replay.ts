/**
 * Replays a recorded AMI session and prints what the live floor showed at a moment:
 *   npm run --silent replay -- <capture.jsonl> [--at <ms>] [--feature-codes 555,556,557] [--outbound-prefix 9]
 * Prints one JSON object on stdout. Bad arguments or a malformed capture: a message on stderr, exit 2.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { CaptureFormatError, parseCapture } from '../src/main/capture'
import { replayAt } from '../src/main/capture'
import { parseFeatureCodes } from './args'

class UsageError extends Error {}

function main(argv: string[]): number {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { at: { type: 'string' }, 'feature-codes': { type: 'string' }, 'outbound-prefix': { type: 'string' } }
    })
    if (positionals.length !== 1) throw new UsageError('usage: replay <capture.jsonl> [--at <ms>] [--feature-codes <listen>,<whisper>,<barge>] [--outbound-prefix <digits>]')
    const at = values.at === undefined ? undefined : Number(values.at)
    if (at !== undefined && !(Number.isInteger(at) && at >= 0)) throw new UsageError(`--at wants whole milliseconds >= 0 (got "${values.at}")`)
    const path = positionals[0] ?? ''
    let text: string
    try {
      text = readFileSync(path, 'utf8')
    } catch (err) {
      throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)
    }
    let codes
    try {
      codes = parseFeatureCodes(values['feature-codes'])
    } catch (err) {
      throw new UsageError((err as Error).message)
    }
    const records = parseCapture(text)
    const result = replayAt(records, { featureCodes: codes, outboundPrefix: values['outbound-prefix'] ?? '' }, at)
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return 0
  } catch (err) {
    if (err instanceof UsageError || err instanceof CaptureFormatError || (err instanceof TypeError && 'code' in err)) {
      process.stderr.write(`replay: ${err.message}\n`)
      return 2
    }
    throw err
  }
}

process.exitCode = main(process.argv.slice(2))

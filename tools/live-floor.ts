/**
 * Connects to a real Asterisk with Earshot's AMI client and prints the floor as it changes:
 *   EARSHOT_AMI_SECRET=... npm run --silent live -- --url ami://pbx:5038 --user earshot
 *     [--feature-codes 555,556,557] [--outbound-prefix 9] [--capture session.jsonl] [--ca ca.pem]
 * One JSON line per snapshot/delta on stdout; connection status on stderr. Ctrl-C to stop.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { AmiClient } from '../src/main/ami'
import { CaptureWriter } from '../src/main/capture'
import { LiveFloor } from '../src/main/calls'
import { parseFeatureCodes } from './args'

function fail(message: string): never {
  process.stderr.write(`live: ${message}\n`)
  process.exit(2)
}

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    user: { type: 'string' },
    ca: { type: 'string' },
    capture: { type: 'string' },
    'feature-codes': { type: 'string' },
    'outbound-prefix': { type: 'string', default: '' }
  }
})
const secret = process.env.EARSHOT_AMI_SECRET
if (values.url === undefined || values.user === undefined) fail('--url and --user are required')
if (secret === undefined) fail('set EARSHOT_AMI_SECRET to the AMI user\'s secret (never on the command line)')
let featureCodes
try {
  featureCodes = parseFeatureCodes(values['feature-codes'])
} catch (err) {
  fail((err as Error).message)
}

const capture = values.capture === undefined ? null : new CaptureWriter(values.capture)
const floor = new LiveFloor({ featureCodes, outboundPrefix: values['outbound-prefix'] })
const client = new AmiClient({
  url: values.url,
  username: values.user,
  secret,
  ca: values.ca === undefined ? undefined : readFileSync(values.ca, 'utf8'),
  tap: capture === null ? undefined : { read: (raw) => capture.record('rx', raw), write: (raw) => capture.record('tx', raw) }
})

const print = (kind: string, payload: unknown): void => {
  process.stdout.write(`${JSON.stringify({ kind, at: Date.now(), ...(payload as object) })}\n`)
}
client.on('status', (status) => {
  process.stderr.write(`status: ${status.state}${status.error ? ` — ${status.error.message}` : ''}\n`)
  // As FloorService does: a drop makes what the floor knows unknown until the next snapshot.
  if (status.state === 'reconnecting') floor.connectionLost()
})
client.on('event', (message) => floor.apply(message))
client.on('reply', () => floor.heard())
client.on('ready', (session) => void floor.resync(session))
floor.on('snapshot', (rows) => print('snapshot', { rows }))
floor.on('delta', (rows, removed) => print('delta', { rows, removed }))
floor.on('error', (error) => process.stderr.write(`snapshot failed: ${error.message}\n`))
const ticker = setInterval(() => floor.flush(), 250)

process.on('SIGINT', () => {
  clearInterval(ticker)
  client.stop()
  void (capture === null ? Promise.resolve() : capture.close()).then(() => process.exit(0))
})
client.start()

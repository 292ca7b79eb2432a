/**
 * Starts the real browser host (tools/browser-host.ts) as a reviewer would, with the demo PBX,
 * and waits for its one line. The renderer is already built by the Playwright webServer.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'

export interface RunningHost {
  url: string
  process: ChildProcess
  /** SIGUSR2: the demo PBX drops its AMI connections for a moment. */
  dropAmi(): void
  stop(): Promise<void>
}

const ROOT = path.resolve(__dirname, '../..')

/** The admin the host signs in unless a test asks for a signed-out start (`signedIn: false`). */
export const HOST_ADMIN = { name: 'Sam Supervisor', pin: '2468' }

export async function startHost(args: string[], options: { signedIn?: boolean } = {}): Promise<RunningHost> {
  const admin = options.signedIn === false ? [] : ['--admin', HOST_ADMIN.name, '--pin', HOST_ADMIN.pin]
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/browser-host.ts', '--no-build', ...admin, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = ''
    const timer = setTimeout(() => reject(new Error(`browser host did not start:\n${stderr}`)), 20_000)
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString('utf8')
      const m = /^Earshot browser host: (http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)\n/.exec(stdout)
      if (m?.[1] !== undefined) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.once('exit', (code) => reject(new Error(`browser host exited (${String(code)}):\n${stderr}`)))
  })
  return {
    url,
    process: child,
    dropAmi: () => child.kill('SIGUSR2'),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
        setTimeout(() => child.kill('SIGKILL'), 5000).unref()
      })
  }
}

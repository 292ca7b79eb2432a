/** The browser host over real loopback HTTP and WebSocket: token and origin guard the socket. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type BrowserHost, startBrowserHost } from '../../../src/main/browser-host/host'
import { handlersFor, TEST_ADMIN } from '../../support/handlers'
import { IpcRouter } from '../../../src/main/ipc/router'

let host: BrowserHost | null = null
afterEach(async () => {
  await host?.close()
  host = null
})

async function start(): Promise<{ host: BrowserHost; router: IpcRouter }> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-host-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Earshot</title>')
  const router = new IpcRouter(
    handlersFor({
      'floor:snapshot': () => ({ seq: 0, rows: [], connection: { source: 'none', state: 'idle', message: null, retryAt: null, stale: false }, serverTime: 1 }),
      'demo:start': () => ({ ok: true as const })
    }),
    () => TEST_ADMIN
  )
  host = await startBrowserHost({ router, rendererDir: dir })
  return { host, router }
}

function open(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin })
    ws.once('open', () => resolve(ws))
    ws.once('error', reject)
  })
}

function next(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString('utf8')))))
}

describe('browser host', () => {
  it('serves the renderer with the CSP on 127.0.0.1 only, and nothing outside it', async () => {
    const { host } = await start()
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/)
    const page = await fetch(host.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect((await fetch(`http://127.0.0.1:${host.port}/..%2f..%2fetc/passwd`)).status).toBe(404)
  })

  it('carries invokes and streams for a page with the token', async () => {
    const { host, router } = await start()
    const origin = `http://127.0.0.1:${host.port}`
    const token = new URL(host.url).searchParams.get('token') ?? ''
    const ws = await open(`ws://127.0.0.1:${host.port}/ws?token=${token}`, origin)
    ws.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'floor:snapshot', request: {} }))
    expect(await next(ws)).toMatchObject({ type: 'result', id: 7, ok: true, response: { seq: 0 } })
    ws.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'floor:snapshot', request: { x: 1 } }))
    expect(await next(ws)).toMatchObject({ type: 'result', id: 8, ok: false, error: { code: 'invalid-request' } })
    const streamed = next(ws)
    router.emit('floor:delta', { seq: 1, rows: [], removed: [] })
    expect(await streamed).toEqual({ type: 'stream', channel: 'floor:delta', payload: { seq: 1, rows: [], removed: [] } })
    ws.close()
  })

  it('refuses a socket without the right token or from another origin', async () => {
    const { host } = await start()
    const origin = `http://127.0.0.1:${host.port}`
    const token = new URL(host.url).searchParams.get('token') ?? ''
    await expect(open(`ws://127.0.0.1:${host.port}/ws?token=wrong`, origin)).rejects.toThrow(/403/)
    await expect(open(`ws://127.0.0.1:${host.port}/ws`, origin)).rejects.toThrow(/403/)
    await expect(open(`ws://127.0.0.1:${host.port}/ws?token=${token}`, 'http://evil.example')).rejects.toThrow(/403/)
  })

  it('closes a socket that sends garbage, and keeps serving others', async () => {
    const { host } = await start()
    const origin = `http://127.0.0.1:${host.port}`
    const token = new URL(host.url).searchParams.get('token') ?? ''
    const bad = await open(`ws://127.0.0.1:${host.port}/ws?token=${token}`, origin)
    const closed = new Promise<number>((resolve) => bad.once('close', (code) => resolve(code)))
    bad.send('{not json')
    expect(await closed).toBe(1007)
    const good = await open(`ws://127.0.0.1:${host.port}/ws?token=${token}`, origin)
    good.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'demo:start', request: {} }))
    expect(await next(good)).toMatchObject({ ok: true })
    good.close()
  })
})

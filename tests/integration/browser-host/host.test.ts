/** The browser host over real loopback HTTP and WebSocket: token and origin guard the socket. */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { type BrowserHost, startBrowserHost } from '../../../src/main/browser-host/host'
import { handlersFor, TEST_ADMIN } from '../../support/handlers'
import { IpcRouter, type InvokeHandlers } from '../../../src/main/ipc/router'
import { MAX_CLIENT_MESSAGE_BYTES } from '../../../src/shared/wire'

let host: BrowserHost | null = null
afterEach(async () => {
  await host?.close()
  host = null
})

async function start(more: Partial<InvokeHandlers> = {}): Promise<{ host: BrowserHost; router: IpcRouter }> {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-host-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Earshot</title>')
  const router = new IpcRouter(
    handlersFor({
      'floor:snapshot': () => ({ seq: 0, rows: [], queues: [], connection: { source: 'none', state: 'idle', message: null, retryAt: null, stale: false }, callLog: { failing: null, waiting: 0, dropped: 0 }, serverTime: 1 }),
      'demo:start': () => ({ ok: true as const }),
      ...more
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

  it('closes only the socket that sends invalid UTF-8 or an oversized message, and keeps serving', async () => {
    const { host } = await start()
    const origin = `http://127.0.0.1:${host.port}`
    const token = new URL(host.url).searchParams.get('token') ?? ''
    const url = `ws://127.0.0.1:${host.port}/ws?token=${token}`
    const closeCode = (ws: WebSocket): Promise<number> => new Promise((resolve) => ws.once('close', (code) => resolve(code)))

    const badText = await open(url, origin)
    badText.on('error', () => undefined) // the host closes it; the client side may see a reset
    const badTextClosed = closeCode(badText)
    badText.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false })
    expect(await badTextClosed).toBe(1007)

    const tooBig = await open(url, origin)
    tooBig.on('error', () => undefined)
    const tooBigClosed = closeCode(tooBig)
    tooBig.send('x'.repeat(MAX_CLIENT_MESSAGE_BYTES + 1))
    expect(await tooBigClosed).toBe(1009)

    const good = await open(url, origin)
    good.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'demo:start', request: {} }))
    expect(await next(good)).toMatchObject({ ok: true })
    good.close()
  })

  it('carries an import the contract allows (a 5 MB customer CSV) in one message', async () => {
    let received = 0
    const { host } = await start({
      'customers:import-preview': ({ text }) => {
        received = text.length
        return { delimiter: ',', hasHeader: true, headers: [], rows: [], rowCount: 0, roles: [] } as never
      }
    })
    const origin = `http://127.0.0.1:${host.port}`
    const token = new URL(host.url).searchParams.get('token') ?? ''
    const ws = await open(`ws://127.0.0.1:${host.port}/ws?token=${token}`, origin)
    const text = 'name,phone\n' + 'Zoë Müller,+44 20 7946 0000\n'.repeat(180_000)
    expect(Buffer.byteLength(text)).toBeGreaterThan(5_000_000)
    ws.send(JSON.stringify({ type: 'invoke', id: 3, channel: 'customers:import-preview', request: { text } }))
    expect(await next(ws)).toMatchObject({ id: 3 })
    expect(received).toBe(text.length)
    ws.close()
  })
})

import net from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { connectAmi } from '../../../src/main/ami/connect'
import { AmiConnectError } from '../../../src/main/ami/errors'
import { openAmiSession, type OpenSessionOptions } from '../../../src/main/ami/open-session'
import { FakeAsterisk, SECRET, USERNAME, type FakeAsteriskOptions } from './fake-asterisk'
import { hasOpenssl, selfSigned, type SelfSigned } from './self-signed'

let fake: FakeAsterisk | undefined

afterEach(async () => {
  await fake?.close()
  fake = undefined
})

/** A loopback port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return address.port
}

async function failure(
  fakeOptions: FakeAsteriskOptions | undefined,
  credentials: { url?: string; secret?: string; ca?: string } = {},
  options: OpenSessionOptions = {}
): Promise<AmiConnectError> {
  if (fakeOptions) fake = await FakeAsterisk.start(fakeOptions)
  const url = credentials.url ?? fake?.url ?? 'ami://127.0.0.1:1'
  const error = await openAmiSession({ url, username: USERNAME, secret: credentials.secret ?? SECRET, ca: credentials.ca }, { pingIntervalMs: 0, ...options }).then(
    ({ session }) => {
      session.close()
      throw new Error('connected')
    },
    (e: unknown) => e
  )
  expect(error).toBeInstanceOf(AmiConnectError)
  return error as AmiConnectError
}

describe('openAmiSession error classification', () => {
  it('unreachable: nothing listens on the port', async () => {
    const port = await closedPort()
    const error = await failure(undefined, { url: `ami://127.0.0.1:${port}` })
    expect(error).toMatchObject({ kind: 'unreachable', message: `Cannot reach 127.0.0.1:${port} (connection refused)` })
  })

  it('credentials: Asterisk refuses the login', async () => {
    const error = await failure({}, { secret: 'not-the-secret' })
    expect(error).toMatchObject({ kind: 'credentials', message: 'Asterisk rejected the user "earshot": authentication failed' })
    expect(error.message).not.toContain('not-the-secret')
  })

  it('protocol: the port is not AMI', async () => {
    const error = await failure({ greeting: 'SSH-2.0-OpenSSH_9.6\r\n' })
    expect(error.kind).toBe('protocol')
    expect(error.message).toMatch(/^Unexpected reply from 127\.0\.0\.1:\d+: Not an Asterisk Manager Interface: the server said "SSH-2.0-OpenSSH_9.6"$/)
  })

  it('timeout: connected, but no greeting', async () => {
    const error = await failure({ greeting: '' }, {}, { greetingTimeoutMs: 100 })
    expect(error.kind).toBe('timeout')
    expect(error.message).toMatch(/^Asterisk at 127\.0\.0\.1:\d+ did not answer in time \(No AMI greeting within 100 ms\)$/)
  })

  it('config: a bad URL or an unreadable CA file', async () => {
    expect(await failure(undefined, { url: 'http://pbx' })).toMatchObject({ kind: 'config' })
    const error = await failure(undefined, { url: 'amis://127.0.0.1:1', ca: '/nonexistent/ca.pem' })
    expect(error).toMatchObject({ kind: 'config', message: 'Cannot read the CA certificate file "/nonexistent/ca.pem" (ENOENT)' })
  })

  it('gives up when aborted', async () => {
    fake = await FakeAsterisk.start({ greeting: '' })
    const abort = new AbortController()
    const pending = openAmiSession({ url: fake.url, username: USERNAME, secret: SECRET }, { signal: abort.signal })
    setTimeout(() => abort.abort(new Error('stopped by the test')), 50)
    await expect(pending).rejects.toThrow('stopped by the test')
  })
})

describe.skipIf(!hasOpenssl())('amis:// (TLS)', () => {
  let pbxCert: SelfSigned
  let otherNameCert: SelfSigned

  beforeAll(() => {
    pbxCert = selfSigned('IP:127.0.0.1,DNS:localhost')
    otherNameCert = selfSigned('DNS:pbx.example.com')
  })
  afterAll(() => {
    pbxCert.remove()
    otherNameCert.remove()
  })

  it('rejects a self-signed certificate by default', async () => {
    const error = await failure({ tls: pbxCert })
    expect(error.kind).toBe('tls')
    expect(error.message).toMatch(/^TLS handshake with 127\.0\.0\.1:\d+ failed: self-signed certificate$/)
  })

  it('accepts it when given as the CA, as PEM text or as a file path', async () => {
    fake = await FakeAsterisk.start({ tls: pbxCert })
    for (const ca of [pbxCert.cert, pbxCert.certPath]) {
      for (const url of [fake.url, `amis://localhost:${fake.port}`]) {
        const { session } = await openAmiSession({ url, username: USERNAME, secret: SECRET, ca }, { pingIntervalMs: 0 })
        expect((await session.send({ Action: 'Ping' })).response.fields.Ping).toBe('Pong')
        session.close()
      }
    }
  })

  it('still checks the host name against a trusted certificate', async () => {
    const error = await failure({ tls: otherNameCert }, { ca: otherNameCert.cert })
    expect(error.kind).toBe('tls')
    expect(error.message).toMatch(/failed: .*IP: 127\.0\.0\.1 is not in the cert's list/)
  })

  it('explains TLS against a plain AMI port', async () => {
    fake = await FakeAsterisk.start()
    const error = await connectAmi({ url: `amis://127.0.0.1:${fake.port}`, ca: pbxCert.cert }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'tls' })
    expect((error as Error).message).toMatch(/failed: wrong version number \(is that a plain ami:\/\/ port\?\)$/)
  })
})

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface SelfSigned {
  readonly key: string
  readonly cert: string
  readonly certPath: string
  remove(): void
}

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** A fresh self-signed P-256 certificate for `subjectAltName` (e.g. "IP:127.0.0.1"), made with the openssl CLI. */
export function selfSigned(subjectAltName: string): SelfSigned {
  const dir = mkdtempSync(join(tmpdir(), 'earshot-ami-tls-'))
  const keyPath = join(dir, 'key.pem')
  const certPath = join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=earshot-test-pbx', '-addext', `subjectAltName=${subjectAltName}`, '-keyout', keyPath, '-out', certPath],
    { stdio: 'ignore' }
  )
  return {
    key: readFileSync(keyPath, 'utf8'),
    cert: readFileSync(certPath, 'utf8'),
    certPath,
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

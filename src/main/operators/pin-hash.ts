import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

/**
 * Operator PINs, hashed with scrypt. A PIN has few digits, so the hash must be slow and salted:
 * 16 random bytes of salt per hash, and the cost parameters stored with it (`scrypt$ln=15,r=8,p=1$salt$hash`,
 * base64) so they can be raised later without breaking the PINs already set.
 */
export interface PinHashParams {
  /** log2 of scrypt's N (CPU and memory cost). */
  readonly ln: number
  readonly r: number
  readonly p: number
}

export const PIN_HASH_PARAMS: PinHashParams = { ln: 15, r: 8, p: 1 }
const KEY_LENGTH = 32
const SALT_LENGTH = 16
const STORED = /^scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/

export const PIN_FORMAT = /^\d{4,12}$/

function derive(pin: string, salt: Buffer, { ln, r, p }: PinHashParams): Promise<Buffer> {
  const N = 2 ** ln
  // Node's default maxmem (32 MiB) is exactly scrypt's 128·N·r at ln=15, r=8: leave headroom.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(pin.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)))
  })
}

export async function hashPin(pin: string, params: PinHashParams = PIN_HASH_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH)
  const key = await derive(pin, salt, params)
  return `scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

/** True when `pin` is the one `stored` was made from. A malformed or out-of-bounds stored hash never matches. */
export async function verifyPinHash(pin: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored)
  if (match === null) return false
  const [ln, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])]
  // Bounds keep a tampered database from making one check take minutes or gigabytes.
  if (ln < 10 || ln > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false
  const salt = Buffer.from(match[4] ?? '', 'base64')
  const expected = Buffer.from(match[5] ?? '', 'base64')
  if (salt.length < SALT_LENGTH || expected.length !== KEY_LENGTH) return false
  const actual = await derive(pin, salt, { ln, r, p })
  return timingSafeEqual(actual, expected)
}

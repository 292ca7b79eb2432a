type NotYet = false | null | undefined

/**
 * Polls `read` every 5 ms until it gives a value (anything but false, null or undefined) and
 * resolves with it; a boolean check resolves once it is true. `read` may be async. Fails naming
 * `what` after `ms`. For waiting on what a real socket or timer brings about, never for asserting on time.
 */
export async function waitFor<T>(read: () => T | NotYet | Promise<T | NotYet>, what: string, ms = 5000): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (value !== false && value !== null && value !== undefined) return value
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 5))
  }
}

/**
 * Long work on main in turns: main's one event loop also reads the AMI connection (Asterisk drops a
 * manager that does not read its events for `writetimeout`), sends the floor's deltas and answers
 * every other request, so a large customers import must not hold it for seconds at a time.
 */

/** How long one turn may hold the event loop before the rest runs. */
const TURN_MS = 8

/** Runs `each` over the items, letting the event loop turn whenever a turn has run `TURN_MS`. */
export async function eachInTurns<T>(items: Iterable<T>, each: (item: T) => void): Promise<void> {
  let turnStarted = performance.now()
  for (const item of items) {
    each(item)
    if (performance.now() - turnStarted >= TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      turnStarted = performance.now()
    }
  }
}

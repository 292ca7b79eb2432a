import type { EarshotApi, IpcError, StreamChannel } from '../../shared/contract'
import { HostMessage } from '../../shared/wire'

export class IpcCallError extends Error {
  constructor(readonly error: IpcError) {
    super(error.message)
  }
}

/**
 * The IPC contract over the browser host's WebSocket (development and tests). Invokes made
 * while the socket is still opening wait for it; a lost socket rejects what is pending.
 */
export function webSocketApi(url: string): EarshotApi {
  const ws = new WebSocket(url)
  const opened = new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true })
    ws.addEventListener('error', () => reject(new Error('Cannot reach the Earshot browser host')), { once: true })
  })
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  let nextId = 1

  ws.addEventListener('message', (event: MessageEvent<string>) => {
    let json: unknown
    try {
      json = JSON.parse(event.data)
    } catch {
      return
    }
    const parsed = HostMessage.safeParse(json)
    if (!parsed.success) return
    const message = parsed.data
    if (message.type === 'stream') {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload)
      return
    }
    const call = pending.get(message.id)
    pending.delete(message.id)
    if (message.ok) call?.resolve(message.response)
    else call?.reject(new IpcCallError(message.error))
  })
  ws.addEventListener('close', () => {
    for (const call of pending.values()) call.reject(new Error('The Earshot browser host closed the connection'))
    pending.clear()
  })

  return {
    async invoke(channel, request) {
      await opened
      const id = nextId++
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject })
        ws.send(JSON.stringify({ type: 'invoke', id, channel, request }))
      })
    },
    on(channel: StreamChannel, listener) {
      let set = listeners.get(channel)
      if (set === undefined) listeners.set(channel, (set = new Set()))
      const entry = listener as (payload: unknown) => void
      set.add(entry)
      return () => set.delete(entry)
    }
  }
}

import type { EarshotApi } from '../shared/contract'
import { webSocketApi } from './transport/ws-api'

declare global {
  interface Window {
    /** Set by the Electron preload; absent when the page comes from the browser host. */
    readonly earshot?: EarshotApi
  }
}

let api: EarshotApi | null = null

/**
 * The IPC contract as the renderer uses it: the preload's `window.earshot` inside Electron, or the
 * browser host's WebSocket (its one-time token is in this page's URL).
 */
export function getApi(): EarshotApi {
  if (api !== null) return api
  if (window.earshot !== undefined) return (api = window.earshot)
  const token = new URLSearchParams(window.location.search).get('token')
  if (token === null) throw new Error('Earshot is not running inside the app, and this page has no browser-host token')
  const wsUrl = new URL('/ws', window.location.href)
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:'
  wsUrl.searchParams.set('token', token)
  return (api = webSocketApi(wsUrl.href))
}

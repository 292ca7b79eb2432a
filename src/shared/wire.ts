/**
 * The browser host carries the IPC contract over one WebSocket (development and tests only).
 * Each message is one JSON object; main validates what it receives like any IPC payload.
 */
import { z } from 'zod'
import { IpcError, MAX_FILE_TEXT_CHARS } from './contract'

export const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  request: z.unknown()
})
export type ClientMessage = z.infer<typeof ClientMessage>

export const HostMessage = z.union([
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(true), response: z.unknown() }),
  z.object({ type: z.literal('result'), id: z.number(), ok: z.literal(false), error: IpcError }),
  z.object({ type: z.literal('stream'), channel: z.string(), payload: z.unknown() })
])
export type HostMessage = z.infer<typeof HostMessage>

/**
 * Largest message the host accepts from a page: the largest import the contract allows (each
 * UTF-16 code unit is at most 3 bytes of UTF-8) plus room for the envelope. Anything larger could
 * not pass the contract anyway.
 */
export const MAX_CLIENT_MESSAGE_BYTES = MAX_FILE_TEXT_CHARS * 3 + 64 * 1024

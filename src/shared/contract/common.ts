/** Small schemas several capabilities' channels share. */
import { z } from 'zod'

export const Empty = z.object({}).strict()
export const Ok = z.object({ ok: z.literal(true) })
/** A file main made for the renderer to offer as a download (CSV, settings). */
export const FileOut = z.object({ fileName: z.string(), text: z.string() })
export const Id = z.string().min(1).max(64)

/**
 * Who may call a channel. public: anyone, even before signing in (sign-in, first run);
 * operator: any signed-in operator; see-everyone, configure-everything: operators holding that
 * scope; supervise: operators allowed at least one supervision mode (the handler checks the mode).
 */
export const Access = z.enum(['public', 'operator', 'see-everyone', 'supervise', 'configure-everything'])
export type Access = z.infer<typeof Access>

/** One request/response channel: who may call it, what it takes, what it answers. */
export interface InvokeSpec {
  access: Access
  /**
   * 'refused' on the demo floor tried before any admin exists: the channel configures this
   * computer (settings, passwords, operators, sign-in) or would reach a real PBX, and the demo's
   * throwaway operator may do neither, whatever its scopes.
   */
  demo?: 'refused'
  request: z.ZodType
  response: z.ZodType
}

/** Electron glue for the app:// protocol (see app-protocol.ts for what it serves and why). */
import { protocol } from 'electron'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolResponse } from './app-protocol'

/** Must run before `ready` (Electron reads privileged schemes once, at start-up). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])
}

/** After `ready`: app://earshot/… answers with the files of `rendererDir`, and nothing else. */
export function serveAppScheme(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererDir, request))
}

/** The desktop shell's conventions as plain logic: the Electron glue (src/main/electron-desktop.ts) only applies them. */
export { type FullScreen, wallboardFullScreen } from './full-screen'
export { needsAttention, RINGING_NOTICE, type WindowVisibility } from './attention'
export { trayMenu, trayStatus, trayTooltip, type TrayCommand, type TrayMenuItem, type TrayStatus } from './tray-state'
export { nextUpdateState, UPDATE_CHECK_EVERY_MS, updateFeed, updateWords, type UpdaterEvent, type UpdateState } from './updates'
export { moveLegacyUserData, type UserDataMove } from './user-data'
export { placeWindow, readWindowState, WINDOW_DEFAULTS, writeWindowState, type Rect, type WindowPlacement } from './window-state'

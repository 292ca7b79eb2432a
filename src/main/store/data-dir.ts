import path from 'node:path'

/** The one database file Earshot keeps in its data folder. */
export const DB_FILE_NAME = 'earshot.db'

/**
 * Where Earshot keeps its data: `EARSHOT_DATA_DIR` when set (portable installs, tests), else the
 * default the shell passes in (Electron's `app.getPath('userData')`). Relative paths are taken
 * from the working directory.
 */
export function resolveDataDir(env: Readonly<Record<string, string | undefined>>, defaultDir: string): string {
  const override = env.EARSHOT_DATA_DIR?.trim()
  return path.resolve(override !== undefined && override !== '' ? override : defaultDir)
}

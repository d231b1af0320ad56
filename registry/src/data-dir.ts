import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the registry keeps its data unless told otherwise: `$XDG_DATA_HOME/mova/registry`, else
 * `~/.local/share/mova/registry` (on Windows `%LOCALAPPDATA%\mova\registry`).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, 'mova', 'registry');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'mova', 'registry');
  return join(homedir(), '.local', 'share', 'mova', 'registry');
}

import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes a file by renaming a finished copy over it, so a reader (a runtime loading the bundle, a
 * concurrent `npm pack`) sees the old file or the new one, never half of it. `mode` is the new
 * file's from its first byte (a token file is never readable by others, not even briefly).
 */
export async function replaceFile(
  path: string,
  contents: string | Uint8Array,
  options: { mode?: number } = {},
): Promise<void> {
  const tmp = `${path}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, contents, options);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { makeDir } from '../make-dir.js';

/**
 * Small JSON documents the engine keeps between restarts (a schedule's last fire time, a poller's
 * dedupe state), one file each under `<dataDir>/engine/<kind>/`. Writes are atomic (a temporary
 * file renamed over the old one), so a crash leaves the old or the new state, never half of one.
 */
export class StateFile<T> {
  readonly path: string;

  constructor(dataDir: string, kind: string, key: string) {
    // The name stays readable; the hash keeps two keys that clean to the same name apart.
    const clean = key.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 12);
    this.path = join(dataDir, 'engine', kind, `${clean}-${hash}.json`);
  }

  /** The saved value; undefined when none was saved, or the file is unreadable (it is then replaced on the next write). */
  async read(): Promise<T | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  }

  async write(value: T): Promise<void> {
    await makeDir(dirname(this.path));
    await writeFileAtomic(this.path, `${JSON.stringify(value)}\n`);
  }
}

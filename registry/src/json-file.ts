import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';

/** Reads a JSON file, or returns `fallback` when it does not exist yet. */
export async function readJsonFile<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
    throw error;
  }
}

/**
 * Writes JSON files one write at a time, each through a temporary file and a rename, so a crash
 * mid-write never leaves half a file and a slow write never lands after a newer one.
 */
export class JsonFileWriter {
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly file: string) {}

  write(value: unknown): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`;
    const next = this.#queue.then(async () => {
      await mkdir(dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, text);
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Resolves once every write asked for so far has landed. */
  settled(): Promise<void> {
    return this.#queue;
  }
}

import { open } from 'node:fs/promises';

interface Folder {
  /** Requests the sync in flight began too early to cover; they share the next one. */
  waiting: { done: () => void; failed: (error: unknown) => void }[];
}

/**
 * Folder fsyncs shared between the runs of a store (group commit): a request made while a sync of
 * the same folder is in flight waits for it to end and then shares the next sync with every request
 * made meanwhile (an entry created after a sync began may not be covered by it). Concurrent new runs
 * cost one or two folder fsyncs instead of one each; a lone run costs the same one as before.
 */
export class DirSyncs {
  private readonly folders = new Map<string, Folder>();

  constructor(private readonly syncDir: (dir: string) => Promise<void> = syncFolder) {}

  /** Resolves once a sync of `dir` that began after this call has ended. */
  sync(dir: string): Promise<void> {
    return new Promise<void>((done, failed) => {
      const folder = this.folders.get(dir);
      if (folder) folder.waiting.push({ done, failed });
      else {
        const started: Folder = { waiting: [] };
        this.folders.set(dir, started);
        void this.drain(dir, started, [{ done, failed }]);
      }
    });
  }

  private async drain(dir: string, folder: Folder, first: Folder['waiting']): Promise<void> {
    let batch = first;
    while (batch.length > 0) {
      try {
        await this.syncDir(dir);
        for (const request of batch) request.done();
      } catch (error) {
        for (const request of batch) request.failed(error);
      }
      batch = folder.waiting;
      folder.waiting = [];
    }
    this.folders.delete(dir);
  }
}

/** Makes the entries of a folder durable (new files' names); a no-op where folders cannot be fsynced. */
export async function syncFolder(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems cannot fsync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
}

import { createRequire } from 'node:module';

/** The part of `@verdaccio/search-indexer`'s singleton this module touches. */
interface SearchMemoryIndexer {
  init(logger: unknown): Promise<void>;
  logger?: unknown;
}

/**
 * Turns off Verdaccio's own in-memory search index, for every Verdaccio server of this process.
 * At each start Verdaccio fills it in the background (SearchMemoryIndexer.init → reindex), reading
 * every package document one after another, and nothing waits for that or can stop it: a registry
 * closed meanwhile went on reading its storage (and logged "error reading package" once the data
 * dir was removed). MOVA never asks that index anything: npm's search is answered from the
 * marketplace index (npm-search.ts) and Verdaccio's web UI, its other user, is off. Without init
 * the index stays empty and its add, remove and query do nothing.
 */
export function withoutVerdaccioSearchIndex(): void {
  // The instance Verdaccio itself requires: resolved from Verdaccio's folder, one module cache entry.
  const fromVerdaccio = createRequire(createRequire(import.meta.url).resolve('verdaccio'));
  const { SearchMemoryIndexer: indexer } = fromVerdaccio('@verdaccio/search-indexer') as {
    SearchMemoryIndexer: SearchMemoryIndexer;
  };
  indexer.init = async function init(this: SearchMemoryIndexer, logger: unknown) {
    this.logger = logger;
  };
}

import { authorization } from '../access/authorization.js';
import type { Ownership } from '../access/ownership.js';
import { writeGuard } from '../access/write-guard.js';
import { marketplaceApi } from '../marketplace/api.js';
import { countDownloads } from '../marketplace/count-downloads.js';
import type { Downloads } from '../marketplace/downloads.js';
import { Indexer } from '../marketplace/indexer.js';
import type { ManifestCache } from '../marketplace/manifest-cache.js';
import type { MarketplaceIndex } from '../marketplace/marketplace-index.js';
import { marketplacePage } from '../web/marketplace-page.js';
import { npmSearch } from './npm-search.js';
import { packageSource } from './package-source.js';
import type { AuthorizationPlugin, MiddlewarePlugin } from './types.js';

export interface MovaPluginOptions {
  ownership: Ownership;
  admins: ReadonlySet<string>;
  index: MarketplaceIndex;
  downloads: Downloads;
  /** The manifests read out of tarballs at earlier starts. */
  manifests: ManifestCache;
  /** Called once Verdaccio hands over its storage, with the indexer that reads from it. */
  onReady(indexer: Indexer): void;
}

/**
 * The one plugin MOVA adds to Verdaccio, registered both as an auth plugin (who may read, publish,
 * change) and as a middleware plugin (the marketplace API and page, npm's search, the write guard and download counting,
 * mounted after Verdaccio has identified the user and before its npm endpoints).
 */
export function movaPlugin(options: MovaPluginOptions): AuthorizationPlugin & MiddlewarePlugin {
  return {
    ...authorization(options),
    register_middlewares(app, _auth, storage) {
      const source = packageSource(storage);
      const indexer = new Indexer(source, options.index, options.manifests);
      app.use(marketplaceApi(options.index));
      app.use(npmSearch(options.index));
      app.use(marketplacePage({ index: options.index }));
      app.use(
        writeGuard({
          source,
          ownership: options.ownership,
          admins: options.admins,
          onChanged: (name) => {
            indexer.refresh(name).catch((error: Error) => {
              process.emitWarning(`could not index "${name}": ${error.message}`, 'MovaRegistryWarning');
            });
          },
        }),
      );
      app.use(countDownloads(options.downloads));
      options.onReady(indexer);
    },
  };
}

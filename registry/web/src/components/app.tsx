import { useEffect, useRef } from 'preact/hooks';
import { useRoute } from '../router.js';
import { packageFromPath } from '../snippets.js';
import { ConnectorPage } from './connector-page.js';
import { SearchPage } from './search-page.js';

export function App() {
  const route = useRoute();
  const name = packageFromPath(route.pathname);
  const first = useRef(true);

  // A new page starts at its top, unless the address names a place in it.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (!route.hash) scrollTo(0, 0);
  }, [route.pathname]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="site-header">
        <div class="site-header-inner">
          <a class="brand" href="/">
            <span class="brand-mark" aria-hidden="true">
              M
            </span>
            <span>
              MOVA <span class="brand-sub">Connectors</span>
            </span>
          </a>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {name ? (
          <ConnectorPage key={name} name={name} hash={route.hash} arrived={route.visit > 0} />
        ) : (
          <SearchPage key={route.visit} search={route.search} arrived={route.visit > 0} />
        )}
      </main>
      <footer class="site-footer">
        Served by this registry. Data from <a href="/-/mova/v1/connectors">/-/mova/v1/connectors</a>.
      </footer>
    </>
  );
}

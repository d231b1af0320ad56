import { useEffect, useState } from 'preact/hooks';
import { onUnauthorized, token } from '../api.js';
import { runIdOf, useRoute } from '../router.js';
import { RunPage } from './run-page.js';
import { RunsList } from './runs-list.js';
import { TokenForm } from './token-form.js';

export function App() {
  const route = useRoute();
  const [hasToken, setHasToken] = useState(() => token.get() !== null);
  const [refused, setRefused] = useState(false);
  useEffect(
    () =>
      onUnauthorized(() => {
        setRefused(true);
        setHasToken(false);
      }),
    [],
  );
  const runId = runIdOf(route.pathname);

  return (
    <>
      <header class="site-header">
        <div class="site-header-inner">
          <a class="brand" href="/runs">
            <span class="brand-mark" aria-hidden="true">
              M
            </span>
            <span>
              MOVA <span class="brand-sub">Runs</span>
            </span>
          </a>
          {hasToken && (
            <button
              type="button"
              class="link-button"
              onClick={() => {
                token.clear();
                setRefused(false);
                setHasToken(false);
              }}
            >
              Forget token
            </button>
          )}
        </div>
      </header>
      <main id="main">
        {!hasToken ? (
          <TokenForm
            refused={refused}
            onAccepted={() => {
              setRefused(false);
              setHasToken(true);
            }}
          />
        ) : runId ? (
          <RunPage key={runId} id={runId} />
        ) : (
          <RunsList search={route.search} />
        )}
      </main>
    </>
  );
}

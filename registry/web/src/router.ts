import { useEffect, useState } from 'preact/hooks';

/** The part of the address the app routes on. */
export interface Route {
  pathname: string;
  search: string;
  hash: string;
  /** Counts visits: following a link or going back starts a page afresh, even at the same address. */
  visit: number;
}

let visits = 0;
const current = (): Route => ({
  pathname: location.pathname,
  search: location.search,
  hash: location.hash,
  visit: visits,
});
const listeners = new Set<() => void>();

/** Goes to another page of the app without reloading. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  visits += 1;
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    // Back, forward, or a jump to an anchor (which only changes the hash and starts nothing afresh).
    const back = () => {
      setRoute((previous) => {
        if (previous.pathname !== location.pathname || previous.search !== location.search) visits += 1;
        return current();
      });
    };
    listeners.add(update);
    addEventListener('popstate', back);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', back);
    };
  }, []);
  return route;
}

/**
 * Follows same-app links in place; a modified click (new tab, download) and other origins are left
 * to the browser.
 */
export function onLinkClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target.closest('a') : null;
  if (!target || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || target.target) return;
  const url = new URL(target.href, location.href);
  if (url.origin !== location.origin) return;
  if (url.pathname !== '/' && !url.pathname.startsWith('/-/mova/connectors/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
  event.preventDefault();
  // Following a link to the page already shown starts it afresh without a second history entry.
  navigate(url.pathname + url.search + url.hash, { replace: url.href === location.href });
}

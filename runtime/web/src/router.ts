import { useEffect, useState } from 'preact/hooks';

/** The part of the address the app routes on. */
export interface Route {
  pathname: string;
  search: string;
}

const current = (): Route => ({ pathname: location.pathname, search: location.search });
const listeners = new Set<() => void>();

/** Goes to another page of the app without reloading. */
export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (options.replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  for (const listener of listeners) listener();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    listeners.add(update);
    addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return route;
}

/** The run a `/runs/<id>` address names, else null (the list). */
export function runIdOf(pathname: string): string | null {
  const match = /^\/runs\/([^/]+)\/?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}

/** Follows the app's own links in place; a modified click (new tab) is left to the browser. */
export function onLinkClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target.closest('a') : null;
  if (!target || event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || target.target) return;
  const url = new URL(target.href, location.href);
  if (url.origin !== location.origin || !(url.pathname === '/' || url.pathname.startsWith('/runs'))) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
}

export interface WebLink {
  url: string;
  rel: string[];
}

/**
 * Parses an RFC 8288 `Link` header: `<https://api.github.com/…?page=2>; rel="next", <…>; rel="last"`.
 * Links are split only at a comma followed by `<`, so commas inside a URL stay put.
 */
export function parseLinkHeader(header: string | undefined): WebLink[] {
  if (!header) return [];
  const links: WebLink[] = [];
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/s.exec(part);
    if (!match) continue;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(match[2] ?? '');
    const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    links.push({ url: match[1] ?? '', rel: values });
  }
  return links;
}

/** The `rel="next"` target, resolved against the URL of the response that carried the header. */
export function nextLink(header: string | undefined, responseUrl: string): string | undefined {
  const next = parseLinkHeader(header).find((link) => link.rel.includes('next'));
  return next ? new URL(next.url, responseUrl).href : undefined;
}

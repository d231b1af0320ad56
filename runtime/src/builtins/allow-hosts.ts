/**
 * Whether a URL's host is on an allow-list. Entries: `api.example.com`, `*.example.com` (any
 * subdomain, not the domain itself), `127.0.0.1:8080` (that port only) or `*` (any host).
 * @example hostAllowed(new URL('https://api.example.com/x'), ['*.example.com']) // true
 */
export function hostAllowed(url: URL, allowHosts: readonly string[]): boolean {
  const host = bare(url.hostname.toLowerCase());
  const port = url.port || (url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '');
  return allowHosts.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '*') return true;
    const { name, port: wantPort } = splitPort(entry);
    if (wantPort !== undefined && wantPort !== port) return false;
    if (name.startsWith('*.')) return host.endsWith(name.slice(1)) && host.length > name.length - 1;
    return host === bare(name);
  });
}

function splitPort(entry: string): { name: string; port?: string } {
  // `[::1]:8080`, `[::1]`, `::1`, `host:80`, `host`
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1] ?? '', port: bracketed[2] };
  const colons = entry.split(':').length - 1;
  if (colons === 1) {
    const [name = '', port] = entry.split(':');
    return { name, port };
  }
  return { name: entry };
}

function bare(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

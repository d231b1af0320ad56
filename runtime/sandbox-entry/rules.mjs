// Host rules of a sandbox's egress allow-list, shared by the in-sandbox guard (for clear errors) and
// the host-side egress proxy (the boundary): `api.example.com`, `*.example.com`, `host:443`, `[::1]:80`, `*`.

/** Reads one rule; `*` allows any host. */
export function parseRule(rule) {
  const text = String(rule).toLowerCase();
  if (text === '*') return { any: true };
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracket) return { host: bracket[1], port: bracket[2] ? Number(bracket[2]) : undefined };
  const colon = text.lastIndexOf(':');
  const hasPort = colon > 0 && text.indexOf(':') === colon && /^\d+$/.test(text.slice(colon + 1));
  const host = hasPort ? text.slice(0, colon) : text;
  const port = hasPort ? Number(text.slice(colon + 1)) : undefined;
  return host.startsWith('*.') ? { suffix: host.slice(1), port } : { host, port };
}

/** Whether `host` (and `port`, when given) is allowed by one of the parsed rules. */
export function allowedBy(rules, host, port) {
  const h = String(host)
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  return rules.some((rule) => {
    if (rule.any) return true;
    if (rule.port !== undefined && port && rule.port !== port) return false;
    if (rule.suffix) return h.endsWith(rule.suffix) && h.length > rule.suffix.length;
    return h === rule.host;
  });
}

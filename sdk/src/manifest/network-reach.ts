import type { Issue } from '../errors.js';
import type { Manifest } from './types.js';

// Hosts an action's examples or a connector's tests reach that the manifest's network policy would
// block at run time: a warning where the mistake is made instead of a sandbox refusal later. Host
// rules match as the runtime's egress guard does (runtime/sandbox-entry/rules.mjs).

interface Rule {
  any?: boolean;
  host?: string;
  suffix?: string;
}

function parseRule(rule: string): Rule {
  const text = rule.toLowerCase();
  if (text === '*') return { any: true };
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracket) return { host: bracket[1] };
  const colon = text.lastIndexOf(':');
  const hasPort = colon > 0 && text.indexOf(':') === colon && /^\d+$/.test(text.slice(colon + 1));
  const host = hasPort ? text.slice(0, colon) : text;
  return host.startsWith('*.') ? { suffix: host.slice(1) } : { host };
}

function normalise(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
}

/**
 * The hosts a connection names in the fields `network.connectionHosts` lists (a host, a URL or a
 * connection string, multi-host ones too), as the runtime reads them to open the sandbox to them.
 */
export function connectionHostsIn(manifest: Pick<Manifest, 'network'>, connection: unknown): string[] {
  if (typeof connection !== 'object' || connection === null) return [];
  const hosts: string[] = [];
  for (const field of manifest.network.connectionHosts ?? []) {
    const value = (connection as Record<string, unknown>)[field];
    if (typeof value === 'string' && value.trim()) hosts.push(...hostsInConnectionValue(value.trim()));
  }
  return hosts.filter((host) => !host.includes('*'));
}

function hostsInConnectionValue(value: string): string[] {
  const scheme = value.indexOf('://');
  const authority = scheme < 0 ? value : (value.slice(scheme + 3).split(/[/?#]/, 1)[0] ?? '');
  return authority
    .slice(authority.lastIndexOf('@') + 1)
    .split(',')
    .map((host) => normalise(host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '')))
    .filter((host) => host.length > 0);
}

/**
 * Whether a call to `host` would get past the manifest's network policy: `network.allow` lets it
 * through, or `connection` (an example's connection values) names it in a `network.connectionHosts`
 * field, as the runtime opens the sandbox to the hosts of the connection a step runs with.
 */
export function hostAllowed(manifest: Pick<Manifest, 'network'>, host: string, connection?: unknown): boolean {
  const h = normalise(host);
  if (connectionHostsIn(manifest, connection).includes(h)) return true;
  return manifest.network.allow.map(parseRule).some((rule) => {
    if (rule.any) return true;
    if (rule.suffix) return h.endsWith(rule.suffix) && h.length > rule.suffix.length;
    return h === rule.host;
  });
}

/**
 * Whether a host found in an example or test is worth checking: a connector that connects nowhere
 * (empty `network.allow`, no connection hosts) treats URLs as data (a JWT issuer, an XML namespace);
 * loopback is where tests run their reference servers; RFC 2606 names (example.com, *.test) and
 * single labels are placeholders, not hosts anyone connects to.
 */
function worthChecking(manifest: Pick<Manifest, 'network'>, host: string): boolean {
  if (manifest.network.allow.length === 0 && (manifest.network.connectionHosts ?? []).length === 0) return false;
  if (isLoopback(host) || !/[.:]/.test(host)) return false;
  return !/(^|\.)example\.(com|org|net)$|\.(example|test|invalid)$/.test(host);
}

/** Loopback hosts, which tests use for their local reference servers. */
export function isLoopback(host: string): boolean {
  const h = normalise(host);
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

const URL_IN_TEXT = /\bhttps?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)/g;
const HOST_FIELD = /^(host|hostname|url|endpoint|baseurl|base_url)$/i;
const BARE_HOST = /^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?$/i;

function hostOf(value: string): string | undefined {
  const match = /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)/.exec(value.trim());
  return match?.[1];
}

function hostsInValue(value: unknown, field: string | undefined, out: Set<string>): void {
  if (typeof value === 'string') {
    const fromUrl = hostOf(value);
    if (fromUrl) out.add(normalise(fromUrl));
    else if (field && HOST_FIELD.test(field) && BARE_HOST.test(value.trim())) {
      out.add(normalise(value.trim().replace(/:\d+$/, '')));
    }
  } else if (Array.isArray(value)) {
    for (const item of value) hostsInValue(item, field, out);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) hostsInValue(item, key, out);
  }
}

const HINT = (host: string) =>
  `Add "${host}" to network.allow, or take the host from a connection field listed in network.connectionHosts.`;

const EXAMPLE_HINT = (host: string, manifest: Pick<Manifest, 'network'>) => {
  const fields = manifest.network.connectionHosts ?? [];
  return fields.length === 0
    ? HINT(host)
    : `Add "${host}" to network.allow, or give the example the connection that names it, e.g. \`connection: { ${fields[0]}: 'https://${host}' }\` (fields: ${fields.join(', ')}).`;
};

/**
 * Example inputs of actions that name a host (URL, or a host/url/endpoint field) the policy blocks:
 * neither `network.allow` nor the example's own `connection` values (in `network.connectionHosts`
 * fields) let it through. A connector with connection hosts is not exempt: its examples show which
 * connection reaches a self-hosted host, as a workflow author has to give one.
 */
export function checkExampleHosts(manifest: Manifest): Issue[] {
  const issues: Issue[] = [];
  manifest.actions.forEach((action, a) => {
    action.examples.forEach((example, e) => {
      const hosts = new Set<string>();
      hostsInValue(example.input, undefined, hosts);
      for (const host of hosts) {
        if (!worthChecking(manifest, host) || hostAllowed(manifest, host, example.connection)) continue;
        issues.push({
          pointer: `/actions/${a}/examples/${e}/input`,
          message: `the example of "${action.key}" reaches ${host}, which neither network.allow nor the example's connection allows`,
          hint: EXAMPLE_HINT(host, manifest),
        });
      }
    });
  });
  return issues;
}

/** One line of a source file that reaches a host the policy blocks. */
export interface SourceHost {
  line: number;
  host: string;
  message: string;
  hint: string;
}

/**
 * `http(s)://host` literals in a test source that are neither loopback nor allowed (1-based lines).
 * Comment lines are skipped: they document, they do not connect. A connector with connection hosts
 * is spared: its tests build connections naming any host, which a source scan cannot follow.
 */
export function unallowedHostsInSource(manifest: Pick<Manifest, 'network'>, source: string): SourceHost[] {
  const found: SourceHost[] = [];
  if ((manifest.network.connectionHosts ?? []).length > 0) return found;
  source.split('\n').forEach((text, index) => {
    if (/^\s*(\/\/|\*|\/\*)/.test(text)) return;
    for (const match of text.matchAll(URL_IN_TEXT)) {
      const host = normalise(match[1] ?? '');
      if (!host || !worthChecking(manifest, host) || hostAllowed(manifest, host)) continue;
      found.push({
        line: index + 1,
        host,
        message: `the test reaches ${host}, which network.allow does not allow`,
        hint: HINT(host),
      });
    }
  });
  return found;
}

// Network egress guard, installed in a sandbox before any connector code loads. Every TCP/TLS
// connection in Node (http, https, undici/fetch, database drivers) goes through
// net.Socket.prototype.connect, so checking the host there covers them all; DNS lookups of
// undeclared hosts are refused too, so no query for them leaves the machine.
import { AsyncLocalStorage } from 'node:async_hooks';
import dns from 'node:dns';
import net from 'node:net';

/** Per-call extra hosts (from the connection), visible to sockets opened inside that call. */
export const callHosts = new AsyncLocalStorage();

export function installNetworkGuard({ allow, label }) {
  const rules = allow.map(parseRule);
  const allowed = (host, port) => {
    const extra = callHosts.getStore() ?? [];
    return [...rules, ...extra.map(parseRule)].some((rule) => matches(rule, host, port));
  };
  const denied = (host, port) => {
    const error = new Error(
      `${label} may not connect to ${host}${port ? `:${port}` : ''}: the host is not in its manifest's network.allow`,
    );
    error.code = 'E_NETWORK_DENIED';
    return error;
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    const options = normalize(args);
    // http.Agent hands every TCP connection `path: null`; only a string names a unix socket.
    if (typeof options.path === 'string') {
      const error = denied(`unix:${options.path}`);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    const host = String(options.host ?? 'localhost');
    if (!allowed(host, Number(options.port))) {
      const error = denied(host, options.port);
      process.nextTick(() => this.destroy(error));
      return this;
    }
    return connect.apply(this, args);
  };

  const wrapLookup = (original, callbackStyle) =>
    function guardedLookup(hostname, ...rest) {
      if (allowed(String(hostname), 0)) return original.call(this, hostname, ...rest);
      const error = denied(hostname);
      if (!callbackStyle) return Promise.reject(error);
      const callback = rest.at(-1);
      if (typeof callback === 'function') process.nextTick(() => callback(error));
      return undefined;
    };
  dns.lookup = wrapLookup(dns.lookup, true);
  dns.promises.lookup = wrapLookup(dns.promises.lookup, false);
  for (const name of [
    'resolve',
    'resolve4',
    'resolve6',
    'resolveAny',
    'resolveCname',
    'resolveMx',
    'resolveSrv',
    'resolveTxt',
  ]) {
    if (typeof dns[name] === 'function') dns[name] = wrapLookup(dns[name], true);
    if (typeof dns.promises[name] === 'function') dns.promises[name] = wrapLookup(dns.promises[name], false);
  }
}

function normalize(args) {
  const first = args[0];
  // net.connect() hands Socket#connect its already-normalised [options, callback] pair.
  if (Array.isArray(first)) return first[0] ?? {};
  if (first !== null && typeof first === 'object') return first;
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
}

function parseRule(rule) {
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

function matches(rule, host, port) {
  if (rule.any) return true;
  const h = host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (rule.port !== undefined && port && rule.port !== port) return false;
  if (rule.suffix) return h.endsWith(rule.suffix) && h.length > rule.suffix.length;
  return h === rule.host;
}

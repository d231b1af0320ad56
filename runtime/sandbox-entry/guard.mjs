// Network egress guard, installed in a sandbox before any connector code loads. Every TCP/TLS
// connection in Node (http, https, undici/fetch, database drivers) goes through
// net.Socket.prototype.connect, so checking the host there covers them all; DNS lookups of
// undeclared hosts are refused too, so no query for them leaves the machine. In the OS sandbox this
// guard only words the refusal for honest code and routes allowed connections to the tunnel: the
// host's egress proxy is the boundary there. Without namespaces it is the only check (weak).
import dgram from 'node:dgram';
import dns from 'node:dns';
import net from 'node:net';
import { allowedBy, parseRule } from './rules.mjs';

/**
 * `allow`: the sandbox's hosts (the manifest's network.allow, the runtime's extra hosts and the
 * hosts of the one connection this sandbox serves). `open`, in the OS sandbox, has the tunnel open
 * an allowed connection and gives the local address joined to it.
 */
export function installNetworkGuard({ allow, label, open }) {
  const rules = allow.map(parseRule);
  const allowed = (host, port) => allowedBy(rules, host, port);
  const denied = (host, port) => {
    const error = new Error(
      `${label} may not connect to ${host}${port ? `:${port}` : ''}: the host is not in its manifest's network.allow`,
    );
    error.code = 'E_NETWORK_DENIED';
    return error;
  };

  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(...args) {
    // One read of every option: a getter that answers differently on a second read changes nothing.
    // A custom `lookup` is dropped, so an allowed name cannot be mapped to another address.
    const { lookup: _lookup, ...options } = normalize(args);
    const callback = args.find((arg) => typeof arg === 'function') ?? (Array.isArray(args[0]) ? args[0][1] : undefined);
    const refuse = (error) => {
      process.nextTick(() => this.destroy(error));
      return this;
    };
    // http.Agent hands every TCP connection `path: null`; only a string names a unix socket.
    if (typeof options.path === 'string') return refuse(denied(`unix:${options.path}`));
    delete options.path;
    const host = String(options.host ?? 'localhost');
    const port = Number(options.port);
    if (!allowed(host, port)) return refuse(denied(host, options.port));
    const call = (next) => connect.apply(this, typeof callback === 'function' ? [next, callback] : [next]);
    if (!open) return call({ ...options, host });
    // The proxy opens the connection first; the socket connects to it once it is open, and writes
    // made meanwhile wait as they would during a DNS lookup.
    this.connecting = true;
    open(host, port).then(
      (local) => call({ ...options, ...local }),
      (error) => this.destroy(error),
    );
    return this;
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
    const resolver = dns.Resolver.prototype;
    if (typeof resolver[name] === 'function') resolver[name] = wrapLookup(resolver[name], true);
    const promised = dns.promises.Resolver.prototype;
    if (typeof promised[name] === 'function') promised[name] = wrapLookup(promised[name], false);
  }
  // Connectors speak TCP; UDP (DNS tunnelling, syslog to anywhere) has no declared use.
  const refuseUdp = () => {
    throw denied('udp');
  };
  dgram.createSocket = refuseUdp;
  dgram.Socket.prototype.bind = refuseUdp;
  dgram.Socket.prototype.send = refuseUdp;
}

function normalize(args) {
  const first = args[0];
  // net.connect() hands Socket#connect its already-normalised [options, callback] pair.
  if (Array.isArray(first)) return first[0] ?? {};
  if (first !== null && typeof first === 'object') return first;
  if (typeof first === 'string' && !/^\d+$/.test(first)) return { path: first };
  return { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
}

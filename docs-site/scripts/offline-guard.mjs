// Loaded with `node --import` by build.test.ts: a connection or DNS lookup to any host but
// loopback is refused and reported on stderr, so the test proves the docs build works offline.
// MOVA_DOCS_GUARD_STRICT=1 refuses loopback too, which lets a test check the guard itself safely.
import dns from 'node:dns';
import net from 'node:net';

const MARK = 'MOVA-DOCS-OFFLINE-VIOLATION';
const allowed = new Set(
  process.env.MOVA_DOCS_GUARD_STRICT === '1' ? [] : ['localhost', '127.0.0.1', '::1', '0.0.0.0', '::'],
);

function refuse(what) {
  process.stderr.write(`${MARK} ${what}\n`);
  return new Error(`the docs build must not use the network (${what})`);
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.connect() passes its normalized arguments as one array: [options, callback].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  const host = options.host ?? 'localhost';
  if (options.path === undefined && !allowed.has(host)) throw refuse(`connect ${host}:${options.port}`);
  return connect.apply(this, args);
};

const lookup = dns.lookup;
dns.lookup = function guardedLookup(host, ...rest) {
  if (!allowed.has(host)) throw refuse(`dns ${host}`);
  return lookup.call(this, host, ...rest);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = async (host, ...rest) => {
  if (!allowed.has(host)) throw refuse(`dns ${host}`);
  return lookupPromise(host, ...rest);
};

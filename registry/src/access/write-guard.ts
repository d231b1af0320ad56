import { httpError } from '../verdaccio/http-error.js';
import { readJsonBody } from '../verdaccio/json-body.js';
import { type PackageRoute, packageRoute, tarballVersion } from '../verdaccio/package-route.js';
import type { PackageSource } from '../verdaccio/package-source.js';
import type { Handler, Request } from '../verdaccio/types.js';
import { checkBump } from './bump-guard.js';
import type { Ownership } from './ownership.js';
import { PackageQueue } from './package-queue.js';
import { type Decision, decideChange, decideUnpublish } from './policy.js';

export interface WriteGuardOptions {
  source: PackageSource;
  ownership: Ownership;
  admins: ReadonlySet<string>;
  /** Called after a write to a package succeeded (publish, deprecate, unpublish, dist-tag). */
  onChanged(name: string): void;
}

function enforce(decision: Decision): void {
  if (!decision.allowed) throw httpError(decision.status, decision.message);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks what Verdaccio's authorization hooks cannot see, because they get a package name but not
 * the request: whether a publish would overwrite a version, and whether a metadata update removes
 * versions (an unpublish, admins only) or only deprecates them (owners may; checked here too, as
 * Verdaccio would first ask its publish hook and refuse with a message about publishing). It also stamps each
 * newly published version with its publisher (`_npmUser`, as the public registry does), so who
 * published what lives in the package document itself.
 */
export function writeGuard(options: WriteGuardOptions): Handler {
  async function check(req: Request, route: PackageRoute, reading: Promise<unknown>): Promise<void> {
    const user = req.remote_user?.name;
    if (req.method === 'DELETE') {
      const version = route.rest[0] === '-' && route.rest[1] ? tarballVersion(route.name, route.rest[1]) : undefined;
      enforce(decideUnpublish(user, route.name, options.admins, version ? [version] : []));
      return;
    }
    // `PUT /<name>/-/<file>` uploads a bare tarball; the publish hook already guards it.
    if (route.rest[0] === '-') return;
    const body = await reading;
    if (!isRecord(body) || !isRecord(body.versions)) return;
    const stored = await options.source.packument(route.name);
    const incoming = Object.keys(body.versions);
    if (isRecord(body._attachments) && Object.keys(body._attachments).length > 0) {
      const taken = incoming.filter((version) => stored?.versions[version]);
      if (taken.length > 0) {
        throw httpError(
          409,
          `${route.name}@${taken.join(', ')} is already published, and published versions never change. ` +
            'Bump the version (e.g. `npm version patch`) and publish again.',
        );
      }
      for (const [version, tarball] of attachedTarballs(body._attachments, incoming)) {
        await checkBump(route.name, { version, tarball }, stored, options.source);
      }
      for (const metadata of Object.values(body.versions)) {
        if (user && isRecord(metadata)) metadata._npmUser = { name: user };
      }
      return;
    }
    if (!stored) return;
    const removed = Object.keys(stored.versions).filter((version) => !incoming.includes(version));
    enforce(
      removed.length > 0
        ? decideUnpublish(user, route.name, options.admins, removed)
        : decideChange(user, route.name, options.ownership.ownersOf(route.name), options.admins),
    );
  }

  const queue = new PackageQueue();
  return (req, res, next) => {
    const tagged = distTagsRoute(req.url ?? '');
    if (tagged) {
      // `npm dist-tag add|rm`: Verdaccio checks the publish permission; the index follows `latest`.
      res.on('finish', () => {
        if (res.statusCode < 400) options.onChanged(tagged);
      });
      return next();
    }
    if (req.method !== 'PUT' && req.method !== 'DELETE') return next();
    const route = packageRoute(req.url ?? '');
    if (!route) return next();
    res.on('finish', () => {
      if (res.statusCode < 400) options.onChanged(route.name);
    });
    // Checked and stored under the package's turn, which ends when the answer is sent (or the client left).
    // The body is read at once (a stream that already flows drops what nobody listens to), the rest waits its turn.
    const reading = req.method === 'PUT' && route.rest[0] !== '-' ? readJsonBody(req) : Promise.resolve(undefined);
    reading.catch(() => undefined);
    const turn = queue.acquire(route.name);
    res.on('close', () => void turn.then((release) => release()));
    turn.then(() => check(req, route, reading).then(() => next(), next), next);
  };
}

/** The package a dist-tag request changes: `/-/package/<name>/dist-tags[/<tag>]`. */
function distTagsRoute(url: string): string | undefined {
  const match = /^\/-\/package\/([^/?]+(?:\/[^/?]+)?)\/dist-tags(?:\/[^/?]*)?(?:\?|$)/.exec(url);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** The tarballs npm attached to a publish (base64), by the version they belong to. */
function attachedTarballs(attachments: Record<string, unknown>, versions: string[]): [string, Buffer][] {
  const found: [string, Buffer][] = [];
  for (const attachment of Object.values(attachments)) {
    if (!isRecord(attachment) || typeof attachment.data !== 'string') continue;
    // npm publishes one version per request; with several the tarball cannot be told apart.
    const version = versions.length === 1 ? versions[0] : undefined;
    if (version !== undefined) found.push([version, Buffer.from(attachment.data, 'base64')]);
  }
  return found;
}

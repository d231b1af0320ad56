import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

// The slice of Verdaccio 6's plugin interfaces this package uses. Verdaccio's own typings live in
// @verdaccio/types, which is not a direct dependency; these mirror its shapes (verdaccio 6.8.0).

/** Who sent a request; `name` is undefined for anonymous requests. */
export interface RemoteUser {
  name?: string | undefined;
  groups: string[];
  real_groups: string[];
  error?: string;
}

/** An error Verdaccio turns into an HTTP answer: `status` becomes the code, `message` the body's `error`. */
export interface HttpError extends Error {
  status: number;
}

export type AccessCallback = (error: HttpError | null, allowed?: boolean) => void;

export interface PackageAccess {
  name: string;
  version?: string;
}

/** An auth plugin that only authorizes; users and passwords stay with verdaccio-htpasswd. */
export interface AuthorizationPlugin {
  allow_access(user: RemoteUser, pkg: PackageAccess, callback: AccessCallback): void;
  allow_publish(user: RemoteUser, pkg: PackageAccess, callback: AccessCallback): void;
  allow_unpublish(user: RemoteUser, pkg: PackageAccess, callback: AccessCallback): void;
}

export type Request = IncomingMessage & {
  remote_user?: RemoteUser;
  body?: unknown;
  /** body-parser skips a request whose body was already read and parsed. */
  _body?: boolean;
};

export type Next = (error?: unknown) => void;
export type Handler = (req: Request, res: ServerResponse, next: Next) => void;

/** Verdaccio's express app, as a middleware plugin sees it. */
export interface MiddlewareHost {
  use(handler: Handler): unknown;
}

export interface VersionMetadata {
  name: string;
  version: string;
  description?: string;
  keywords?: string[];
  scripts?: Record<string, string>;
  deprecated?: string;
  dist?: { tarball?: string; shasum?: string; integrity?: string };
  _npmUser?: { name?: string };
  /** What `mova-connector publish` recorded: `mova.checks`, the typecheck and tests it ran. */
  mova?: { checks?: unknown };
  maintainers?: { name?: string }[];
}

/** A package document as the npm API serves it. */
export interface Packument {
  name: string;
  versions: Record<string, VersionMetadata>;
  time?: Record<string, string>;
  'dist-tags': Record<string, string>;
}

/** Verdaccio's storage facade (lib/storage.js), whatever storage plugin holds the data. */
export interface VerdaccioStorage {
  getPackage(options: {
    name: string;
    uplinksLook: boolean;
    req?: unknown;
    callback: (error: HttpError | null, packument?: Packument) => void;
  }): void;
  getTarball(name: string, filename: string): Readable;
  /** The storage plugin's own list of the packages it holds (Verdaccio 6 keeps it in its database file). */
  localStorage: {
    storagePlugin: { get(callback: (error: Error | null, names?: string[]) => void): void };
  };
}

export interface MiddlewarePlugin {
  register_middlewares(app: MiddlewareHost, auth: unknown, storage: VerdaccioStorage): void;
}

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AuthorizationPlugin, MiddlewarePlugin } from './types.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'http' | 'debug' | 'trace';

export interface VerdaccioSettings {
  dataDir: string;
  /** Hands the live plugin to the verdaccio-mova bridge; called once as auth plugin, once as middleware. */
  connect: () => AuthorizationPlugin & MiddlewarePlugin;
  uplink: string | undefined;
  logLevel: LogLevel;
}

// Verdaccio finds plugins in this folder by name (`verdaccio-mova`); it sits at the package root,
// two levels above both src/verdaccio and dist/verdaccio.
const PLUGINS_DIR = fileURLToPath(new URL('../../verdaccio-plugins', import.meta.url));
const UPLINK = 'upstream';

/** The Verdaccio 6 configuration of a MOVA registry; every path is absolute, inside the data dir. */
export function verdaccioConfig({ dataDir, connect, uplink, logLevel }: VerdaccioSettings) {
  const rules = { access: '$all', publish: '$authenticated', unpublish: '$authenticated' };
  return {
    // Verdaccio resolves relative paths against the config file's folder; there is no file, and
    // nothing below is relative, but it insists on knowing where one would be.
    self_path: join(dataDir, 'config.yaml'),
    storage: join(dataDir, 'storage'),
    plugins: PLUGINS_DIR,
    auth: {
      // bcrypt takes ~250 ms per login; Verdaccio would warn about every one above 200 ms.
      htpasswd: { file: join(dataDir, 'htpasswd'), slow_verify_ms: 2000 },
      mova: { connect },
    },
    middlewares: { mova: { connect } },
    uplinks: uplink ? { [UPLINK]: { url: uplink } } : {},
    packages: {
      // MOVA's own scope is never looked up upstream: a same-named public package must not shadow it.
      '@mova/*': rules,
      '**': uplink ? { ...rules, proxy: UPLINK } : rules,
    },
    security: { api: { jwt: { sign: { expiresIn: '90d' } } } },
    // The marketplace page is served at `/` instead (src/web); Verdaccio's UI would claim it.
    web: { enable: false },
    max_body_size: '10mb',
    log: { type: 'stdout', format: 'pretty', level: logLevel },
  };
}

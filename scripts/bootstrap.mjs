// Installs dependencies with the pinned pnpm, builds every package and connector, and makes sure the
// Debian packages it needs are there (Chromium for the browser test, bubblewrap for the sandbox).

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pnpm } from './pnpm.mjs';
import { step } from './run.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const pm = pnpm();
const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
// better-sqlite3 (the SQLite run store) needs a native addon. Where Node's headers ship beside it (a
// Debian or distribution Node), node-gyp compiles it from them and no prebuilt binary is fetched, so
// the install asks no host but the npm registry; elsewhere prebuild-install downloads one.
const prefix = dirname(dirname(process.execPath));
const headers = existsSync(join(prefix, 'include', 'node', 'node_version.h'))
  ? { npm_config_nodedir: prefix, npm_config_build_from_source: 'true' }
  : {};
if ((await step('install dependencies', [...pm, 'install', ...frozen], { env: headers })) !== 0) process.exit(1);
if ((await step('build packages and connectors', [process.execPath, 'scripts/build.mjs'])) !== 0) process.exit(1);
if ((await ensureSystemPackages()) !== 0) process.exit(1);

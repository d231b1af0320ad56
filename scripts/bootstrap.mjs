// Installs dependencies with the pinned pnpm, builds every package and connector, and makes sure the
// Debian packages it needs are there (Chromium for the browser test, bubblewrap for the sandbox).

import { pnpm } from './pnpm.mjs';
import { step } from './run.mjs';
import { ensureSystemPackages } from './system-packages.mjs';

const pm = pnpm();
const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
if ((await step('install dependencies', [...pm, 'install', ...frozen])) !== 0) process.exit(1);
if ((await step('build packages and connectors', [process.execPath, 'scripts/build.mjs'])) !== 0) process.exit(1);
if ((await ensureSystemPackages()) !== 0) process.exit(1);

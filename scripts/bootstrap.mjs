// Installs dependencies with the pinned pnpm, builds every package and connector, and makes sure the
// system Chromium the registry's browser test drives is there.
import { ensureChromium } from './chromium.mjs';
import { pnpm } from './pnpm.mjs';
import { step } from './run.mjs';

const pm = pnpm();
const frozen = process.env.CI ? ['--frozen-lockfile'] : [];
if ((await step('install dependencies', [...pm, 'install', ...frozen])) !== 0) process.exit(1);
if ((await step('build packages and connectors', [process.execPath, 'scripts/build.mjs'])) !== 0) process.exit(1);
if ((await ensureChromium()) !== 0) process.exit(1);

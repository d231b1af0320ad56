// The marketplace page's browser test drives Debian's Chromium (/usr/bin/chromium) with playwright-core;
// Playwright's own browser download cannot reach its host from these machines, so the system package it is.
import { existsSync } from 'node:fs';
import { step } from './run.mjs';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Installs Debian's chromium when it is missing and this process may (root, apt-get). When it may not,
 * it says how and returns 0: the browser test then fails with the same instruction. Non-zero only
 * when an install was tried and failed.
 */
export async function ensureChromium() {
  if (existsSync(CHROMIUM)) return 0;
  const isRoot = process.getuid?.() === 0;
  if (process.platform !== 'linux' || !isRoot || !existsSync('/usr/bin/apt-get')) {
    console.error(
      `\n> ${CHROMIUM} is missing: the registry's browser test needs it. Install Debian's chromium as root:\n` +
        '    apt-get update && apt-get install -y chromium\n' +
        `  (not done here: ${process.platform !== 'linux' ? 'not Linux' : !isRoot ? 'not running as root' : 'no apt-get'})`,
    );
    return 0;
  }
  console.log(`\n> ${CHROMIUM} is missing: installing Debian's chromium for the registry's browser test`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await step('apt-get update', ['apt-get', 'update'], { env })) !== 0) return 1;
  return step('apt-get install -y chromium', ['apt-get', 'install', '-y', 'chromium'], { env });
}

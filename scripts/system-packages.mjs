// Debian packages the project needs on the machine: Chromium for the marketplace page's browser
// test (Playwright's own browser download cannot reach its host from these machines) and bubblewrap,
// which puts process sandboxes in their own namespaces (no network, own PIDs), and Dovecot, the IMAP
// server the email-imap connector is tested against (started by its test, never as a service), and
// SQLite's shell, the native reference the sqlite connector's files are checked with.
import { existsSync } from 'node:fs';
import { step } from './run.mjs';

export const SYSTEM_PACKAGES = [
  { binary: '/usr/bin/chromium', name: 'chromium', why: "the registry's browser test drives it" },
  { binary: '/usr/bin/bwrap', name: 'bubblewrap', why: 'process sandboxes run inside its namespaces' },
  {
    binary: '/usr/sbin/dovecot',
    name: 'dovecot-imapd',
    why: "the email-imap connector's tests run against a real IMAP server",
  },
  {
    binary: '/usr/bin/sqlite3',
    name: 'sqlite3',
    why: "the sqlite connector's tests check its database files with SQLite's own shell",
  },
];

/**
 * Installs the packages whose binary is missing when this process may (Linux, root, apt-get). When it
 * may not, it says how and returns 0: what needs them then fails or warns with the same instruction.
 * Non-zero only when an install was tried and failed.
 */
export async function ensureSystemPackages() {
  const missing = SYSTEM_PACKAGES.filter((pkg) => !existsSync(pkg.binary));
  if (missing.length === 0) return 0;
  const names = missing.map((pkg) => pkg.name).join(' ');
  const isRoot = process.getuid?.() === 0;
  if (process.platform !== 'linux' || !isRoot || !existsSync('/usr/bin/apt-get')) {
    const why = missing.map((pkg) => `  ${pkg.binary} is missing: ${pkg.why}`).join('\n');
    console.error(
      `\n> Debian packages missing:\n${why}\n  Install them as root:\n    apt-get update && apt-get install -y ${names}\n` +
        `  (not done here: ${process.platform !== 'linux' ? 'not Linux' : !isRoot ? 'not running as root' : 'no apt-get'})`,
    );
    return 0;
  }
  console.log(`\n> installing Debian's ${names}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if ((await step('apt-get update', ['apt-get', 'update'], { env })) !== 0) return 1;
  return step(`apt-get install -y ${names}`, ['apt-get', 'install', '-y', ...missing.map((pkg) => pkg.name)], {
    env,
  });
}

import { displayPath } from '../paths.js';
import { runCaptured } from '../process/run-process.js';
import { UserError } from '../user-error.js';

/**
 * Runs `npm install` in the new package. Output is kept, not shown, unless it fails: then it is
 * written to stderr before the error, since npm's own message is the one that says what broke.
 */
export async function npmInstall(dir: string): Promise<void> {
  const { code, output } = await runCaptured('npm', ['install', '--no-audit', '--no-fund'], dir);
  if (code === 0) return;
  process.stderr.write(`${output.trimEnd()}\n`);
  throw new UserError(
    `npm install failed in ${displayPath(dir)} (exit code ${code})`,
    `Fix what npm reports above, then run \`npm install\` in ${displayPath(dir)}; the files are in place.`,
    1,
  );
}

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { oneLine, UserError } from '../user-error.js';

export interface NpmPublishOptions {
  dir: string;
  registry: string;
  token: string | undefined;
  /** The dist-tag; undefined leaves npm's own default (`latest`, or publishConfig.tag). */
  tag: string | undefined;
  dryRun: boolean;
  /** Names the package in messages and suggests the next free version on a conflict. */
  name: string;
  version: string;
  nextVersion: string;
}

/** What `npm publish --json` reports about the tarball it packed (and sent). */
export interface PackedTarball {
  filename: string;
  integrity: string;
  shasum: string;
  size: number;
  unpackedSize: number;
  files: number;
}

interface NpmFailure {
  code?: string;
  summary?: string;
  detail?: string;
}

/**
 * Packs and publishes with the real `npm publish`, so `files`, `.npmignore`, lifecycle scripts,
 * `publishConfig` and npm's own checks behave exactly as they do for any npm package. The token goes
 * into a temporary user config that only this npm reads (the user's ~/.npmrc is neither read nor
 * written), and npm runs as a child process, never blocking this one.
 */
export async function npmPublish(options: NpmPublishOptions): Promise<PackedTarball> {
  const home = await mkdtemp(join(tmpdir(), 'mova-publish-'));
  try {
    const userconfig = join(home, 'npmrc');
    const registryKey = options.registry.replace(/^https?:/, '');
    const lines = [`registry=${options.registry}`];
    if (options.token) lines.push(`${registryKey}:_authToken=${options.token}`);
    await writeFile(userconfig, `${lines.join('\n')}\n`, { mode: 0o600 });
    const scope = options.name.startsWith('@') ? options.name.split('/')[0] : undefined;
    const args = [
      'publish',
      '--json',
      `--registry=${options.registry}`,
      `--userconfig=${userconfig}`,
      `--dry-run=${options.dryRun}`,
      '--access=public',
      '--update-notifier=false',
    ];
    // Given only when chosen: an explicit --tag=latest would switch off npm's own refusal to move
    // `latest` back to a lower version or onto a pre-release.
    if (options.tag !== undefined) args.push(`--tag=${options.tag}`);
    // A project .npmrc may send a scope elsewhere; a flag outranks it.
    if (scope) args.push(`--${scope}:registry=${options.registry}`);
    const result = await runNpm(args, options.dir);
    const report = parseReport(result.stdout);
    if (result.code === 0 && report.packed) return report.packed;
    throw publishError(report.failure ?? { summary: oneLine(result.stderr).slice(-400) }, options);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function parseReport(stdout: string): { packed?: PackedTarball; failure?: NpmFailure } {
  // Lifecycle scripts (prepublishOnly, prepack, …) print to the same stdout before npm's report.
  const report = lastJsonObject(stdout);
  if (typeof report !== 'object' || report === null) return {};
  if ('error' in report) return { failure: report.error as NpmFailure };
  // npm 11 keys the report by package name; older npm printed the package's report alone.
  const packed = ('id' in report ? report : Object.values(report)[0]) as Record<string, unknown> | undefined;
  if (!packed || typeof packed.integrity !== 'string') return {};
  return {
    packed: {
      filename: String(packed.filename),
      integrity: packed.integrity,
      shasum: String(packed.shasum),
      size: Number(packed.size ?? 0),
      unpackedSize: Number(packed.unpackedSize ?? 0),
      files: Number(packed.entryCount ?? 0),
    },
  };
}

/**
 * The last JSON object in a text that may have other lines before it, as changesets reads npm's
 * output: from the end of the last `}`, the first `{` from which the rest parses. Undefined when
 * there is none.
 * @example
 * lastJsonObject('> prepack\nbuilding {1}\n{ "id": "a@1.0.0" }\n') // { id: 'a@1.0.0' }
 */
export function lastJsonObject(text: string): unknown {
  let rest = text.slice(0, text.lastIndexOf('}') + 1);
  for (let at = rest.indexOf('{'); at !== -1; at = rest.indexOf('{')) {
    rest = rest.slice(at);
    try {
      return JSON.parse(rest);
    } catch {
      rest = rest.slice(1);
    }
  }
  return undefined;
}

/** npm's `403 Forbidden - PUT <url> - <the registry's reason>`: the reason is the part to show. */
function registryReason(summary: string): string {
  const match = /^\d{3} [^-]+ - [A-Z]+ \S+ - (.+)$/s.exec(summary);
  return oneLine(match?.[1] ?? summary);
}

function publishError(failure: NpmFailure, options: NpmPublishOptions): UserError {
  const summary = failure.summary ?? '';
  const what = `${options.name}@${options.version}`;
  const login = `Run \`mova-connector login --registry ${options.registry}\`, then publish again.`;
  if (failure.code === 'ENEEDAUTH') return new UserError(`not logged in to ${options.registry}`, login, 1);
  if (failure.code === 'E401') {
    return new UserError(
      `${options.registry} refused the token publishing ${what} (401): it is not valid (expired, or from another registry)`,
      login,
      1,
    );
  }
  if (failure.code === 'E403') {
    return new UserError(
      `${options.registry} refused to publish ${what} (403): ${registryReason(summary)}`,
      undefined,
      1,
    );
  }
  if (failure.code === 'E409' || /cannot publish over the previously published version/i.test(summary)) {
    return versionExists(options);
  }
  if (failure.code && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT)$/.test(failure.code)) {
    return new UserError(
      `cannot reach the registry at ${options.registry} (${failure.code})`,
      'Is it running? Start one with `mova-connector registry start`, or point --registry (or MOVA_REGISTRY) at one.',
      1,
    );
  }
  const detail = failure.detail ? oneLine(failure.detail) : undefined;
  return new UserError(
    `npm publish failed for ${what}: ${oneLine(summary) || 'no reason given'}`,
    detail || undefined,
    1,
  );
}

/** Versions never change: the one way forward is the next version. */
export function versionExists(options: { name: string; version: string; nextVersion: string; registry: string }) {
  return new UserError(
    `${options.name}@${options.version} is already published on ${options.registry}, and published versions never change`,
    `Publish ${options.nextVersion} instead: set "version": "${options.nextVersion}" in package.json.`,
    1,
  );
}

function runNpm(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // npm is a .cmd script on Windows, which Node only starts through a shell.
    const child = spawn('npm', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], shell: process.platform === 'win32' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new UserError('`npm` was not found on the PATH', 'Install Node.js with npm, or check the PATH.', 1)
          : error,
      );
    });
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

import { chmod, mkdir, readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import getAuthToken from 'registry-auth-token';
import writeFileAtomic from 'write-file-atomic';
import { UserError } from '../user-error.js';

/** Where a command talks to a registry, and with which token; `source` says where each came from. */
export interface RegistryConfig {
  url: string;
  token?: string;
  source: { url: 'flag' | 'env' | 'movarc' | 'default'; token?: 'flag' | 'env' | 'movarc' | 'npmrc' };
}

/** `~/.movarc`: JSON, like npm's config but scoped to MOVA. Tokens are kept per registry URL. */
export interface Movarc {
  registry?: string;
  tokens?: Record<string, string>;
}

export const DEFAULT_REGISTRY = 'http://127.0.0.1:4873/';

export function movarcPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.MOVA_CONFIG ?? join(homedir(), '.movarc');
}

/** Normalises a registry URL to end in one slash, so tokens match however the URL was typed. */
export function normalizeRegistry(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`"${url}" is not a registry URL`, 'Give a full URL, e.g. http://127.0.0.1:4873/.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UserError(`"${url}" is not an http(s) URL`, 'Give a full URL, e.g. http://127.0.0.1:4873/.');
  }
  return parsed.href.endsWith('/') ? parsed.href : `${parsed.href}/`;
}

export async function readMovarc(env: NodeJS.ProcessEnv = process.env): Promise<Movarc> {
  const path = movarcPath(env);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    return {};
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Movarc;
  } catch (error) {
    throw new UserError(
      `${path} is not valid JSON: ${(error as Error).message}`,
      'Fix it or delete it and log in again.',
    );
  }
}

/**
 * The bearer token npm itself would send to this registry, from `.npmrc` (the project's, the user's
 * or `NPM_CONFIG_USERCONFIG`'s, `${VAR}` references expanded), read by npm's own rules. Basic
 * credentials are left to npm: MOVA registries take tokens.
 */
export function npmrcToken(url: string): string | undefined {
  const found = getAuthToken(url, { recursive: true });
  return found?.type === 'Bearer' ? found.token : undefined;
}

/**
 * Resolves the registry URL and token: flags first, then `MOVA_REGISTRY` / `MOVA_REGISTRY_TOKEN`,
 * then `~/.movarc`, then the local default registry; a token npm has in `.npmrc` for that
 * registry comes last.
 */
export async function resolveRegistry(
  flags: { registry?: string; token?: string },
  env: NodeJS.ProcessEnv = process.env,
  fromNpmrc: (url: string) => string | undefined = npmrcToken,
): Promise<RegistryConfig> {
  const rc = await readMovarc(env);
  const [url, urlSource] = flags.registry
    ? [flags.registry, 'flag' as const]
    : env.MOVA_REGISTRY
      ? [env.MOVA_REGISTRY, 'env' as const]
      : rc.registry
        ? [rc.registry, 'movarc' as const]
        : [DEFAULT_REGISTRY, 'default' as const];
  const normalized = normalizeRegistry(url);
  const saved = rc.tokens?.[normalized];
  const [token, tokenSource] = flags.token
    ? [flags.token, 'flag' as const]
    : env.MOVA_REGISTRY_TOKEN
      ? [env.MOVA_REGISTRY_TOKEN, 'env' as const]
      : saved
        ? [saved, 'movarc' as const]
        : [fromNpmrc(normalized), 'npmrc' as const];
  return token
    ? { url: normalized, token, source: { url: urlSource, token: tokenSource } }
    : { url: normalized, source: { url: urlSource } };
}

/** Saves a token for a registry (and makes it the default registry), readable by the user only. */
export async function saveToken(url: string, token: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const path = movarcPath(env);
  const rc = await readMovarc(env);
  const registry = normalizeRegistry(url);
  const next: Movarc = { ...rc, registry, tokens: { ...rc.tokens, [registry]: token } };
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  // The umask cannot widen 0o600, but a file system that ignores the create mode can.
  await chmod(path, 0o600);
  return path;
}

/**
 * The registry the user works with and its token (MOVA_REGISTRY / MOVA_REGISTRY_TOKEN, else
 * ~/.movarc), for locked versions missing from the connector store: run, serve and worker.
 */
export async function lockedDownloads(): Promise<{ url: string; token?: string }> {
  const { url, token } = await resolveRegistry({});
  return token ? { url, token } : { url };
}

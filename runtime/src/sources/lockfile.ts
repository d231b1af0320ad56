import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { WorkflowIssue } from '../errors.js';
import { isRecord } from '../is-record.js';
import { pointerJoin } from '../json-pointer.js';
import { semver } from '../semver.js';
import { LOCKFILE_NAME, LockfileError } from './lockfile-error.js';

export { LOCKFILE_NAME, LockfileError };

export const LOCKFILE_VERSION = 1;

/** One locked connector version (see docs/lockfile.md). */
export interface LockedVersion {
  /** The ranges workflows asked for that this version answers, e.g. `["^1"]`. */
  ranges: string[];
  /** The tarball URL it is fetched from when the store does not hold it. */
  resolved: string;
  /** npm integrity of the tarball (`sha512-…`): a download that hashes otherwise is refused. */
  integrity: string;
  /** The store's content integrity of its manifest and bundle: what the run checks before loading it. */
  contentIntegrity: string;
  /** The registry it was installed from, ending in `/`. */
  registry: string;
}

/** `mova.lock.json`: package name → exact version → what pins it. */
export interface Lockfile {
  lockfileVersion: typeof LOCKFILE_VERSION;
  connectors: Record<string, Record<string, LockedVersion>>;
}

export function emptyLockfile(): Lockfile {
  return { lockfileVersion: LOCKFILE_VERSION, connectors: {} };
}

const PACKAGE_NAME = /^(?:@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;
const SHA512 = /^sha512-[A-Za-z0-9+/]{86}==$/;
const ENTRY_FIELDS = ['ranges', 'resolved', 'integrity', 'contentIntegrity', 'registry'] as const;
type Report = (pointer: string, message: string, hint?: string) => void;

const REINSTALL = 'Run mova-connector install in the project to write it again, or restore it from version control.';

/** Reads a lockfile; undefined when there is none. Rejects with LockfileError when it is invalid. */
export async function readLockfile(path: string): Promise<Lockfile | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parseLockfile(text, path);
}

/** Parses and checks lockfile text; `file` names it in errors. */
export function parseLockfile(text: string, file = LOCKFILE_NAME): Lockfile {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new LockfileError(file, [
      { pointer: '', message: `is not valid JSON: ${(error as Error).message}`, hint: REINSTALL },
    ]);
  }
  const { lockfile, issues } = checkLockfile(document);
  if (!lockfile) throw new LockfileError(file, issues);
  return lockfile;
}

/**
 * Checks a parsed lockfile and rebuilds it from the checked values. Every problem is reported,
 * not only the first. Unknown fields are problems too: v1 readers must not skip what they cannot
 * verify.
 */
export function checkLockfile(document: unknown): { lockfile?: Lockfile; issues: WorkflowIssue[] } {
  const issues: WorkflowIssue[] = [];
  const issue: Report = (pointer, message, hint = REINSTALL) => issues.push({ pointer, message, hint });
  if (!isRecord(document)) {
    issue('', 'must be a JSON object');
    return { issues };
  }
  if (document.lockfileVersion !== LOCKFILE_VERSION) {
    issue(
      '/lockfileVersion',
      `must be ${LOCKFILE_VERSION}, not ${JSON.stringify(document.lockfileVersion)}`,
      typeof document.lockfileVersion === 'number' && document.lockfileVersion > LOCKFILE_VERSION
        ? 'A newer mova-connector wrote it: upgrade @mova/cli and @mova/runtime.'
        : REINSTALL,
    );
  }
  for (const key of Object.keys(document)) {
    if (key !== 'lockfileVersion' && key !== 'connectors') issue(pointerJoin('', key), 'is not a lockfile field');
  }
  if (!isRecord(document.connectors)) {
    issue('/connectors', 'must be an object of package names');
    return { issues };
  }
  const connectors: Lockfile['connectors'] = {};
  for (const [name, versions] of Object.entries(document.connectors)) {
    const at = pointerJoin('/connectors', name);
    if (!PACKAGE_NAME.test(name)) issue(at, `"${name}" is not an npm package name`);
    if (!isRecord(versions) || Object.keys(versions).length === 0) {
      issue(at, 'must be an object of exact versions');
      continue;
    }
    const checked: Record<string, LockedVersion> = {};
    const rangeOwners = new Map<string, string>();
    for (const [version, entry] of Object.entries(versions)) {
      const locked = checkEntry(entry, version, pointerJoin(at, version), issue);
      if (!locked) continue;
      for (const range of locked.ranges) {
        const owner = rangeOwners.get(range);
        if (owner) {
          issue(
            pointerJoin(at, version, 'ranges'),
            `"${range}" is locked twice, to ${owner} and to ${version}`,
            'A range is locked to one version; remove it from one of them or install again.',
          );
        }
        rangeOwners.set(range, version);
      }
      checked[version] = locked;
    }
    connectors[name] = checked;
  }
  return issues.length > 0 ? { issues } : { lockfile: { lockfileVersion: LOCKFILE_VERSION, connectors }, issues };
}

function checkEntry(entry: unknown, version: string, at: string, report: Report): LockedVersion | undefined {
  const issues: WorkflowIssue[] = [];
  const issue: Report = (pointer, message, hint = REINSTALL) => issues.push({ pointer, message, hint });
  if (semver().valid(version) !== version) issue(at, `"${version}" is not an exact semver version`);
  if (!isRecord(entry)) {
    issue(at, 'must be an object');
    for (const found of issues) report(found.pointer, found.message, found.hint);
    return undefined;
  }
  for (const key of Object.keys(entry)) {
    if (!ENTRY_FIELDS.some((field) => field === key)) issue(pointerJoin(at, key), 'is not a lockfile field');
  }
  const { ranges, resolved, integrity, contentIntegrity, registry } = entry;
  const rangeList: string[] = [];
  if (!Array.isArray(ranges) || ranges.length === 0) {
    issue(pointerJoin(at, 'ranges'), 'must be a non-empty list of the ranges workflows ask for');
  } else {
    for (const [i, range] of ranges.entries()) {
      if (typeof range !== 'string' || semver().validRange(range) === null) {
        issue(pointerJoin(at, 'ranges', i), `${JSON.stringify(range)} is not a semver range`);
      } else if (semver().valid(version) && !semver().satisfies(version, range)) {
        issue(pointerJoin(at, 'ranges', i), `"${range}" does not allow ${version}`);
      } else rangeList.push(range);
    }
  }
  const url = (field: string, value: unknown) => {
    if (typeof value === 'string' && /^https?:\/\//.test(value) && URL.canParse(value)) return value;
    issue(pointerJoin(at, field), 'must be an http(s) URL');
    return undefined;
  };
  const sha512 = (field: string, value: unknown) => {
    if (typeof value === 'string' && SHA512.test(value)) return value;
    issue(pointerJoin(at, field), 'must be a sha512-… integrity');
    return undefined;
  };
  const checked = {
    resolved: url('resolved', resolved),
    integrity: sha512('integrity', integrity),
    contentIntegrity: sha512('contentIntegrity', contentIntegrity),
    registry: url('registry', registry),
  };
  for (const found of issues) report(found.pointer, found.message, found.hint);
  if (issues.length > 0) return undefined;
  if (!checked.resolved || !checked.integrity || !checked.contentIntegrity || !checked.registry) return undefined;
  return {
    ranges: rangeList,
    resolved: checked.resolved,
    integrity: checked.integrity,
    contentIntegrity: checked.contentIntegrity,
    registry: checked.registry,
  };
}

/**
 * The lockfile as text: packages by name, versions oldest first, fields in a fixed order, ranges
 * sorted, two-space indent and a final newline, so the same lock always reads the same in a diff.
 */
export function formatLockfile(lock: Lockfile): string {
  const connectors: Record<string, Record<string, LockedVersion>> = {};
  for (const name of Object.keys(lock.connectors).sort()) {
    const versions = lock.connectors[name] ?? {};
    const sorted: Record<string, LockedVersion> = {};
    for (const version of semver().sort(Object.keys(versions))) {
      const entry = versions[version];
      if (!entry) continue;
      sorted[version] = {
        ranges: [...new Set(entry.ranges)].sort(),
        resolved: entry.resolved,
        integrity: entry.integrity,
        contentIntegrity: entry.contentIntegrity,
        registry: entry.registry,
      };
    }
    if (Object.keys(sorted).length > 0) connectors[name] = sorted;
  }
  return `${JSON.stringify({ lockfileVersion: lock.lockfileVersion, connectors }, null, 2)}\n`;
}

/** Writes the lockfile atomically (a reader sees the old or the new file, never half of one). */
export async function writeLockfile(path: string, lock: Lockfile): Promise<void> {
  const text = formatLockfile(lock);
  parseLockfile(text, basename(path));
  const { default: writeFileAtomic } = await import('write-file-atomic');
  await writeFileAtomic(path, text);
}

/**
 * Reads the lockfile, lets `change` compute the next one from it and writes that, holding an
 * exclusive lock on the file meanwhile: installs and upgrades running at once in one project each
 * see the others' entries rather than overwriting them with what they read before.
 */
export async function updateLockfile<T>(
  path: string,
  change: (lock: Lockfile | undefined) => Promise<{ lock: Lockfile; result: T }>,
): Promise<T> {
  // proper-lockfile (with graceful-fs) loads only for installs and upgrades, not with every run.
  const { default: lockfile } = await import('proper-lockfile');
  let release: () => Promise<void>;
  try {
    // The file may not exist yet, hence no realpath; a holder that died leaves a lock that goes stale.
    release = await lockfile.lock(path, {
      realpath: false,
      stale: 15_000,
      retries: { retries: 200, factor: 1.2, minTimeout: 50, maxTimeout: 1_000 },
    });
  } catch (error) {
    throw new LockfileError(basename(path), [
      {
        pointer: '',
        message: `is being changed by another install or upgrade that did not finish (${(error as Error).message})`,
        hint: 'Wait for it to end and run the command again.',
      },
    ]);
  }
  try {
    const before = await readLockfile(path);
    const { lock, result } = await change(before);
    if (before === undefined || formatLockfile(lock) !== formatLockfile(before)) await writeLockfile(path, lock);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
}

import type { RegistrySource } from '@mova/runtime';
import { type LockedVersion, type Lockfile, lockRange } from '@mova/runtime/lockfile';
import { pickVersion } from '@mova/runtime/registry';
import { diffManifests, type Manifest, type ManifestChange } from '@mova/sdk';
import semver from 'semver';
import { UserError } from '../user-error.js';
import { pinOf } from './install-connector.js';
import { judgeWorkflows, type WorkflowUsage, type WorkflowVerdict } from './usage-breaks.js';

/** A newer version `--safe` passed over, and the breaking changes that made it. */
export interface SkippedVersion {
  version: string;
  /** The breaking changes that reach some workflow's steps. */
  changes: ManifestChange[];
  /** Every workflow on the range, with the steps this version would break (none for the ones it spares). */
  workflows: WorkflowVerdict[];
}

/** What `upgrade` did to one locked range. */
export interface RangeUpgrade {
  package: string;
  range: string;
  from: string;
  /** The version the range is locked to now: `from` when nothing newer was taken. */
  to: string;
  skipped: SkippedVersion[];
  /** Network access `to` asks for that `from` did not have (new hosts, new connection host fields). */
  moreNetwork: string[];
  /** Every workflow on the range, with the steps `to` breaks (none when nothing moved or nothing breaks). */
  workflows: WorkflowVerdict[];
}

export interface LockedRange {
  package: string;
  range: string;
  version: string;
  entry: LockedVersion;
}

export interface UpgradeRangeOptions {
  /** The locked version's manifest as a run would load it; fetched from `source` when not given. */
  current?: Manifest;
  /** What each workflow on this range uses of it: only the steps whose `uses` names this range. */
  workflows?: WorkflowUsage[];
  /** Skip a version that breaks any of `workflows`. */
  safe?: boolean;
  /** Renames the version declares will be rewritten in the workflows (`--write`): they break nothing. */
  write?: boolean;
}

/**
 * Moves one locked range to the version npm would pick for it now (the `latest` dist-tag when the
 * range allows it, else the newest version it allows; deprecated versions are not moved to, and
 * versions above the pick, such as ones published under `next`, are not either). Each candidate's
 * breaking changes (diffManifests against the locked version) are judged per workflow against what
 * the workflow uses (judgeWorkflows): a removed output field nobody reads breaks nothing. With
 * `safe`, a version that breaks any workflow on the range is skipped and the next newest is tried:
 * the lock is per range, so when two workflows share a range and only one breaks, the range stays
 * (the skipped version names the workflow it breaks and the ones it spares). A rename the new
 * version declares breaks a workflow unless `write` is set, which rewrites it (see rewriteWorkflow). A range no workflow
 * of the project uses is judged by the whole manifest: any breaking change skips the version.
 */
export async function upgradeRange(
  source: RegistrySource,
  lock: Lockfile,
  locked: LockedRange,
  options: UpgradeRangeOptions = {},
): Promise<{ lock: Lockfile; upgrade: RangeUpgrade }> {
  const workflows = options.workflows ?? [];
  const packument = await source.packument(locked.package);
  if (!packument) {
    throw new UserError(
      `${locked.package} is no longer in the registry ${source.client.url}`,
      'Runs keep working from the store and the lockfile; check --registry, or ask the registry admin.',
      1,
    );
  }
  const picked = pickVersion(packument, locked.range);
  const newer =
    picked === undefined || picked.deprecated !== undefined || !semver.gt(picked.version, locked.version)
      ? []
      : semver.rsort(
          Object.values(packument.versions)
            .filter((v) => v.deprecated === undefined && semver.satisfies(v.version, locked.range))
            .map((v) => v.version)
            .filter((v) => semver.gt(v, locked.version) && semver.lte(v, picked.version)),
        );
  const upgrade: RangeUpgrade = {
    package: locked.package,
    range: locked.range,
    from: locked.version,
    to: locked.version,
    skipped: [],
    moreNetwork: [],
    workflows: workflows.map((workflow) => ({ file: workflow.file, breaks: [] })),
  };
  if (newer.length === 0) return { lock, upgrade };
  const before = options.current ?? (await source.fetch(locked.package, locked.version)).manifest;
  for (const version of newer) {
    const candidate = await source.fetch(locked.package, version);
    const diff = diffManifests(before, candidate.manifest);
    const verdicts = judgeWorkflows(diff.changes, workflows);
    // No workflow uses the range yet: nothing to judge by, so any breaking change counts.
    if (options.safe && workflows.length === 0 && diff.bump === 'major') {
      upgrade.skipped.push({ version, changes: diff.changes.filter((c) => c.kind === 'breaking'), workflows: [] });
      continue;
    }
    const breaks = (verdict: WorkflowVerdict) =>
      verdict.breaks.some((broken) => broken.changes.length > 0 || (!options.write && broken.rewrites.length > 0));
    if (options.safe && verdicts.some(breaks)) {
      const changes = [
        ...new Set(
          verdicts.flatMap((verdict) =>
            verdict.breaks.flatMap((broken) => [...broken.changes, ...(options.write ? [] : broken.rewrites)]),
          ),
        ),
      ];
      upgrade.skipped.push({ version, changes, workflows: verdicts });
      continue;
    }
    upgrade.to = version;
    upgrade.workflows = verdicts;
    upgrade.moreNetwork = diff.changes
      .filter((change) => change.kind === 'feature' && change.pointer.startsWith('/network/'))
      .map((change) => change.message);
    return { lock: lockRange(lock, locked.package, locked.range, version, pinOf(candidate)), upgrade };
  }
  return { lock, upgrade };
}

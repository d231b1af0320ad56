import type { Bump, ManifestChange } from '@mova/sdk';
import { Flags } from '@oclif/core';
import semver from 'semver';
import { MovaCommand } from '../base-command.js';
import { buildProject } from '../build/build-project.js';
import { checkProject } from '../check/check-project.js';
import { readProject } from '../project.js';
import { RegistryClient } from '../registry/client.js';
import { type Comparison, compareWithPublished } from '../registry/compare-published.js';
import { registryFlag } from '../registry/flags.js';
import { installCommand } from '../registry/names.js';
import { npmPublish, versionExists } from '../registry/npm-publish.js';
import { isBumpEnough, suggestVersion } from '../registry/version-check.js';
import { formatLocated, IssuesError, UserError } from '../user-error.js';

const NEEDS: Record<Bump, ManifestChange['kind']> = { major: 'breaking', minor: 'feature', patch: 'fix' };

export interface PublishSummary {
  name: string;
  version: string;
  registry: string;
  tag: string;
  dryRun: boolean;
  /** The version compared with; null on a first publish. */
  previous: string | null;
  /** The bump the changes need; null when there was nothing to compare with. */
  bump: Bump | null;
  changes: ManifestChange[];
  /** Where the registry serves the tarball (the packed file name on a dry run). */
  tarball: string;
  integrity: string;
}

export default class Publish extends MovaCommand {
  static override summary = 'Build, check and publish the connector to a MOVA registry';

  static override description =
    'Build the connector, refuse it on manifest or convention problems, compare its manifest with the version published before it and refuse a version that is too small a bump for the changes, then pack and publish it with npm';

  static override examples = [
    '<%= config.bin %> publish',
    '<%= config.bin %> publish --dir connectors/github --registry http://127.0.0.1:4873/',
    '<%= config.bin %> publish --dry-run --json',
    '<%= config.bin %> publish --tag next',
  ];

  static override flags = {
    registry: registryFlag,
    'dry-run': Flags.boolean({ description: 'do everything but send the package to the registry', default: false }),
    tag: Flags.string({ description: 'dist-tag to publish under', default: 'latest' }),
  };

  async run(): Promise<PublishSummary> {
    const { flags } = await this.parse(Publish);
    const project = await readProject(flags.dir);
    refuseUnscoped(project.name);
    const client = await RegistryClient.fromFlags({ registry: flags.registry });
    // Refused before a build that would be wasted; npm would refuse the same.
    if (!flags['dry-run']) client.requireToken();
    const label = `${project.name}@${project.version}`;
    const build = await this.step(`Building ${label}`, (status) => buildProject(project, status));
    for (const warning of build.warnings) this.warn(formatLocated(warning));
    const issues = await this.step('Checking the manifest and conventions', () =>
      checkProject(project, build.manifest),
    );
    if (issues.length > 0) throw new IssuesError(`${issues.length} problem(s)`, issues);
    const comparison = await this.step(`Comparing with the versions on ${client.url}`, () =>
      compareWithPublished(client, build.manifest),
    );
    if (comparison.skipped) this.warn(`not compared with a published version: ${comparison.skipped}`);
    this.refuseWrongVersion(project.name, project.version, comparison, client.url);
    const packed = await this.step(
      flags['dry-run'] ? `Packing ${label} (dry run)` : `Publishing ${label} to ${client.url}`,
      () =>
        npmPublish({
          dir: project.dir,
          registry: client.url,
          token: client.token,
          tag: flags.tag,
          dryRun: flags['dry-run'],
          name: project.name,
          version: project.version,
          nextVersion: suggestVersion(project.version, comparison.diff?.bump ?? 'patch', comparison.published),
        }),
    );
    const served = flags['dry-run'] ? undefined : (await client.packument(project.name))?.versions[project.version];
    const summary: PublishSummary = {
      name: project.name,
      version: project.version,
      registry: client.url,
      tag: flags.tag,
      dryRun: flags['dry-run'],
      previous: comparison.diff ? (comparison.previous ?? null) : null,
      bump: comparison.diff?.bump ?? null,
      changes: comparison.diff?.changes ?? [],
      tarball: served?.dist.tarball ?? packed.filename,
      integrity: served?.dist.integrity ?? packed.integrity,
    };
    this.report(summary, packed.files);
    return summary;
  }

  /** Versions never change, and a version must be bump enough for what changed since the last one. */
  private refuseWrongVersion(name: string, version: string, comparison: Comparison, registry: string): void {
    const { previous, diff, published } = comparison;
    if (published.includes(version)) {
      const nextVersion = suggestVersion(version, diff?.bump ?? 'patch', published);
      throw versionExists({ name, version, nextVersion, registry });
    }
    if (!previous || !diff || isBumpEnough(previous, version, diff.bump)) return;
    const required = diff.changes.filter((change) => change.kind === NEEDS[diff.bump]);
    const suggestion = suggestVersion(previous, diff.bump, published);
    const below1 =
      semver.major(previous) === 0 && diff.bump === 'major'
        ? ' (below 1.0.0 a breaking change takes a minor bump)'
        : '';
    const message = `${name}@${version} is too small a bump for what changed since ${previous}: ${previous} → needs a ${diff.bump}: ${suggestion}${below1}`;
    const hint = `Set "version": "${suggestion}" in package.json, or undo the changes listed.`;
    if (this.jsonEnabled()) {
      const issues = required.map(({ pointer, message }) => ({ file: 'mova.manifest.json', pointer, message }));
      this.fail({ message, hint, exitCode: 1, issues });
    }
    for (const change of required) process.stderr.write(`${change.kind}: ${change.message} (${change.pointer})\n`);
    this.fail({ message, hint, exitCode: 1 });
  }

  private report(summary: PublishSummary, files: number): void {
    const verb = summary.dryRun ? 'Would publish' : 'Published';
    const against = summary.previous ? ` (${summary.bump} after ${summary.previous})` : ' (first version)';
    this.log(`${verb} ${summary.name}@${summary.version} to ${summary.registry} under "${summary.tag}"${against}`);
    for (const change of summary.changes) this.log(`  ${change.kind}: ${change.message}`);
    this.log(`  tarball    ${summary.tarball} (${files} files)`);
    this.log(`  integrity  ${summary.integrity}`);
    if (!summary.dryRun) this.log(`  install    ${installCommand(summary.name, summary.version)}`);
  }
}

/**
 * Workflows name a third-party connector by its scope (`@acme/connector-crm/deals.create@^1`); a
 * bare name means `@mova/connector-<name>`. An unscoped package could be published but never
 * installed or used, so it is refused before anything is built.
 */
function refuseUnscoped(name: string): void {
  if (name.startsWith('@')) return;
  const short = name.replace(/^connector-/, '');
  throw new UserError(
    `${name} has no scope, so no workflow could use it: "uses": "${short}/…" means @mova/connector-${short}`,
    `Name it under a scope of your own in package.json, e.g. "name": "@<your account>/connector-${short}" (your account owns a scope when it first publishes to it); then workflows write "uses": "@<your account>/connector-${short}/<action>@<range>".`,
    2,
  );
}

import { recordAudit } from '@mova/runtime/audit';
import { type Bump, isBumpEnough, type ManifestChange, suggestVersion } from '@mova/sdk';
import { Flags } from '@oclif/core';
import semver from 'semver';
import { MovaCommand } from '../base-command.js';
import { buildProject } from '../build/build-project.js';
import { checkProject } from '../check/check-project.js';
import { type PublishChecks, runPublishChecks } from '../check/publish-checks.js';
import { readProject } from '../project.js';
import { MovaRegistry } from '../registry/client.js';
import { type Comparison, compareWithPublished } from '../registry/compare-published.js';
import { registryFlag } from '../registry/flags.js';
import { installCommand, shortNameOf } from '../registry/names.js';
import { npmPublish, versionExists } from '../registry/npm-publish.js';
import { publishTag, requireTagForPrerelease } from '../registry/publish-tag.js';
import { type Recovery, withRecordedChecks } from '../registry/record-checks.js';
import { dataDirOf } from '../run/flags.js';
import { formatLocated, IssuesError, UserError } from '../user-error.js';

const NEEDS: Record<Bump, ManifestChange['kind']> = { major: 'breaking', minor: 'feature', patch: 'fix' };

export interface PublishSummary {
  name: string;
  version: string;
  registry: string;
  tag: string;
  /** The version `latest` stays at, when this one went under another tag; null when it took `latest`. */
  latestStays: string | null;
  dryRun: boolean;
  /** What ran before publishing (typecheck, tests), as recorded in the package's `mova.checks`. */
  checks: PublishChecks;
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
    `Build the connector, refuse it on manifest or convention problems, run its typecheck (its own tsc) and tests (its own vitest), compare its manifest with the version published before it and refuse a version that is too small a bump for the changes, then pack and publish it with npm.

What ran is recorded in the published package.json (mova.checks) and shown on the marketplace; --skip-checks skips the typecheck and tests, and that is recorded too.

Dist-tags work as npm's: a version goes under "latest" unless --tag names another tag; a pre-release must name one (--tag next), and a version below the highest published one (a backport, 1.4.1 after 2.0.0) goes under "latest-<major>", so "latest" never moves back.`;

  static override examples = [
    '<%= config.bin %> publish',
    '<%= config.bin %> publish --dir connectors/github --registry http://127.0.0.1:4873/',
    '<%= config.bin %> publish --dry-run --json',
    '<%= config.bin %> publish --tag next   # a pre-release: mova-connector install <name>@next gets it',
    '<%= config.bin %> publish --skip-checks',
  ];

  static override flags = {
    registry: registryFlag,
    'dry-run': Flags.boolean({ description: 'do everything but send the package to the registry', default: false }),
    tag: Flags.string({
      description:
        'dist-tag to publish under [default: latest; latest-<major> for a version below the highest published]',
    }),
    'skip-checks': Flags.boolean({
      description: "don't run the typecheck and tests first (recorded in the package and shown on the marketplace)",
      default: false,
    }),
  };

  async run(): Promise<PublishSummary> {
    const { flags } = await this.parse(Publish);
    const project = await readProject(flags.dir);
    refuseUnscoped(project.name);
    requireTagForPrerelease(project.name, project.version, flags.tag);
    const client = await MovaRegistry.fromFlags({ registry: flags.registry });
    // Refused before a build that would be wasted; npm would refuse the same.
    if (!flags['dry-run']) client.requireToken();
    const label = `${project.name}@${project.version}`;
    const build = await this.step(`Building ${label}`, (status) => buildProject(project, status));
    for (const warning of build.warnings) this.warn(formatLocated(warning));
    const issues = await this.step('Checking the manifest and conventions', () =>
      checkProject(project, build.manifest),
    );
    if (issues.length > 0) throw new IssuesError(`${issues.length} problem(s)`, issues);
    const checks: PublishChecks = flags['skip-checks']
      ? { skipped: true }
      : await this.step('Running the typecheck and tests', (status) => runPublishChecks(project.dir, status));
    const comparison = await this.step(`Comparing with the versions on ${client.url}`, () =>
      compareWithPublished(client, build.manifest),
    );
    if (comparison.skipped) this.warn(`not compared with a published version: ${comparison.skipped}`);
    this.refuseWrongVersion(project.name, project.version, comparison, client.url);
    const tag = publishTag(project.version, flags.tag, comparison.highest);
    const packed = await this.step(
      flags['dry-run'] ? `Packing ${label} (dry run)` : `Publishing ${label} to ${client.url} under "${tag.tag}"`,
      () =>
        withRecordedChecks(
          project.dir,
          checks,
          dataDirOf(process.env.MOVA_DATA_DIR, this.config),
          () =>
            npmPublish({
              dir: project.dir,
              registry: client.url,
              token: client.token,
              tag: tag.flag,
              dryRun: flags['dry-run'],
              name: project.name,
              version: project.version,
              nextVersion: suggestVersion(project.version, comparison.diff?.bump ?? 'patch', comparison.published),
            }),
          (recovery) => this.warnRecovery(recovery),
        ),
    );
    const served = flags['dry-run'] ? undefined : (await client.packument(project.name))?.versions[project.version];
    const summary: PublishSummary = {
      name: project.name,
      version: project.version,
      registry: client.url,
      tag: tag.tag,
      latestStays: tag.latestStays ?? null,
      dryRun: flags['dry-run'],
      checks,
      previous: comparison.diff ? (comparison.previous ?? null) : null,
      bump: comparison.diff?.bump ?? null,
      changes: comparison.diff?.changes ?? [],
      tarball: served?.dist.tarball ?? packed.filename,
      integrity: served?.dist.integrity ?? packed.integrity,
    };
    this.report(summary, packed.files);
    if (!summary.dryRun) {
      await recordAudit(dataDirOf(process.env.MOVA_DATA_DIR, this.config), {
        action: 'published',
        subject: `${summary.name}@${summary.version}`,
        details: { registry: summary.registry, tag: summary.tag, integrity: summary.integrity },
      });
    }
    return summary;
  }

  /** Versions never change, and a version must be bump enough for what changed since the last one. */
  private warnRecovery(recovery: Recovery): void {
    if (recovery.kind === 'restored') {
      this.warn(
        `an earlier publish was interrupted and left "mova.checks" in ${recovery.path}; put the file back as it was`,
      );
    } else if (recovery.kind === 'edited-since') {
      this.warn(
        `an earlier publish was interrupted and left "mova.checks" in ${recovery.path}, which has changed since; remove that field by hand if you don't want it there`,
      );
    }
  }

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
    if (summary.latestStays) this.log(`  latest     stays ${summary.latestStays} (this version is lower)`);
    this.log(`  checks     ${describeChecks(summary.checks)}`);
    this.log(`  tarball    ${summary.tarball} (${files} files)`);
    this.log(`  integrity  ${summary.integrity}`);
    if (summary.dryRun) return;
    // Under another tag a range would not pick it (unless it is the newest of its line): the tag does.
    const install =
      summary.tag === 'latest' || summary.latestStays
        ? installCommand(summary.name, summary.version)
        : `mova-connector install ${shortNameOf(summary.name)}@${summary.tag}`;
    this.log(`  install    ${install}`);
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

function describeChecks(checks: PublishChecks): string {
  if (checks.skipped) return 'skipped (--skip-checks)';
  const typecheck = checks.typecheck === 'passed' ? 'typecheck passed' : 'no tsconfig.json to typecheck';
  const tests = checks.testFiles === 0 ? 'no test files' : `${checks.tests} tests in ${checks.testFiles} files passed`;
  return `${typecheck}, ${tests}`;
}

import { type Manifest, validateManifest } from '@mova/sdk';
import { ux } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { ensureManifest } from '../build/ensure-manifest.js';
import { checkProject } from '../check/check-project.js';
import { networkWarnings } from '../check/network-warnings.js';
import { readProject } from '../project.js';
import { formatLocated, IssuesError, type LocatedIssue } from '../user-error.js';

export default class Validate extends MovaCommand {
  static override summary = 'Check the manifest and the conventions of a publishable connector';

  static override description =
    "Check mova.manifest.json (schemas, examples) and the conventions of a publishable connector (descriptions, examples, field descriptions, key naming); warns about a host an example reaches that neither network.allow nor the example's connection allows, and one a test reaches that network.allow does not allow; builds first when the manifest is missing or older than the source";

  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate --dir connectors/github --json',
  ];

  async run(): Promise<{ valid: boolean; issues: LocatedIssue[]; warnings: LocatedIssue[] }> {
    const { flags } = await this.parse(Validate);
    const project = await readProject(flags.dir);
    let issues: LocatedIssue[];
    let warnings: LocatedIssue[] = [];
    try {
      const { manifest } = await ensureManifest(project, (reason, work) =>
        this.step(`Building ${project.name}@${project.version} (${reason})`, work),
      );
      issues = await this.step('Checking the manifest and conventions', () => checkProject(project, manifest));
      if (validateManifest(manifest).length === 0) warnings = await networkWarnings(project, manifest as Manifest);
    } catch (error) {
      // A build that fails on the user's files is a validation result, not a crash.
      if (!(error instanceof IssuesError)) throw error;
      issues = error.issues;
    }
    if (!this.jsonEnabled()) {
      for (const warning of warnings)
        process.stderr.write(`${ux.colorize('yellow', 'Warning:')} ${formatLocated(warning)}\n`);
    }
    if (issues.length === 0) {
      this.log(
        `${project.name}@${project.version} is valid${warnings.length ? ` (${warnings.length} warning(s))` : ''}`,
      );
      return { valid: true, issues, warnings };
    }
    if (this.jsonEnabled()) {
      this.logJson({ valid: false, issues, warnings });
      this.exit(1);
    }
    return this.fail({ message: `${issues.length} problem(s)`, exitCode: 1, issues });
  }
}

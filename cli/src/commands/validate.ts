import { MovaCommand } from '../base-command.js';
import { ensureManifest } from '../build/ensure-manifest.js';
import { checkProject } from '../check/check-project.js';
import { readProject } from '../project.js';
import { IssuesError, type LocatedIssue } from '../user-error.js';

export default class Validate extends MovaCommand {
  static override summary = 'Check the manifest and the conventions of a publishable connector';

  static override description =
    'Check mova.manifest.json (schemas, examples) and the conventions of a publishable connector (descriptions, examples, field descriptions, key naming); builds first when the manifest is missing or older than the source';

  static override examples = [
    '<%= config.bin %> validate',
    '<%= config.bin %> validate --dir connectors/github --json',
  ];

  async run(): Promise<{ valid: boolean; issues: LocatedIssue[] }> {
    const { flags } = await this.parse(Validate);
    const project = await readProject(flags.dir);
    let issues: LocatedIssue[];
    try {
      const { manifest } = await ensureManifest(project, (reason, work) =>
        this.step(`Building ${project.name}@${project.version} (${reason})`, work),
      );
      issues = await this.step('Checking the manifest and conventions', () => checkProject(project, manifest));
    } catch (error) {
      // A build that fails on the user's files is a validation result, not a crash.
      if (!(error instanceof IssuesError)) throw error;
      issues = error.issues;
    }
    if (issues.length === 0) {
      this.log(`${project.name}@${project.version} is valid`);
      return { valid: true, issues };
    }
    if (this.jsonEnabled()) {
      this.logJson({ valid: false, issues });
      this.exit(1);
    }
    return this.fail({ message: `${issues.length} problem(s)`, exitCode: 1, issues });
  }
}

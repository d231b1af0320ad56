import { validateWorkflow } from '@mova/runtime';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { OfflineLockedResolver } from '../editor/locked-connectors.js';
import { openEditorProject } from '../editor/open-project.js';
import { pointerPositions } from '../editor/positions.js';
import { projectBaseFlags } from '../install/flags.js';
import { displayPath } from '../paths.js';
import { dataDirOf, runStoreFlags } from '../run/flags.js';
import { oneLine, UserError } from '../user-error.js';

/** One problem of a workflow file, at its pointer and its line and column. */
export interface CheckIssue {
  pointer: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export interface CheckResult {
  valid: boolean;
  lockfile: string;
  workflows: { file: string; valid: boolean; issues: CheckIssue[] }[];
}

export default class Check extends MovaCommand {
  static override summary = 'Check every workflow of a project against its lockfile, for CI';

  static override description =
    `Validates every workflow file of a project (JSON files with "mova" at the top, outside node_modules, dist and dot folders) as run would before running it: the schema, step ids and references, expressions, each "uses" against the version mova.lock.json locks and that version's manifest (the action exists, literal "with" values fit its input schema, the connection is declared), without running anything and without the network: the locked versions are read from the connector store (mova-connector install puts them there; --fetch downloads the locked versions it lacks, verified against the lockfile). Connections are not opened.

Every problem is printed as file:line:column with its JSON pointer and a hint; --format github prints GitHub Actions annotations instead. Exit code: 0 all valid, 1 some workflow is invalid, 2 a usage mistake.`;

  static override examples = [
    '<%= config.bin %> check',
    '<%= config.bin %> check --dir flows --format github',
    '<%= config.bin %> check --fetch --format github   # in CI: download what mova.lock.json pins, then check',
    '<%= config.bin %> check --json',
  ];

  static override baseFlags = projectBaseFlags;

  static override flags = {
    format: Flags.string({
      description: 'how to print problems: text (file:line:column) or github (::error annotations for GitHub Actions)',
      options: ['text', 'github'],
      default: 'text',
    }),
    fetch: Flags.boolean({
      description:
        'download locked versions the connector store lacks (from the URLs mova.lock.json pins, refused unless they match its integrity), as in CI after a checkout',
      default: false,
    }),
    'data-dir': runStoreFlags['data-dir'],
  };

  async run(): Promise<CheckResult> {
    const { flags } = await this.parse(Check);
    const dataDir = dataDirOf(flags['data-dir'], this.config);
    const project = await (flags.fetch
      ? this.step('Fetching the locked connectors', () => openEditorProject(flags.dir, dataDir, { fetch: true }))
      : openEditorProject(flags.dir, dataDir));
    if (project.workflows.length === 0) {
      throw new UserError(
        `${displayPath(project.dir)} holds no workflow files`,
        'Pass the project folder with --dir; a workflow is a .json file whose top level has "mova": "1.0".',
      );
    }
    const resolver = new OfflineLockedResolver(project.lock, project.connectors);
    const workflows: CheckResult['workflows'] = [];
    for (const { path, text } of project.workflows) {
      const result = await validateWorkflow(text, { resolver });
      const at = pointerPositions(text);
      const issues = result.ok
        ? []
        : result.issues.map(({ pointer, message, hint }) => ({
            pointer,
            ...(syntaxPosition(pointer, message) ?? at(pointer)),
            message,
            hint,
          }));
      workflows.push({ file: displayPath(path), valid: result.ok, issues });
    }
    const valid = workflows.every((w) => w.valid);
    const outcome = { valid, lockfile: displayPath(project.lockPath), workflows };
    if (this.jsonEnabled()) {
      if (valid) return outcome;
      this.logJson(outcome);
      this.exit(1);
    }
    for (const workflow of workflows) {
      for (const issue of workflow.issues) {
        if (flags.format === 'github') this.log(githubAnnotation(workflow.file, issue));
        else process.stderr.write(`${textLine(workflow.file, issue)}\n`);
      }
    }
    const failed = workflows.filter((w) => !w.valid);
    const problems = failed.reduce((n, w) => n + w.issues.length, 0);
    const against = project.locked ? `against ${displayPath(project.lockPath)}` : 'without a lockfile';
    this.log(
      failed.length === 0
        ? `${workflows.length} workflow(s) valid ${against}`
        : `${failed.length} of ${workflows.length} workflow(s) invalid ${against}: ${problems} problem(s)`,
    );
    if (!valid) this.exit(1);
    return outcome;
  }
}

/** A JSON syntax error has no pointer; the parser's message names its line and column. */
function syntaxPosition(pointer: string, message: string): { line: number; column: number } | undefined {
  const found = pointer === '' ? /line (\d+) column (\d+)/.exec(message) : null;
  return found ? { line: Number(found[1]), column: Number(found[2]) } : undefined;
}

/** `flows/a.json:7:5: /steps/0/with/title is required (Add "title".)`: the form editors and terminals link. */
function textLine(file: string, issue: CheckIssue): string {
  const where = issue.pointer === '' ? 'the workflow' : issue.pointer;
  return `${file}:${issue.line}:${issue.column}: ${where} ${oneLine(issue.message)}${issue.hint ? ` (${oneLine(issue.hint)})` : ''}`;
}

/**
 * A GitHub Actions error annotation: `::error file=…,line=…,col=…,title=…::message`, escaped as the
 * runner expects (`%`, CR and LF in the message; also `:` and `,` in properties).
 */
export function githubAnnotation(file: string, issue: CheckIssue): string {
  const where = issue.pointer === '' ? 'the workflow' : issue.pointer;
  const message = `${where} ${oneLine(issue.message)}${issue.hint ? ` (${oneLine(issue.hint)})` : ''}`;
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${issue.line}`,
    `col=${issue.column}`,
    `title=${escapeProperty('mova-connector check')}`,
  ].join(',');
  return `::error ${properties}::${escapeData(message)}`;
}

function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MovaCommand } from '../base-command.js';
import { packageTool } from '../check/package-tool.js';
import { displayPath } from '../paths.js';
import { runStreaming } from '../process/run-process.js';
import { readProject } from '../project.js';
import { UserError } from '../user-error.js';

interface VitestJsonReport {
  success: boolean;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: unknown[];
}

export default class Test extends MovaCommand {
  static override summary = "Run the connector's tests with its own vitest";

  static override description =
    "Run the connector's tests with its own vitest (`vitest run` in the package folder); the exit code is vitest's";

  static override examples = [
    '<%= config.bin %> test',
    '<%= config.bin %> test src/actions/create-issue.test.ts',
    '<%= config.bin %> test --dir connectors/github --json',
  ];

  // Extra arguments are vitest file filters.
  static override strict = false;

  async run() {
    const { flags, argv } = await this.parse(Test);
    const project = await readProject(flags.dir);
    const vitest = resolveVitest(project.dir);
    const filters = argv.map(String);
    if (!this.jsonEnabled()) {
      const code = await runStreaming(process.execPath, [vitest, 'run', ...filters], project.dir, 'inherit');
      if (code !== 0) this.exit(code);
      return { exitCode: code };
    }
    // With --json, stdout carries only our JSON: vitest's own report goes to stderr and the
    // counts come from its json reporter.
    const scratch = await mkdtemp(join(tmpdir(), 'mova-test-'));
    try {
      const report = join(scratch, 'vitest.json');
      const args = [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...filters];
      const code = await runStreaming(process.execPath, args, project.dir, ['inherit', 2, 'inherit']);
      const summary = { exitCode: code, ...(await readCounts(report)) };
      if (code !== 0) {
        this.logJson(summary);
        this.exit(code);
      }
      return summary;
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
  }
}

/** The package's own vitest (or one in a parent folder, as in a workspace), never a download. */
function resolveVitest(dir: string): string {
  const vitest = packageTool(dir, 'vitest', 'vitest');
  if (vitest) return vitest;
  throw new UserError(
    `vitest is not installed in ${displayPath(dir)}`,
    'Run `npm install` there (vitest is a devDependency of every connector package).',
    1,
  );
}

async function readCounts(file: string) {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  // vitest writes no report when it fails before running (a broken config); its output says why.
  if (text === undefined) return { success: false, report: 'vitest wrote no report; see its output above' };
  const report = JSON.parse(text) as VitestJsonReport;
  return {
    success: report.success,
    files: report.testResults.length,
    tests: {
      total: report.numTotalTests,
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests,
      todo: report.numTodoTests,
    },
  };
}

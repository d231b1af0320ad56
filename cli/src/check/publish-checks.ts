import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { displayPath } from '../paths.js';
import { runCaptured } from '../process/run-process.js';
import { IssuesError, oneLine, UserError } from '../user-error.js';
import { packageTool } from './package-tool.js';

/**
 * What `publish` checked before sending the package, recorded in the published package.json under
 * `mova.checks` so the registry and the marketplace can tell tests that ran from a script's name.
 */
export type PublishChecks =
  | { skipped: true }
  | {
      skipped: false;
      /** `passed` when tsc found no error; `none` when the package has no tsconfig.json. */
      typecheck: 'passed' | 'none';
      /** Test files vitest ran (all passed). */
      testFiles: number;
      tests: number;
    };

const SKIP_HINT =
  'Fix it and publish again, or publish with --skip-checks (the marketplace then shows that tests did not run).';

/** Runs the package's typecheck (its own tsc) and tests (its own vitest); throws on a failure. */
export async function runPublishChecks(dir: string, status: (text: string) => void): Promise<PublishChecks> {
  status('typecheck');
  const typecheck = await runTypecheck(dir);
  status('tests');
  const tests = await runTests(dir);
  return { skipped: false, typecheck, ...tests };
}

async function runTypecheck(dir: string): Promise<'passed' | 'none'> {
  if (!existsSync(join(dir, 'tsconfig.json'))) return 'none';
  const tsc = packageTool(dir, 'typescript', 'tsc');
  if (!tsc) {
    throw new UserError(
      `${displayPath(dir)} has a tsconfig.json but typescript is not installed there, so it cannot be typechecked`,
      `Run \`npm install --save-dev typescript\` there. ${SKIP_HINT}`,
      1,
    );
  }
  const result = await runCaptured(
    process.execPath,
    [tsc, '--noEmit', '-p', 'tsconfig.json', '--pretty', 'false'],
    dir,
  );
  if (result.code === 0) return 'passed';
  // `src/a.ts(3,5): error TS2322: …`: one located line per error.
  const issues = result.output
    .split('\n')
    .map((line) => /^(.+?)\((\d+),(\d+)\): (error TS\d+: .*)$/.exec(line.trim()))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, file, line, column, message]) => ({
      file: `${file}:${line}:${column}`,
      pointer: '',
      message: message ?? '',
    }));
  if (issues.length === 0) {
    throw new UserError(`the typecheck failed: ${oneLine(result.output).slice(-400)}`, SKIP_HINT, 1);
  }
  throw new IssuesError(`the typecheck found ${issues.length} error(s)`, [
    ...issues,
    { file: 'tsconfig.json', pointer: '', message: 'the typecheck failed, so nothing was published', hint: SKIP_HINT },
  ]);
}

interface VitestReport {
  success: boolean;
  numTotalTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string }[];
}

async function runTests(dir: string): Promise<{ testFiles: number; tests: number }> {
  const vitest = packageTool(dir, 'vitest', 'vitest');
  if (!vitest) {
    throw new UserError(
      `vitest is not installed in ${displayPath(dir)}, so its tests cannot run`,
      `Run \`npm install --save-dev vitest\` there. ${SKIP_HINT}`,
      1,
    );
  }
  const scratch = await mkdtemp(join(tmpdir(), 'mova-publish-tests-'));
  try {
    const file = join(scratch, 'vitest.json');
    const args = [vitest, 'run', '--passWithNoTests', '--reporter=json', `--outputFile.json=${file}`];
    const result = await runCaptured(process.execPath, args, dir);
    const text = await readFile(file, 'utf8').catch(() => undefined);
    const report = text === undefined ? undefined : (JSON.parse(text) as VitestReport);
    if (result.code === 0 && report) {
      return { testFiles: report.testResults.length, tests: report.numTotalTests };
    }
    if (!report) {
      throw new UserError(`the tests could not run: ${oneLine(result.output).slice(-400)}`, SKIP_HINT, 1);
    }
    const failed = report.testResults.filter((r) => r.status !== 'passed').map((r) => relative(dir, r.name));
    throw new UserError(
      `${report.numFailedTests} of ${report.numTotalTests} tests failed (in ${failed.join(', ') || 'the suite'}), so nothing was published`,
      `See them with \`mova-connector test\`. ${SKIP_HINT}`,
      1,
    );
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

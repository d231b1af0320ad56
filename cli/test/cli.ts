import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ExpectStatic, expect as globalExpect } from 'vitest';

/** The `mova-connector` entry point, for tests that drive the process themselves (signals, say). */
export const BIN = fileURLToPath(new URL('../bin/run.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/commands/init.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Runs the built `mova-connector` binary as a user would: a child process, no terminal. `env`
 * adds to (or, with undefined, removes from) this process's environment.
 */
export function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  if (!existsSync(BUILT)) {
    throw new Error('cli/dist is missing: build first with `npm run build`');
  }
  return node([BIN, ...args], cwd, env);
}

/** Runs a Node script (a package's own binary, say) as a child process and collects its output. */
export function node(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return command(process.execPath, args, cwd, { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...env });
}

/** Runs a command with exactly the environment given (no PATH but its own) and collects its output. */
export function command(
  file: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, ms: performance.now() - started }));
  });
}

/** What a failed command printed about the failure, without its progress lines ("Building... failed"). */
export function problemLines(result: CliResult): string[] {
  return result.stderr
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line && !/\.\.\. (done|failed)$/.test(line));
}

/**
 * A user mistake: the given exit code, exactly one problem line matching `line`, and no stack frames.
 * Concurrent tests pass their own `expect`.
 */
export function expectOneLineError(
  result: CliResult,
  exitCode: number,
  line: RegExp,
  expect: ExpectStatic = globalExpect,
): void {
  const context = `exit ${result.code}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`;
  expect(result.code, context).toBe(exitCode);
  expect(problemLines(result), context).toEqual([expect.stringMatching(line)]);
  expect(result.stderr + result.stdout, context).not.toMatch(/^\s+at /m);
}

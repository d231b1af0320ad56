import { fileURLToPath } from 'node:url';
import { ResumeError } from '@mova/runtime';
import { Errors } from '@oclif/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MovaCommand } from './base-command.js';

const CLI_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** A command that fails with the error it is given, as a real command's run would. */
function failingWith(error: Error) {
  return class Failing extends MovaCommand {
    static override id = 'failing';
    async run(): Promise<void> {
      await this.parse(Failing);
      throw error;
    }
  };
}

/** Runs the command, returning what it wrote and the error `run` rejected with. */
async function runCaptured(command: ReturnType<typeof failingWith>, argv: string[]) {
  let stdout = '';
  let stderr = '';
  // oclif prints --json output with console.log.
  vi.spyOn(console, 'log').mockImplementation((text: unknown) => {
    stdout += `${String(text)}\n`;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  const thrown = await command.run(argv, CLI_ROOT).then(
    () => undefined,
    (error: unknown) => error,
  );
  vi.restoreAllMocks();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colour codes of a terminal
  return { stdout: stdout.replace(/\u001b\[\d+m/g, ''), stderr: stderr.replace(/\u001b\[\d+m/g, ''), thrown };
}

describe('MovaCommand maps errors in one place', () => {
  afterEach(() => {
    // oclif's own catch sets it for errors it prints; the test process must not exit non-zero.
    process.exitCode = undefined;
  });

  const refusal = new ResumeError(
    'E_RUN_NOT_RESUMABLE',
    'run r1 is completed: only interrupted and waiting runs are resumed',
    'It has ended; start a new run instead.',
  );

  it('prints a MovaError as message (hint) on stderr, exit 1, no stack trace', async () => {
    const { stdout, stderr, thrown } = await runCaptured(failingWith(refusal), []);
    expect(stderr).toBe(
      'Error: run r1 is completed: only interrupted and waiting runs are resumed (It has ended; start a new run instead.)\n',
    );
    expect(stdout).toBe('');
    expect(thrown).toBeInstanceOf(Errors.ExitError);
    expect((thrown as Errors.ExitError).oclif.exit).toBe(1);
  });

  it('--json prints { error: { code, message, hint, exitCode } } on stdout', async () => {
    const { stdout, stderr, thrown } = await runCaptured(failingWith(refusal), ['--json']);
    expect(JSON.parse(stdout)).toEqual({
      error: {
        code: 'E_RUN_NOT_RESUMABLE',
        message: 'run r1 is completed: only interrupted and waiting runs are resumed',
        hint: 'It has ended; start a new run instead.',
        exitCode: 1,
      },
    });
    expect(stderr).toBe('');
    expect((thrown as Errors.ExitError).oclif.exit).toBe(1);
  });

  it('lets an unexpected error through to oclif with its stack, printed as a bug', async () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'steps')");
    const { stderr, thrown } = await runCaptured(failingWith(bug), []);
    expect(thrown).toBe(bug);
    expect(bug.stack).toMatch(/\n\s+at /);
    expect(stderr).not.toContain('Error: Cannot read');
  });
});

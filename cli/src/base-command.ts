import { Command, Errors, Flags, type Interfaces, ux } from '@oclif/core';
import { type Failure, failureLines, failureOf, toFailure } from './error-output.js';
import { usageFailure } from './usage-error.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof MovaCommand)['baseFlags'] & T['flags']
>;

/**
 * Every command's base: `--json`, `--dir`, a spinner helper, and the one place that turns known
 * errors into located one-line messages and an exit code (1 failure, 2 usage), so no user mistake
 * ends in a stack trace.
 */
export abstract class MovaCommand extends Command {
  static override enableJsonFlag = true;

  static override baseFlags = {
    dir: Flags.directory({ description: 'connector package folder', default: '.', helpGroup: 'GLOBAL' }),
  };

  /**
   * Runs a long step under a spinner (a plain progress line when stderr is not a terminal, nothing
   * with --json). `status` names the current sub-step; a failure ends the line with "failed".
   */
  protected async step<T>(title: string, work: (status: (text: string) => void) => Promise<T>): Promise<T> {
    if (this.jsonEnabled()) return work(() => {});
    ux.action.start(title);
    try {
      // The plain (non-terminal) progress line cannot redraw, so sub-steps show only on a spinner.
      const result = await work((text) => {
        if (ux.action.type === 'spinner') ux.action.status = text;
      });
      ux.action.stop('done');
      return result;
    } catch (error) {
      ux.action.stop(ux.colorize('red', 'failed'));
      throw error;
    }
  }

  /**
   * Prints problems (stderr, or `{ error: { code, message, hint, exitCode, issues } }` with --json)
   * and exits; used by catch and by commands. A failure without a code gets E_USAGE or E_FAILED.
   */
  protected fail(given: Omit<Failure, 'code'> & { code?: string }): never {
    const failure = failureOf(given);
    if (this.jsonEnabled()) {
      this.logJson({ error: failure });
    } else {
      for (const line of failureLines(failure, (text) => ux.colorize('red', text))) process.stderr.write(`${line}\n`);
    }
    this.exit(failure.exitCode);
  }

  protected override async catch(error: Error & { exitCode?: number }): Promise<unknown> {
    // this.exit() throws ExitError on purpose; it carries the code and has printed what it needs.
    if (error instanceof Errors.ExitError) throw error;
    if (ux.action.running) ux.action.stop(ux.colorize('red', 'failed'));
    const usage = usageFailure(error, {
      bin: this.config.bin,
      id: this.id ?? '',
      examples: (this.constructor as typeof Command).examples,
    });
    if (usage) return this.fail({ ...usage, exitCode: 2 });
    const failure = toFailure(error);
    return failure ? this.fail(failure) : super.catch(error);
  }
}

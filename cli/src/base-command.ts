import { MovaError } from '@mova/sdk';
import { Command, Errors, Flags, type Interfaces, ux } from '@oclif/core';
import { usageFailure } from './usage-error.js';
import { formatLocated, IssuesError, type LocatedIssue, oneLine, UserError } from './user-error.js';

export type BaseFlags<T extends typeof Command> = Interfaces.InferredFlags<
  (typeof MovaCommand)['baseFlags'] & T['flags']
>;

interface Failure {
  message: string;
  hint?: string;
  exitCode: 1 | 2;
  issues?: LocatedIssue[];
}

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

  /** Prints problems (stderr, or `{ error }` with --json) and exits; used by catch and by commands. */
  protected fail(failure: Failure): never {
    if (this.jsonEnabled()) {
      this.logJson({ error: failure });
    } else if (failure.issues?.length) {
      for (const issue of failure.issues) process.stderr.write(`${formatLocated(issue)}\n`);
    } else {
      const hint = failure.hint ? ` (${oneLine(failure.hint)})` : '';
      process.stderr.write(`${ux.colorize('red', 'Error:')} ${oneLine(failure.message)}${hint}\n`);
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

/** Refusals of what the user gave (a connection), not of the thing being checked: exit code 2. */
const USAGE_CODES: ReadonlySet<string> = new Set(['E_CONNECTION']);

/** Every error the CLI explains is a MovaError (UserError included); they are mapped here, once. */
function toFailure(error: Error): Failure | undefined {
  if (error instanceof IssuesError) {
    return { message: error.message, exitCode: 1, issues: error.issues };
  }
  if (error instanceof UserError) {
    return { message: error.message, hint: error.hint, exitCode: error.exitCode };
  }
  if (error instanceof MovaError) {
    return { message: error.message, hint: error.hint, exitCode: USAGE_CODES.has(error.code) ? 2 : 1 };
  }
  // Ctrl-C in a prompt: the user chose to stop, nothing went wrong that needs explaining.
  if (error.name === 'ExitPromptError') {
    return { message: 'cancelled', hint: 'Run the command again when ready.', exitCode: 1 };
  }
  return undefined;
}

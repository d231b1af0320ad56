import { MovaError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { failureLines, failureOf, toFailure } from './error-output.js';
import { IssuesError, UserError } from './user-error.js';

describe('toFailure', () => {
  it('maps any MovaError to its code, message and hint, exit 1', () => {
    const error = new MovaError('E_RUN_NOT_FOUND', 'there is no run r1', 'List runs with `mova-connector runs`.');
    expect(toFailure(error)).toEqual({
      code: 'E_RUN_NOT_FOUND',
      message: 'there is no run r1',
      hint: 'List runs with `mova-connector runs`.',
      exitCode: 1,
    });
  });

  it('gives a refused connection and a UserError of exit 2 the usage exit code', () => {
    expect(toFailure(new MovaError('E_CONNECTION', 'no connection "gh"'))).toEqual({
      code: 'E_CONNECTION',
      message: 'no connection "gh"',
      exitCode: 2,
    });
    expect(toFailure(new UserError('--since must be an age', 'e.g. 2d'))).toMatchObject({
      code: 'E_USAGE',
      exitCode: 2,
    });
    expect(toFailure(new UserError('2 tests failed', undefined, 1))).toMatchObject({ code: 'E_FAILED', exitCode: 1 });
  });

  it('keeps located issues', () => {
    const issues = [{ file: 'flow.json', pointer: '/steps/0', message: 'is required' }];
    expect(toFailure(new IssuesError('the workflow is invalid', issues))).toEqual({
      code: 'E_FAILED',
      message: 'the workflow is invalid',
      exitCode: 1,
      issues,
    });
  });

  it('leaves an unexpected error to oclif, which prints it with its stack', () => {
    expect(toFailure(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeUndefined();
    expect(toFailure(Object.assign(new Error('EACCES'), { code: 'EACCES', hint: 'not ours' }))).toBeUndefined();
  });
});

describe('failureLines', () => {
  it('prints message (hint) on one line, without the code or a stack', () => {
    const error = new MovaError('E_RUN_STORE', 'the run store failed:\n  disk full', 'Free some space.');
    const failure = toFailure(error);
    expect(failure && failureLines(failure)).toEqual(['Error: the run store failed: disk full (Free some space.)']);
  });

  it('prints one line per located issue', () => {
    const failure = failureOf({
      message: '2 problem(s)',
      exitCode: 1,
      issues: [
        { file: 'a.json', pointer: '/x', message: 'is required', hint: 'Add x.' },
        { file: 'a.json', pointer: '', message: 'is empty' },
      ],
    });
    expect(failure.code).toBe('E_FAILED');
    expect(failureLines(failure)).toEqual(['a.json#/x: is required (Add x.)', 'a.json: is empty']);
  });
});

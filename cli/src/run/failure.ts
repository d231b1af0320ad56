import type { StepErrorInfo } from '@mova/runtime';
import type { LocatedIssue } from '../user-error.js';
import { shortConnector } from './format.js';

/**
 * Why a run failed, located in the workflow file:
 * `flow.json#/steps/1: step "query" (postgres@1.0.0 query) failed with not_found: … (hint)`.
 */
export function failureIssue(file: string, error: StepErrorInfo): LocatedIssue {
  const ran = error.connector
    ? ` (${shortConnector(error.connector)}${error.actionKey ? ` ${error.actionKey}` : ''})`
    : '';
  const what = error.step ? `step "${error.step}"${ran} failed` : 'the run failed';
  return {
    file,
    pointer: error.pointer ?? '',
    message: `${what} with ${error.kind}: ${error.message}`,
    ...(error.hint ? { hint: error.hint } : {}),
  };
}

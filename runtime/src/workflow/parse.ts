import { WorkflowValidationError } from '../errors.js';
import { schemaIssues } from './schema.js';
import type { Workflow } from './types.js';

/**
 * Reads a workflow file's text: JSON syntax, then the workflow schema. Throws a
 * WorkflowValidationError whose issues point into the file. `validateWorkflow` does the deeper checks.
 * @example
 * const workflow = parseWorkflow(await readFile('flow.json', 'utf8'));
 */
export function parseWorkflow(text: string): Workflow {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (error) {
    throw new WorkflowValidationError('the workflow is not valid JSON', [
      {
        pointer: '',
        message: `is not valid JSON: ${locate(text, (error as Error).message)}`,
        hint: 'Fix the JSON syntax; an editor with the workflow schema points at the spot.',
      },
    ]);
  }
  return checkWorkflowShape(document);
}

/** Checks a parsed document against the workflow schema and returns it typed. */
function checkWorkflowShape(document: unknown): Workflow {
  const issues = schemaIssues(document);
  if (issues.length > 0) throw new WorkflowValidationError('the workflow is invalid', issues);
  return document as Workflow;
}

/** Adds line and column to JSON.parse's "at position N" (Node 20 gives only the offset). */
function locate(text: string, message: string): string {
  const match = /at position (\d+)/.exec(message);
  if (!match || /line \d+/.test(message)) return message;
  const offset = Number(match[1]);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${message} (line ${line} column ${column})`;
}

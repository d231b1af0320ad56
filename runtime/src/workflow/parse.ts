import { type WorkflowIssue, WorkflowValidationError } from '../errors.js';
import { type Limits, limitsWith } from '../limits.js';
import { scanIssues, sizeIssue, stepCountIssue } from './document.js';
import { schemaIssues } from './schema.js';
import type { Workflow } from './types.js';

/**
 * Reads a workflow file's text: its size, JSON syntax, nesting depth and repeated keys, step
 * count, then the workflow schema (limits: `maxWorkflowBytes`, `maxWorkflowDepth`, `maxSteps`).
 * Throws a WorkflowValidationError whose issues point into the file. `validateWorkflow` does the
 * deeper checks.
 * @example
 * const workflow = parseWorkflow(await readFile('flow.json', 'utf8'));
 */
export function parseWorkflow(text: string, limits: Partial<Limits> = {}): Workflow {
  const caps = limitsWith(limits);
  const tooLarge = sizeIssue(text, caps);
  if (tooLarge) throw new WorkflowValidationError('the workflow file is too large', [tooLarge]);
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
  const scanned = scanIssues(text, caps);
  if (scanned.length > 0) throw new WorkflowValidationError('the workflow is invalid', scanned);
  const issues = shapeIssues(document, caps);
  if (issues.length > 0) throw new WorkflowValidationError('the workflow is invalid', issues);
  return document as Workflow;
}

/**
 * Checks a parsed document: the step count (before the schema, which would take long on a huge
 * one), then the workflow schema. Depth is checked before, on the text or the value.
 */
export function shapeIssues(document: unknown, limits: Limits): WorkflowIssue[] {
  const tooMany = stepCountIssue(document, limits);
  return tooMany ? [tooMany] : schemaIssues(document);
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

import { formatDuration, parseDuration } from '../duration.js';
import type { WorkflowIssue } from '../errors.js';
import { pointerJoin } from '../json-pointer.js';
import { DURABLE_MAX_WAIT_MS, type Limits } from '../limits.js';
import { inputsCheck } from './inputs-check.js';
import { unsafePatternIssues } from './safe-patterns.js';
import type { Block, PlacedStep } from './steps.js';
import type { RepeatStep, Step, Workflow } from './types.js';

/** Checks a schema-valid workflow for what a schema cannot say: unique ids, names in scope, limits. */
export function checkStructure(workflow: Workflow, placed: PlacedStep[], limits: Limits): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  checkInputsSchema(workflow, issues);
  const firstById = new Map<string, string>();
  for (const { step, pointer, ancestors } of placed) {
    const first = firstById.get(step.id);
    if (first === undefined) firstById.set(step.id, pointer);
    else {
      issues.push({
        pointer: pointerJoin(pointer, 'id'),
        message: `repeats the step id "${step.id}"`,
        hint: `Step ids are unique across the whole workflow; "${step.id}" is first used at ${first}.`,
      });
    }
    checkDurations(step, pointer, limits, issues);
    if ('repeat' in step) checkLoop(step.repeat, pointer, ancestors, limits, issues);
    if ('try' in step && step.catch.as !== undefined) {
      checkVariable(step.catch.as, pointerJoin(pointer, 'catch', 'as'), ancestors, issues);
    }
    checkNotify(step, pointer, ancestors, issues);
  }
  return issues;
}

function checkInputsSchema(workflow: Workflow, issues: WorkflowIssue[]) {
  if (workflow.inputs !== undefined) {
    const unsafe = unsafePatternIssues(workflow.inputs, '/inputs');
    if (unsafe.length > 0) {
      issues.push(...unsafe);
      return;
    }
  }
  try {
    inputsCheck(workflow);
  } catch (error) {
    issues.push({
      pointer: '/inputs',
      message: `is not a valid JSON Schema: ${(error as Error).message}`,
      hint: 'Fix the schema of the inputs (JSON Schema 2020-12).',
    });
  }
}

function checkDurations(step: PlacedStep['step'], pointer: string, limits: Limits, issues: WorkflowIssue[]) {
  const bounded = (text: string | undefined, at: string, max: number, what: string) => {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) return undefined;
    if (ms <= 0)
      issues.push({
        pointer: at,
        message: `must be longer than 0`,
        hint: `Give ${what} a positive duration, e.g. "1s".`,
      });
    else if (ms > max) {
      issues.push({
        pointer: at,
        message: `is longer than the longest allowed (${formatDuration(max)})`,
        hint: `Use at most ${formatDuration(max)}.`,
      });
    }
    return ms;
  };
  bounded(step.timeout, pointerJoin(pointer, 'timeout'), limits.maxStepTimeoutMs, 'the timeout');
  if ('wait' in step && !step.wait.duration.includes('{{')) {
    const at = pointerJoin(pointer, 'wait', 'duration');
    const before = issues.length;
    bounded(step.wait.duration, at, limits.maxWaitMs, 'the wait');
    const issue = issues[before];
    if (issue?.message.startsWith('is longer') && limits.maxWaitMs < DURABLE_MAX_WAIT_MS) {
      issue.hint = `${issue.hint} \`mova-connector serve\` keeps longer waits in the run store (up to ${formatDuration(DURABLE_MAX_WAIT_MS)}).`;
    }
  }
  if ('approval' in step) {
    bounded(step.approval.timeout, pointerJoin(pointer, 'approval', 'timeout'), DURABLE_MAX_WAIT_MS, 'the timeout');
  }
  if (step.retry) {
    const delay = bounded(step.retry.delay, pointerJoin(pointer, 'retry', 'delay'), limits.maxRetryWaitMs, 'the delay');
    const max = bounded(
      step.retry.max_delay,
      pointerJoin(pointer, 'retry', 'max_delay'),
      limits.maxRetryWaitMs,
      'max_delay',
    );
    if (delay !== undefined && max !== undefined && delay > max) {
      issues.push({
        pointer: pointerJoin(pointer, 'retry', 'delay'),
        message: 'is longer than max_delay',
        hint: 'Make delay at most max_delay.',
      });
    }
  }
}

function checkLoop(
  loop: RepeatStep['repeat'],
  pointer: string,
  ancestors: PlacedStep['ancestors'],
  limits: Limits,
  issues: WorkflowIssue[],
) {
  const at = pointerJoin(pointer, 'repeat');
  if ('for_each' in loop) {
    if ('max_iterations' in loop) {
      issues.push({
        pointer: pointerJoin(at, 'max_iterations'),
        message: 'only applies to while loops',
        hint: `A for_each loop runs once per item (at most ${limits.maxIterations}); remove max_iterations.`,
      });
    }
    if (Array.isArray(loop.for_each) && loop.for_each.length > limits.maxIterations) {
      issues.push({
        pointer: pointerJoin(at, 'for_each'),
        message: `has ${loop.for_each.length} items, more than the ${limits.maxIterations} a loop may run`,
        hint: 'Split the list or process it in batches.',
      });
    }
  } else {
    if ('as' in loop) {
      issues.push({
        pointer: pointerJoin(at, 'as'),
        message: 'only applies to for_each loops',
        hint: 'A while loop has no item; use index_as for the iteration number.',
      });
    }
    if (loop.max_iterations !== undefined && loop.max_iterations > limits.maxIterations) {
      issues.push({
        pointer: pointerJoin(at, 'max_iterations'),
        message: `is more than the ${limits.maxIterations} iterations this runtime allows`,
        hint: `Use at most ${limits.maxIterations}.`,
      });
    }
  }
  const names: [string | undefined, string][] = [
    ['as' in loop ? loop.as : undefined, 'as'],
    [loop.index_as, 'index_as'],
  ];
  for (const [name, field] of names)
    if (name !== undefined) checkVariable(name, pointerJoin(at, field), ancestors, issues);
  if ('as' in loop && loop.as !== undefined && loop.as === loop.index_as) {
    issues.push({
      pointer: pointerJoin(at, 'index_as'),
      message: `uses the same name as "as" ("${loop.as}")`,
      hint: 'Give the item and the index different names.',
    });
  }
}

/**
 * An approval's notify steps run before the run pauses; a step among them that paused too (an
 * approval, a wait) would leave the run waiting on two things, and a resume re-enters neither.
 */
function checkNotify(step: Step, pointer: string, ancestors: PlacedStep['ancestors'], issues: WorkflowIssue[]) {
  if (!('wait' in step || 'approval' in step)) return;
  const approval = ancestors.find((a) => a.block.role === 'notify');
  if (!approval) return;
  issues.push({
    pointer,
    message: `is ${'wait' in step ? 'a wait' : 'an approval'} inside the notify steps of the approval "${approval.step.id}"`,
    hint: 'Notify steps only tell people about the approval and may not pause; put this step after the approval.',
  });
}

/** A loop or catch variable may not hide one of an enclosing step, which would read ambiguously. */
function checkVariable(name: string, pointer: string, ancestors: PlacedStep['ancestors'], issues: WorkflowIssue[]) {
  for (const { step, block } of ancestors) {
    if (scopeVariables(step, block.role).includes(name)) {
      issues.push({
        pointer,
        message: `hides the variable "${name}" of the enclosing step "${step.id}"`,
        hint: 'Pick another name.',
      });
    }
  }
}

/** The variables a step defines for the steps in one of its blocks, defaults included. */
function scopeVariables(step: Step, role: Block['role']): string[] {
  if ('repeat' in step) {
    const loop = step.repeat;
    return 'for_each' in loop ? [loop.as ?? 'item', loop.index_as ?? 'index'] : [loop.index_as ?? 'index'];
  }
  if ('try' in step && role === 'catch') return [step.catch.as ?? 'error'];
  if ('approval' in step && role === 'notify') return ['approval'];
  return [];
}

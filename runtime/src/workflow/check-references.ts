import type { WorkflowIssue } from '../errors.js';
import type { CompiledExpression, CompiledWorkflow } from '../expressions/compile.js';
import { pointerJoin } from '../json-pointer.js';
import { closest } from '../suggest.js';
import { blocksOf, type PlacedStep, stepKind } from './steps.js';
import type { Step, Workflow } from './types.js';

const STEP_FIELDS = ['output', 'status'];

/**
 * Checks every `steps.X` an expression reads: X must have run before it on every path (an earlier
 * step in the same or an enclosing list, or a step inside an earlier parallel step), and every
 * `env.NAME` must be listed in the workflow's `env`.
 */
export function checkReferences(workflow: Workflow, compiled: CompiledWorkflow, placed: PlacedStep[]): WorkflowIssue[] {
  const byPointer = new Map(placed.map((p) => [p.pointer, p]));
  const byId = new Map<string, PlacedStep>();
  for (const p of placed) if (!byId.has(p.step.id)) byId.set(p.step.id, p);
  const { availableAt, bodyGuaranteed, topLevel } = availability(workflow.steps);
  const exposed = new Set(workflow.env ?? []);
  const issues: WorkflowIssue[] = [];

  for (const site of compiled.sites) {
    const from = site.step === undefined ? undefined : byPointer.get(site.step);
    const visible = from ? new Set(availableAt.get(from.pointer)) : topLevel;
    if (from && site.field === 'while') for (const id of bodyGuaranteed.get(from.pointer) ?? []) visible.add(id);
    for (const expression of expressionsOf(site.template)) {
      for (const ref of expression.refs.steps) {
        if (!visible.has(ref.id)) {
          issues.push(unavailable(ref.id, from, byId, site.pointer));
        } else if (ref.field !== undefined && !STEP_FIELDS.includes(ref.field)) {
          issues.push({
            pointer: site.pointer,
            message: `reads steps.${ref.id}.${ref.field}, but a step has only output and status`,
            hint: `Did you mean steps.${ref.id}.output?`,
          });
        }
      }
      for (const name of expression.refs.env) {
        if (exposed.has(name)) continue;
        issues.push({
          pointer: site.pointer,
          message: `reads env.${name}, which the workflow does not expose`,
          hint: `Add "${name}" to the workflow's "env" list; expressions see only the variables named there.`,
        });
      }
    }
  }
  return issues;
}

function expressionsOf(template: CompiledWorkflow['sites'][number]['template']): CompiledExpression[] {
  return template.kind === 'whole'
    ? [template.expression]
    : template.parts.filter((p): p is CompiledExpression => typeof p !== 'string');
}

/** For each step, the ids it may read; for each loop, the ids its body always defines. */
function availability(steps: Step[]) {
  const availableAt = new Map<string, Set<string>>();
  const bodyGuaranteed = new Map<string, Set<string>>();
  const walk = (list: Step[], at: string, before: Set<string>): Set<string> => {
    let available = new Set(before);
    const guaranteed = new Set<string>();
    list.forEach((step, i) => {
      const here = pointerJoin(at, i);
      availableAt.set(here, new Set(available));
      const after = new Set(available);
      for (const block of blocksOf(step, here)) {
        const inner = walk(block.steps, block.pointer, available);
        // All branches of a parallel step have finished when it has; other blocks may not have run.
        if (block.role === 'branch') {
          for (const id of inner) {
            after.add(id);
            guaranteed.add(id);
          }
        }
        if (block.role === 'do') bodyGuaranteed.set(here, inner);
      }
      after.add(step.id);
      guaranteed.add(step.id);
      available = after;
    });
    return guaranteed;
  };
  const topLevel = walk(steps, '/steps', new Set());
  return { availableAt, bodyGuaranteed, topLevel };
}

function unavailable(
  id: string,
  from: PlacedStep | undefined,
  byId: Map<string, PlacedStep>,
  pointer: string,
): WorkflowIssue {
  const target = byId.get(id);
  if (!target) {
    const near = closest(id, byId.keys());
    return {
      pointer,
      message: `reads steps.${id}, but there is no step "${id}"`,
      hint: near ? `Did you mean "${near}"?` : 'Check the step id.',
    };
  }
  if (from && target.pointer === from.pointer) {
    return {
      pointer,
      message: `reads steps.${id}, its own step, which has no output yet`,
      hint: 'A step can read only steps that ran before it.',
    };
  }
  if (from?.ancestors.some((a) => a.step === target.step)) {
    return {
      pointer,
      message: `reads steps.${id}, which encloses this step and has not finished yet`,
      hint: `Read the steps inside "${id}" instead, or move this step after it.`,
    };
  }
  if (from && target.order > from.order) {
    return {
      pointer,
      message: `reads steps.${id}, which runs later`,
      hint: `A step can read only steps that ran before it: move "${id}" earlier or read another step.`,
    };
  }
  return insideBlock(id, target, from?.ancestors ?? [], pointer);
}

/** The target ran earlier in the file, but inside a block that does not always run before `from`. */
function insideBlock(
  id: string,
  target: PlacedStep,
  fromAncestors: PlacedStep['ancestors'],
  pointer: string,
): WorkflowIssue {
  let i = 0;
  while (
    i < target.ancestors.length &&
    i < fromAncestors.length &&
    target.ancestors[i]?.block.pointer === fromAncestors[i]?.block.pointer
  ) {
    i++;
  }
  const boundary = target.ancestors[i];
  if (!boundary) {
    return {
      pointer,
      message: `reads steps.${id}, which has not run yet`,
      hint: 'Read a step that runs before this one.',
    };
  }
  const owner = boundary.step;
  const sameOwner = fromAncestors[i]?.step === owner;
  const kind = stepKind(owner);
  if (sameOwner && kind === 'parallel') {
    return {
      pointer,
      message: `reads steps.${id}, which is in another branch of parallel step "${owner.id}"`,
      hint: `Branches run at the same time; read steps.${id} after "${owner.id}" has finished.`,
    };
  }
  if (sameOwner && kind === 'try') {
    return {
      pointer,
      message: `reads steps.${id} from the try block of "${owner.id}", which may have failed before it`,
      hint: `In the catch block, read the error through its "as" variable (default: error).`,
    };
  }
  if (sameOwner && kind === 'branch') {
    return {
      pointer,
      message: `reads steps.${id}, which is in the other branch of "${owner.id}"`,
      hint: 'Only one of then and else runs.',
    };
  }
  const why: Record<string, string> = {
    branch: 'runs it only when its condition holds',
    repeat: 'runs it once per iteration, maybe never',
    try: 'may fail before it or skip it',
  };
  return {
    pointer,
    message: `reads steps.${id}, which is inside "${owner.id}", which ${why[kind] ?? 'does not always run it'}`,
    hint:
      kind === 'repeat'
        ? `Read steps.${owner.id}.output: a list with the last step's output of each iteration.`
        : `Read steps.${owner.id}.output instead: the output of the block that ran.`,
  };
}

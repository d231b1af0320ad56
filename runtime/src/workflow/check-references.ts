import type { WorkflowIssue } from '../errors.js';
import type { CompiledExpression, CompiledWorkflow } from '../expressions/compile.js';
import { pointerJoin } from '../json-pointer.js';
import { closest } from '../suggest.js';
import { type PlacedStep, type StepPosition, stepKind } from './steps.js';
import type { Workflow } from './types.js';

const STEP_FIELDS = ['output', 'status'];

/**
 * Checks every `steps.X` an expression reads: X must have run before it on every path (an earlier
 * step in the same or an enclosing list, or a step inside an earlier parallel step), and every
 * `env.NAME` must be listed in the workflow's `env`. Linear in the number of steps: each reference
 * costs the nesting depth, never a copy of the ids seen so far.
 */
export function checkReferences(workflow: Workflow, compiled: CompiledWorkflow, placed: PlacedStep[]): WorkflowIssue[] {
  const byPointer = new Map(placed.map((p) => [p.pointer, p]));
  const byId = new Map<string, PlacedStep>();
  const allById = new Map<string, PlacedStep[]>();
  for (const p of placed) {
    if (!byId.has(p.step.id)) byId.set(p.step.id, p);
    const same = allById.get(p.step.id);
    if (same) same.push(p);
    else allById.set(p.step.id, [p]);
  }
  const visibility = new Visibility();
  const exposed = new Set(workflow.env ?? []);
  const issues: WorkflowIssue[] = [];

  for (const site of compiled.sites) {
    const from = site.step === undefined ? undefined : byPointer.get(site.step);
    const visible = (id: string) =>
      (allById.get(id) ?? []).some((target) => {
        if (!from) return visibility.atEnd(target);
        if (visibility.before(target, from)) return true;
        // A while condition is read after each iteration: it also sees what the body always defines.
        return site.field === 'while' && visibility.inBody(target, from);
      });
    for (const expression of expressionsOf(site.template)) {
      for (const ref of expression.refs.steps) {
        if (!visible(ref.id)) {
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

/**
 * When a step's output is certain to exist. A step T at index i of a list is done for every step
 * after i in that list, and for everything nested in those; when that list is a branch of a
 * parallel step P, T is also done after P in P's list (all branches have finished), and so on up.
 * Those (list, index) pairs are T's "exports"; a step S can read T when one of S's own positions
 * (itself or an enclosing step) sits later in one of those lists.
 */
class Visibility {
  private readonly exportsOf = new Map<PlacedStep, StepPosition[]>();
  private readonly chainOf = new Map<PlacedStep, Map<string, number>>();

  /** Whether `target` has certainly run before `from` starts. */
  before(target: PlacedStep, from: PlacedStep): boolean {
    const chain = this.chain(from);
    return this.exports(target).some(({ list, index }) => {
      const at = chain.get(list);
      return at !== undefined && at > index;
    });
  }

  /** Whether a loop's body always runs `target` (for the loop's while condition). */
  inBody(target: PlacedStep, loop: PlacedStep): boolean {
    const body = pointerJoin(loop.pointer, 'do');
    return this.exports(target).some(({ list }) => list === body);
  }

  /** Whether `target` has certainly run when the workflow's top-level steps are done (its output). */
  atEnd(target: PlacedStep): boolean {
    return this.exports(target).some(({ list }) => list === TOP);
  }

  private exports(target: PlacedStep): StepPosition[] {
    let found = this.exportsOf.get(target);
    if (!found) {
      found = [{ list: target.list, index: target.index }];
      for (let k = target.ancestors.length - 1; k >= 0; k--) {
        const ancestor = target.ancestors[k];
        if (ancestor?.block.role !== 'branch') break;
        found.push({ list: ancestor.list, index: ancestor.index });
      }
      this.exportsOf.set(target, found);
    }
    return found;
  }

  /** The index of `from` or of its enclosing step in each list on its way to the top. */
  private chain(from: PlacedStep): Map<string, number> {
    let found = this.chainOf.get(from);
    if (!found) {
      found = new Map(from.ancestors.map((a) => [a.list, a.index]));
      found.set(from.list, from.index);
      this.chainOf.set(from, found);
    }
    return found;
  }
}

const TOP = '/steps';

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
    approval: 'runs it as a notify step before the run pauses, and the run resumes without it',
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

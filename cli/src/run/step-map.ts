import type { Step, ValidatedWorkflow } from '@mova/runtime';
import type { UsesPlan } from '@mova/runtime/workflow-tools';
import { kindLabel } from './format.js';

/** What a progress line shows about a step besides its status. */
export interface StepInfo {
  id: string;
  /** `postgres/query@1.0.0` for a connector action (the resolved version), `http_fetch`, or the kind: `set`, `if`, `repeat`, … */
  label: string;
  /** Tries the step's `retry` allows, the first included. */
  attempts: number;
  /** Loops around the step: each adds an iteration suffix to its key in events (`line[3]`). */
  loops: number;
}

/** Every step of a validated workflow by its JSON pointer, the key of run events. */
export function stepMap(plan: ValidatedWorkflow): Map<string, StepInfo> {
  const map = new Map<string, StepInfo>();
  const visit = (steps: Step[], base: string, loops: number) => {
    steps.forEach((step, index) => {
      const pointer = `${base}/${index}`;
      const label = labelOf(step, plan.uses.get(pointer));
      map.set(pointer, { id: step.id, label, attempts: step.retry?.attempts ?? 1, loops });
      const inner = 'repeat' in step ? loops + 1 : loops;
      for (const [at, children] of blocksOf(step, pointer)) visit(children, at, inner);
    });
  };
  visit(plan.workflow.steps, '/steps', 0);
  return map;
}

function labelOf(step: Step, uses: UsesPlan | undefined): string {
  if (uses?.kind === 'connector') return `${uses.ref.connector}/${uses.ref.action}@${uses.connector.version}`;
  if (uses?.kind === 'builtin') return uses.name;
  if ('uses' in step) return step.uses;
  if ('then' in step) return kindLabel('branch');
  if ('set' in step) return 'set';
  if ('repeat' in step) return 'repeat';
  if ('parallel' in step) return 'parallel';
  if ('try' in step) return 'try';
  if ('wait' in step) return 'wait';
  return 'fail';
}

/** The step lists inside a step, with their pointers (built as the runtime builds them, RFC 6901). */
function blocksOf(step: Step, pointer: string): [string, Step[]][] {
  if ('then' in step) {
    return step.else
      ? [
          [`${pointer}/then`, step.then],
          [`${pointer}/else`, step.else],
        ]
      : [[`${pointer}/then`, step.then]];
  }
  if ('repeat' in step) return [[`${pointer}/do`, step.do]];
  if ('parallel' in step) {
    const { branches } = step.parallel;
    const entries: [string | number, Step[]][] = Array.isArray(branches)
      ? [...branches.entries()]
      : Object.entries(branches);
    return entries.map(([name, steps]) => [`${pointer}/parallel/branches/${escapeSegment(String(name))}`, steps]);
  }
  if ('try' in step)
    return [
      [`${pointer}/try`, step.try],
      [`${pointer}/catch/do`, step.catch.do],
    ];
  return [];
}

function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

import { pointerJoin } from '../json-pointer.js';
import type { Step, StepKind } from './types.js';

/** What a step does, read from the one kind field it carries. */
export function stepKind(step: Step): StepKind {
  if ('uses' in step) return 'uses';
  if ('set' in step) return 'set';
  if ('then' in step) return 'branch';
  if ('repeat' in step) return 'repeat';
  if ('parallel' in step) return 'parallel';
  if ('try' in step) return 'try';
  if ('wait' in step) return 'wait';
  if ('approval' in step) return 'approval';
  return 'fail';
}

/** A list of steps nested in a step, with its place in the file. */
export interface Block {
  steps: Step[];
  pointer: string;
  role: 'then' | 'else' | 'do' | 'branch' | 'try' | 'catch' | 'notify';
  /** The branch's name or index, for parallel branches. */
  branch?: string | number;
}

/** The step lists a step holds, in the order they appear. */
export function blocksOf(step: Step, pointer: string): Block[] {
  if ('then' in step) {
    const blocks: Block[] = [{ steps: step.then, pointer: pointerJoin(pointer, 'then'), role: 'then' }];
    if (step.else) blocks.push({ steps: step.else, pointer: pointerJoin(pointer, 'else'), role: 'else' });
    return blocks;
  }
  if ('repeat' in step) return [{ steps: step.do, pointer: pointerJoin(pointer, 'do'), role: 'do' }];
  if ('parallel' in step) {
    const at = pointerJoin(pointer, 'parallel', 'branches');
    return branchEntries(step.parallel.branches).map(([name, steps]) => ({
      steps,
      pointer: pointerJoin(at, name),
      role: 'branch',
      branch: name,
    }));
  }
  if ('try' in step) {
    return [
      { steps: step.try, pointer: pointerJoin(pointer, 'try'), role: 'try' },
      { steps: step.catch.do, pointer: pointerJoin(pointer, 'catch', 'do'), role: 'catch' },
    ];
  }
  if ('approval' in step && step.approval.notify) {
    return [{ steps: step.approval.notify, pointer: pointerJoin(pointer, 'approval', 'notify'), role: 'notify' }];
  }
  return [];
}

/** A parallel step's branches as [name or index, steps] pairs. */
export function branchEntries(branches: Step[][] | Record<string, Step[]>): [string | number, Step[]][] {
  return Array.isArray(branches) ? branches.map((steps, i) => [i, steps]) : Object.entries(branches);
}

/** Where a step sits: the pointer of the list that holds it, and its index there. */
export interface StepPosition {
  list: string;
  index: number;
}

export interface PlacedStep extends StepPosition {
  step: Step;
  pointer: string;
  /** Enclosing steps, outermost first, each with its own position and the block that holds this step. */
  ancestors: ({ step: Step; block: Block } & StepPosition)[];
  /** Position in document order over the whole workflow. */
  order: number;
}

/** Every step of the workflow, nested ones included, in document order. */
export function placeSteps(steps: Step[], pointer = '/steps'): PlacedStep[] {
  const out: PlacedStep[] = [];
  const visit = (list: Step[], at: string, ancestors: PlacedStep['ancestors']) => {
    list.forEach((step, index) => {
      const here = pointerJoin(at, index);
      out.push({ step, pointer: here, list: at, index, ancestors, order: out.length });
      for (const block of blocksOf(step, here)) {
        visit(block.steps, block.pointer, [...ancestors, { step, block, list: at, index }]);
      }
    });
  };
  visit(steps, pointer, []);
  return out;
}

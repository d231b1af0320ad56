import type { ConnectorStepUsage } from '@mova/runtime/workflow-tools';
import type { ManifestChange } from '@mova/sdk';

/** What a workflow uses of one locked range: its connector steps on that range. */
export interface WorkflowUsage {
  file: string;
  steps: ConnectorStepUsage[];
}

/** One step a new version breaks, and the changes that break it. */
export interface StepBreak {
  step: string;
  pointer: string;
  uses: string;
  /** Changes that break the step. */
  changes: ManifestChange[];
  /** Renames the new version declares that reach the step and `upgrade --write` can rewrite. */
  rewrites: ManifestChange[];
}

/** A workflow's verdict on a new version: the steps it breaks (none: the workflow keeps working). */
export interface WorkflowVerdict {
  file: string;
  breaks: StepBreak[];
}

/** Where a change lands: the whole connector, a whole operation, or a field of an operation's input or output. */
type Place =
  | { scope: 'connector' }
  | { scope: 'operation'; noun: 'action' | 'trigger'; key: string }
  | { scope: 'field'; noun: 'action' | 'trigger'; key: string; flow: 'input' | 'output'; path: string[] };

function unescapeToken(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Reads a change's pointer (`/actions/issues.create/output/properties/user/properties/login`)
 * into the field it is about. Array items are skipped (expressions map over arrays), record and
 * open-object values are `*`, union branches are looked through; a keyword ends the path (the
 * change is about the field it belongs to).
 */
export function placeOf(change: ManifestChange): Place {
  const tokens = (change.field ?? change.pointer).split('/').slice(1).map(unescapeToken);
  const [base, key, flow] = tokens;
  if ((base !== 'actions' && base !== 'triggers') || key === undefined) return { scope: 'connector' };
  const noun = base === 'actions' ? 'action' : 'trigger';
  if (flow !== 'input' && flow !== 'output') return { scope: 'operation', noun, key };
  const path: string[] = [];
  for (let i = 3; i < tokens.length; ) {
    const token = tokens[i];
    if (token === 'properties' && tokens[i + 1] !== undefined) {
      path.push(tokens[i + 1] as string);
      i += 2;
    } else if (token === 'patternProperties') {
      path.push('*');
      i += 2;
    } else if (token === 'additionalProperties') {
      path.push('*');
      i += 1;
    } else if (token === 'items') {
      i += 1;
    } else if ((token === 'anyOf' || token === 'oneOf') && tokens[i + 1] !== undefined) {
      i += 2;
    } else break;
  }
  return { scope: 'field', noun, key, flow, path };
}

const within = (path: readonly string[], base: readonly string[]) =>
  base.length <= path.length && base.every((name, i) => name === '*' || path[i] === '*' || path[i] === name);

/** Whether a breaking change reaches what this step uses. */
export function breaksStep(change: ManifestChange, step: ConnectorStepUsage): boolean {
  const place = placeOf(change);
  if (place.scope === 'connector') return true;
  if (place.noun !== step.operation || place.key !== step.action) return false;
  if (place.scope === 'operation') return true;
  const { path } = place;
  if (place.flow === 'output') {
    if (step.outputs === 'any' || path.length === 0) return step.outputs === 'any' || step.outputs.length > 0;
    // A read takes the field with all it holds, so a change above, at or below it reaches it.
    return step.outputs.some((read) => within(path, read.path) || within(read.path, path));
  }
  if (step.inputs === 'any' || path.length === 0) return true;
  const inputs = step.inputs;
  if (change.requires) {
    // A field the step already sends is fine; under a parent it does not send, nothing is asked.
    if (inputs.some((field) => within(path, field.path) && field.path.length === path.length)) return false;
    if (inputs.some((field) => field.opaque && within(path, field.path))) return true;
    const parent = path.slice(0, -1);
    return (
      parent.length === 0 || inputs.some((field) => field.path.length === parent.length && within(parent, field.path))
    );
  }
  return inputs.some((field) => within(field.path, path) || (field.opaque && within(path, field.path)));
}

/**
 * Judges a new version's breaking changes against what each workflow uses: a change matters to a
 * step only when it touches the action the step calls and, for fields, a field its `with` sets or
 * its expressions read (see workflowUsage for how reads are counted, conservatively).
 */
export function judgeWorkflows(
  changes: readonly ManifestChange[],
  workflows: readonly WorkflowUsage[],
): WorkflowVerdict[] {
  const breaking = changes.filter((change) => change.kind === 'breaking');
  return workflows.map(({ file, steps }) => ({
    file,
    breaks: steps.flatMap((step) => {
      const hits = breaking.filter((change) => breaksStep(change, step));
      if (hits.length === 0) return [];
      const rewrites = hits.filter((change) => rewritable(change, step));
      const rest = hits.filter((change) => !rewrites.includes(change));
      return [{ step: step.id, pointer: step.pointer, uses: step.uses, changes: rest, rewrites }];
    }),
  }));
}

/** Whether the step's use of a renamed action or field can be rewritten where it is written. */
export function rewritable(change: ManifestChange, step: ConnectorStepUsage): boolean {
  if (!change.rename) return false;
  const place = placeOf(change);
  if (place.scope === 'operation') return place.noun === 'action' && step.operation === 'action';
  if (place.scope !== 'field') return false;
  const from = change.rename.from.split('.');
  if (place.flow === 'input') {
    // A field under an expression or a list cannot be renamed in place.
    return (
      step.inputs !== 'any' && !step.inputs.some((f) => f.opaque && f.path.length < from.length && within(from, f.path))
    );
  }
  if (step.outputs === 'any') return false;
  // Reads at or below the field are rewritten; a read of a parent would see the new shape unasked.
  return step.outputs.every(
    (read) => read.pointer !== undefined && (within(read.path, from) || !within(from, read.path)),
  );
}

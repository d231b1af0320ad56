import type { Connection, ConnectionProvider } from '../connections/connections.js';
import { type WorkflowIssue, WorkflowValidationError } from '../errors.js';
import { type CompiledWorkflow, compileWorkflow } from '../expressions/compile.js';
import { comparePointers } from '../json-pointer.js';
import { type Limits, limitsWith } from '../limits.js';
import type { Resolver } from '../sources/resolver.js';
import { checkReferences } from './check-references.js';
import { checkStructure } from './check-structure.js';
import { checkTrigger } from './check-trigger.js';
import { checkUses, type UsesPlan } from './check-uses.js';
import { depthIssue } from './document.js';
import { parseWorkflow, shapeIssues } from './parse.js';
import { placeSteps } from './steps.js';
import type { Workflow } from './types.js';

export interface ValidateOptions {
  /** Resolves `uses` to connector versions and checks actions and literal inputs; without it those checks are skipped. */
  resolver?: Resolver;
  /** Checks that every connection the steps use is configured and fits its connector. */
  connections?: ConnectionProvider;
  /** Checks literal `http_fetch` URLs against the hosts the runtime allows. */
  allowHosts?: readonly string[];
  limits?: Partial<Limits>;
  signal?: AbortSignal;
}

/** A workflow that passed every check, with what the run needs settled: compiled expressions, connector versions, connections. */
export interface ValidatedWorkflow {
  workflow: Workflow;
  expressions: CompiledWorkflow;
  /** What each `uses` step runs, by the step's pointer. */
  uses: ReadonlyMap<string, UsesPlan>;
  /** The connections the steps use, loaded and checked. */
  connections: ReadonlyMap<string, Connection>;
  /** The connections' secret values: fields their auth schemas mark writeOnly, or do not declare. */
  secrets: readonly string[];
  /** The connector versions the workflow runs, `package@version` → integrity; what a lockfile pins. */
  resolved: ReadonlyMap<string, string>;
}

export type ValidationResult = { ok: true; workflow: ValidatedWorkflow } | { ok: false; issues: WorkflowIssue[] };

/**
 * Checks a workflow completely before anything runs: the schema, then ids, scopes and references,
 * expressions (compiled once, cached by the workflow object), `uses` references, literal inputs
 * and connections. Every problem comes back with a JSON pointer into the file and a hint.
 * @example
 * const result = await validateWorkflow(text, { resolver });
 * if (!result.ok) for (const i of result.issues) console.error(`${i.pointer} ${i.message} (${i.hint})`);
 */
export async function validateWorkflow(
  input: string | unknown,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  try {
    return await validateDocument(input, options);
  } catch (error) {
    // Only when maxWorkflowDepth was raised past what the recursive checks can hold.
    if (!(error instanceof RangeError && /call stack/i.test(error.message))) throw error;
    return {
      ok: false,
      issues: [
        {
          pointer: '',
          message: 'nests too deeply for this runtime to check (the call stack ran out)',
          hint: 'Put fewer steps inside each other, or lower maxWorkflowDepth (default 64) so it is refused with its place.',
        },
      ],
    };
  }
}

async function validateDocument(input: unknown, options: ValidateOptions): Promise<ValidationResult> {
  const limits = limitsWith(options.limits);
  let workflow: Workflow;
  if (typeof input === 'string') {
    try {
      workflow = parseWorkflow(input, limits);
    } catch (error) {
      if (error instanceof WorkflowValidationError) return { ok: false, issues: error.issues };
      throw error;
    }
  } else {
    const tooDeep = depthIssue(input, limits);
    const found = tooDeep ? [tooDeep] : shapeIssues(input, limits);
    if (found.length > 0) return { ok: false, issues: found };
    workflow = input as Workflow;
  }
  const placed = placeSteps(workflow.steps);
  const expressions = compileWorkflow(workflow);
  const uses = await checkUses(workflow, placed, options);
  const issues = [
    ...checkStructure(workflow, placed, limits),
    ...checkTrigger(workflow),
    ...expressions.issues,
    ...checkReferences(workflow, expressions, placed),
    ...uses.issues,
  ].sort((a, b) => comparePointers(a.pointer, b.pointer));
  if (issues.length > 0) return { ok: false, issues };
  const resolved = new Map<string, string>();
  for (const plan of uses.plans.values()) {
    if (plan.kind === 'connector')
      resolved.set(`${plan.connector.package}@${plan.connector.version}`, plan.connector.integrity);
  }
  return {
    ok: true,
    workflow: {
      workflow,
      expressions,
      uses: uses.plans,
      connections: uses.connections,
      secrets: uses.secrets,
      resolved,
    },
  };
}

import { compileSchema, type Issue, type JsonSchema, type ManifestAction } from '@mova/sdk/host';
import { hostAllowed } from '../builtins/allow-hosts.js';
import { BUILTIN_NAMES, BUILTINS } from '../builtins/builtins.js';
import { type Connection, type ConnectionProvider, connectionEnvName } from '../connections/connections.js';
import { secretFields } from '../connections/redact.js';
import type { WorkflowIssue } from '../errors.js';
import { contractOf } from '../executor/contracts.js';
import { isTemplate } from '../expressions/template.js';
import { isRecord } from '../is-record.js';
import { comparePointers, pointerJoin, pointerWithin } from '../json-pointer.js';
import { connectorShortName } from '../sources/lock-entries.js';
import type { Resolver } from '../sources/resolver.js';
import type { ConnectorPackage } from '../sources/types.js';
import { closest } from '../suggest.js';
import type { PlacedStep } from './steps.js';
import type { UsesStep, Workflow } from './types.js';
import { parseUses, type UsesRef } from './uses.js';

/** What a `uses` step runs, settled before the run starts. */
export type UsesPlan =
  | { kind: 'builtin'; name: string }
  | {
      kind: 'connector';
      ref: Extract<UsesRef, { kind: 'connector' }>;
      connector: ConnectorPackage;
      action: ManifestAction;
      connection?: string;
    };

export interface UsesCheckOptions {
  resolver?: Resolver;
  connections?: ConnectionProvider;
  allowHosts?: readonly string[];
  signal?: AbortSignal;
}

export interface UsesCheck {
  issues: WorkflowIssue[];
  plans: Map<string, UsesPlan>;
  connections: Map<string, Connection>;
  /** The connections' secret values (by the manifests' auth schemas), to redact. */
  secrets: string[];
}

/**
 * Checks every `uses`: the reference, the built-in or connector version and action it names (with
 * the resolver), literal `with` values against the action's input schema, and the connection.
 */
export async function checkUses(
  workflow: Workflow,
  placed: PlacedStep[],
  options: UsesCheckOptions,
): Promise<UsesCheck> {
  // Issues of single steps, and issues a mistake shared by several steps raises once (see `once`).
  const issues: WorkflowIssue[] = [];
  const shared = new SharedIssues();
  const plans = new Map<string, UsesPlan>();
  const resolving = new Map<string, Promise<ConnectorPackage | Error>>();
  const usedConnections = new Map<string, { pointer: string; connector: ConnectorPackage }[]>();

  await Promise.all(
    placed.map(async ({ step, pointer }) => {
      if (!('uses' in step)) return;
      const at = pointerJoin(pointer, 'uses');
      const parsed = parseUses(step.uses, BUILTIN_NAMES);
      if (!parsed.ok) {
        issues.push({ pointer: at, message: parsed.message, hint: parsed.hint });
        return;
      }
      const { ref } = parsed;
      if (ref.kind === 'builtin') {
        checkBuiltin(step, ref.name, pointer, options, issues);
        plans.set(pointer, ref);
        return;
      }
      checkConnectionName(workflow, step, ref, pointer, shared);
      if (!options.resolver) return;
      const key = `${ref.package}@${ref.range}`;
      let pending = resolving.get(key);
      if (!pending) {
        pending = options.resolver.resolve(ref.package, ref.range, { signal: options.signal }).catch((e: Error) => e);
        resolving.set(key, pending);
      }
      const connector = await pending;
      if (connector instanceof Error) {
        shared.add(step.id, { pointer: at, message: connector.message, hint: hintOf(connector) });
        return;
      }
      const action = connector.manifest.actions.find((a) => a.key === ref.action);
      if (!action) {
        const keys = connector.manifest.actions.map((a) => a.key);
        const near = closest(ref.action, keys);
        const written = `${ref.connector}/${near}@${ref.range}`;
        shared.add(step.id, {
          pointer: at,
          message: `${connector.package}@${connector.version} has no action "${ref.action}"`,
          hint: `${near ? `Did you mean "${near}" ("uses": "${written}")? ` : ''}Its actions: ${keys.join(', ') || 'none'}.`,
        });
        return;
      }
      issues.push(
        ...literalInputIssues(
          step.with,
          action.input,
          pointerJoin(pointer, 'with'),
          `${connector.package}@${connector.version} ${action.key}`,
        ),
      );
      if (connector.manifest.auth.kind !== 'none' && step.connection === undefined) {
        issues.push({
          pointer,
          message: `runs ${connector.package} without a connection, but it needs one (${connector.manifest.auth.kind})`,
          hint: 'Add "connection": "<name>" and declare the name under "connections".',
        });
      }
      if (step.connection !== undefined) {
        const uses = usedConnections.get(step.connection) ?? [];
        uses.push({ pointer, connector });
        usedConnections.set(step.connection, uses);
      }
      plans.set(pointer, { kind: 'connector', ref, connector, action, connection: step.connection });
    }),
  );
  const { connections, secrets } = options.connections
    ? await loadUsedConnections(workflow, usedConnections, options.connections, issues)
    : { connections: new Map<string, Connection>(), secrets: [] };
  return { issues: [...issues, ...shared.issues()], plans, connections, secrets };
}

function checkBuiltin(
  step: UsesStep,
  name: string,
  pointer: string,
  options: UsesCheckOptions,
  issues: WorkflowIssue[],
) {
  const builtin = BUILTINS.get(name);
  if (!builtin) return;
  if (step.connection !== undefined) {
    issues.push({
      pointer: pointerJoin(pointer, 'connection'),
      message: `is not used by the built-in ${name}`,
      hint: 'Remove it; pass credentials in headers, e.g. from env.',
    });
  }
  const withPointer = pointerJoin(pointer, 'with');
  issues.push(...literalInputIssues(step.with, builtin.input, withPointer, name));
  const url = typeof step.with === 'object' ? step.with.url : undefined;
  if (options.allowHosts && typeof url === 'string' && !isTemplate(url) && URL.canParse(url)) {
    const parsed = new URL(url);
    if (!hostAllowed(parsed, options.allowHosts)) {
      issues.push({
        pointer: pointerJoin(withPointer, 'url'),
        message: `calls ${parsed.host}, which is not on the runtime's allowed hosts`,
        hint: `If it should be reachable, allow it: \`mova-connector run --allow-host ${parsed.host}\` (allowHosts in the runtime's options).`,
      });
    }
  }
}

function checkConnectionName(
  workflow: Workflow,
  step: UsesStep,
  ref: Extract<UsesRef, { kind: 'connector' }>,
  pointer: string,
  shared: SharedIssues,
) {
  if (step.connection === undefined) return;
  const at = pointerJoin(pointer, 'connection');
  const declared = workflow.connections?.[step.connection];
  if (!declared) {
    const names = Object.keys(workflow.connections ?? {});
    const near = closest(step.connection, names);
    shared.add(step.id, {
      pointer: at,
      message: `names the connection "${step.connection}", which the workflow does not declare`,
      hint: near
        ? `Did you mean "${near}"? Declared: ${names.join(', ')}.`
        : `Declare it: "connections": { "${step.connection}": { "connector": "${ref.connector}" } }.`,
    });
    return;
  }
  if (!connectorMatches(declared.connector, ref.package)) {
    shared.add(step.id, {
      pointer: at,
      message: `names the connection "${step.connection}", which is for ${declared.connector}, not ${ref.connector}`,
      hint: `Use a connection declared for ${ref.connector}.`,
    });
  }
}

/**
 * One issue per mistake: the same unknown connector, action or connection written in five steps is
 * one problem to fix, reported at its first step with the others named, not five lines that repeat it.
 */
class SharedIssues {
  private readonly byText = new Map<string, { issue: WorkflowIssue; steps: string[] }>();

  add(stepId: string, issue: WorkflowIssue): void {
    const key = `${issue.message}\n${issue.hint}`;
    const seen = this.byText.get(key);
    if (!seen) this.byText.set(key, { issue, steps: [stepId] });
    else {
      seen.steps.push(stepId);
      // Steps check concurrently; the issue stays at the first in the file.
      if (comparePointers(issue.pointer, seen.issue.pointer) < 0) seen.issue = issue;
    }
  }

  issues(): WorkflowIssue[] {
    return [...this.byText.values()].map(({ issue, steps }) =>
      steps.length === 1
        ? issue
        : { ...issue, message: `${issue.message} (${steps.length} steps: ${steps.join(', ')})` },
    );
  }
}

/** `github` matches `@mova/connector-github`; a scoped name matches only itself. */
function connectorMatches(name: string, packageName: string): boolean {
  return name === packageName || `@mova/connector-${name}` === packageName;
}

/**
 * Checks the action input given literally in the workflow. Values with expressions are unknown
 * until the run, so they are left out, and so are the problems they could cause (a missing
 * required field they may provide, a wrong value inside them).
 */
function literalInputIssues(
  value: UsesStep['with'],
  schema: JsonSchema,
  pointer: string,
  label: string,
): WorkflowIssue[] {
  if (typeof value === 'string') return [];
  const removed: string[] = [];
  const strip = (node: Record<string, unknown>, at: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(node)) {
      const here = pointerJoin(at, key);
      if (hasTemplate(item) && (typeof item === 'string' || Array.isArray(item))) removed.push(here);
      else out[key] = isRecord(item) ? strip(item, here) : item;
    }
    return out;
  };
  const literal = strip(value ?? {}, '');
  const found = compileSchema(schema)(literal);
  // An issue inside a templated value waits for the run, and so does one about an object holding
  // such a value (minProperties, anyOf …) or about a field missing beside one (required, anyOf
  // branches): what the expression gives may meet it.
  const waits = (at: string) =>
    removed.some((r) => pointerWithin(at, r) || pointerWithin(r, at)) ||
    (!present(literal, at) && !requiredAtTop(schema, at) && removed.some((r) => pointerWithin(r, parentOf(at))));
  return found
    .filter((issue) => !waits(issue.pointer))
    .map((issue: Issue) => ({
      pointer: pointer + issue.pointer,
      message: `${issue.message} (input of ${label})`,
      hint: issue.hint ?? `See the input schema of ${label}.`,
    }));
}

/** A field the input schema itself requires (not one branch of its anyOf): no sibling's expression can give it. */
function requiredAtTop(schema: JsonSchema, pointer: string): boolean {
  if (parentOf(pointer) !== '') return false;
  const name = pointer.slice(1).replaceAll('~1', '/').replaceAll('~0', '~');
  return Array.isArray(schema.required) && schema.required.includes(name);
}

function parentOf(pointer: string): string {
  return pointer.slice(0, Math.max(0, pointer.lastIndexOf('/')));
}

/** Whether the value has something at `pointer` (object keys only: inputs are checked as objects). */
function present(value: unknown, pointer: string): boolean {
  let at: unknown = value;
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isRecord(at) || !Object.hasOwn(at, key)) return false;
    at = at[key];
  }
  return true;
}

function hasTemplate(value: unknown): boolean {
  if (typeof value === 'string') return isTemplate(value);
  if (Array.isArray(value)) return value.some(hasTemplate);
  if (value && typeof value === 'object') return Object.values(value).some(hasTemplate);
  return false;
}

async function loadUsedConnections(
  workflow: Workflow,
  used: Map<string, { pointer: string; connector: ConnectorPackage }[]>,
  provider: ConnectionProvider,
  issues: WorkflowIssue[],
): Promise<{ connections: Map<string, Connection>; secrets: string[] }> {
  const loaded = new Map<string, Connection>();
  const secrets = new Set<string>();
  for (const [name, uses] of used) {
    const at = pointerJoin('/connections', name);
    const declared = workflow.connections?.[name];
    if (!declared) continue;
    let connection: Connection | undefined;
    try {
      connection = await provider.get(name);
    } catch (error) {
      issues.push({ pointer: at, message: (error as Error).message, hint: hintOf(error) });
      continue;
    }
    if (!connection) {
      const near = closest(name, (await provider.names?.()) ?? []);
      issues.push({
        pointer: at,
        message: `the connection "${name}" is not configured`,
        hint: `${near ? `Did you mean the configured connection "${near}"? ` : ''}Add "${name}" to the connections file, or set ${connectionEnvName(name)} to {"connector":"${connectorShortName(declared.connector)}","auth":{...}} (\`mova-connector info ${connectorShortName(declared.connector)}\` shows the fields).`,
      });
      continue;
    }
    if (!connectorMatches(connection.connector, uses[0]?.connector.package ?? '')) {
      issues.push({
        pointer: at,
        message: `the configured connection "${name}" is for ${connection.connector}, not ${declared.connector}`,
        hint: 'Point the name at a connection for the right connector.',
      });
      continue;
    }
    for (const { connector } of uses) {
      try {
        contractOf(connector.manifest).checkAuth(connection.auth);
      } catch (error) {
        issues.push({
          pointer: at,
          message: `the configured connection "${name}" does not fit ${(error as Error).message}`,
          hint: `Fix the connection's auth fields (connections file or ${connectionEnvName(name)}).`,
        });
      }
    }
    loaded.set(name, connection);
    for (const { connector } of uses) {
      for (const secret of secretFields(connector.manifest.auth.schema, connection.auth)) secrets.add(secret);
    }
  }
  return { connections: loaded, secrets: [...secrets] };
}

function hintOf(error: unknown): string {
  const hint = (error as { hint?: unknown }).hint;
  return typeof hint === 'string' ? hint : 'Check the connector sources.';
}

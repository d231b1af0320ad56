import type { Runtime } from '@mova/runtime';
import type { ServedWorkflow } from '@mova/runtime/engine';
import { type Isolation, SandboxHost } from '@mova/runtime/sandbox';

/**
 * The host of `mova-connector run`: one workflow, one process. A spare sandbox would be spawned
 * after the first connector bound the one started ahead, only to be killed when the run ends.
 */
export function oneRunHost(): SandboxHost {
  return new SandboxHost({ spare: false });
}

/**
 * Starts, ahead of the first run, one spare sandbox of each kind the served workflows' connector
 * steps run in, so the first webhook after a start binds it instead of waiting for a spawn.
 * Connectors granted files never take a spare, so they ask for none. Resolves with the kinds
 * started once their spares wait; one that cannot start is left to the first call, which reports
 * why as it would without spares.
 */
export async function startSpares(runtime: Runtime, workflows: Iterable<ServedWorkflow>): Promise<Isolation[]> {
  const host = runtime.host;
  if (!(host instanceof SandboxHost)) return [];
  const kinds = new Set<Isolation>();
  for (const workflow of workflows) {
    for (const use of workflow.plan.uses.values()) {
      if (use.kind !== 'connector' || (use.connector.manifest.fs?.connectionPaths ?? []).length > 0) continue;
      kinds.add(host.isolationOf(use.connector.manifest));
    }
  }
  const started = await Promise.all(
    [...kinds].map((kind) =>
      host.startSpare(kind).then(
        () => kind,
        () => undefined,
      ),
    ),
  );
  return started.filter((kind) => kind !== undefined);
}

import type { V1Deployment, V1Job, V1Pod } from '@kubernetes/client-node';
import { type Static, Type } from '@mova/sdk';

const DNS_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
const DNS_SUBDOMAIN = '^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$';

export const namespaceField = Type.String({
  pattern: DNS_LABEL,
  maxLength: 63,
  default: 'default',
  description: 'Namespace (default: default)',
});
export const nameField = (what: string) =>
  Type.String({ pattern: DNS_SUBDOMAIN, maxLength: 253, description: `Name of the ${what}` });

const iso = (value: Date | string | undefined): string | null =>
  value === undefined ? null : value instanceof Date ? value.toISOString() : value;
const nullable = <T extends ReturnType<typeof Type.String>>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

export const podSchema = Type.Object({
  name: Type.String({ description: 'Pod name' }),
  namespace: Type.String({ description: 'Namespace' }),
  phase: Type.String({ description: 'Pending, Running, Succeeded, Failed or Unknown' }),
  ready: Type.Boolean({ description: 'Whether every container is ready' }),
  restarts: Type.Integer({ description: 'Restarts of all its containers' }),
  podIP: nullable(Type.String(), 'Pod IP address'),
  nodeName: nullable(Type.String(), 'Node it runs on'),
  labels: Type.Record(Type.String(), Type.String(), { description: 'Labels' }),
  containers: Type.Array(
    Type.Object({
      name: Type.String({ description: 'Container name' }),
      image: Type.String({ description: 'Image' }),
      ready: Type.Boolean({ description: 'Whether it is ready' }),
      restartCount: Type.Integer({ description: 'Restarts' }),
      state: Type.String({
        description: 'running, waiting (with reason, e.g. waiting: CrashLoopBackOff) or terminated',
      }),
    }),
    { description: 'Its containers' },
  ),
  createdAt: nullable(Type.String(), 'When it was created (ISO 8601)'),
});
export type Pod = Static<typeof podSchema>;

export function toPod(pod: V1Pod): Pod {
  const statuses = pod.status?.containerStatuses ?? [];
  return {
    name: pod.metadata?.name ?? '',
    namespace: pod.metadata?.namespace ?? '',
    phase: pod.status?.phase ?? 'Unknown',
    ready: statuses.length > 0 && statuses.every((s) => s.ready),
    restarts: statuses.reduce((sum, s) => sum + (s.restartCount ?? 0), 0),
    podIP: pod.status?.podIP ?? null,
    nodeName: pod.spec?.nodeName ?? null,
    labels: pod.metadata?.labels ?? {},
    containers: (pod.spec?.containers ?? []).map((container) => {
      const status = statuses.find((s) => s.name === container.name);
      const state = status?.state;
      return {
        name: container.name,
        image: container.image ?? '',
        ready: status?.ready ?? false,
        restartCount: status?.restartCount ?? 0,
        state: state?.running
          ? 'running'
          : state?.waiting
            ? `waiting${state.waiting.reason ? `: ${state.waiting.reason}` : ''}`
            : state?.terminated
              ? `terminated${state.terminated.reason ? `: ${state.terminated.reason}` : ''}`
              : 'unknown',
      };
    }),
    createdAt: iso(pod.metadata?.creationTimestamp),
  };
}

export const deploymentSchema = Type.Object({
  name: Type.String({ description: 'Deployment name' }),
  namespace: Type.String({ description: 'Namespace' }),
  replicas: Type.Integer({ description: 'Pods wanted (spec.replicas)' }),
  readyReplicas: Type.Integer({ description: 'Pods ready' }),
  updatedReplicas: Type.Integer({ description: 'Pods on the newest template' }),
  availableReplicas: Type.Integer({ description: 'Pods available' }),
  images: Type.Record(Type.String(), Type.String(), { description: 'Image of each container, by container name' }),
  generation: Type.Integer({ description: 'Generation of the spec' }),
  observedGeneration: Type.Integer({ description: 'Generation the controller has acted on' }),
  restartedAt: nullable(Type.String(), 'Last restart asked for (kubectl.kubernetes.io/restartedAt)'),
  conditions: Type.Array(
    Type.Object({
      type: Type.String({ description: 'Available or Progressing' }),
      status: Type.String({ description: 'True, False or Unknown' }),
      reason: nullable(Type.String(), 'Reason, e.g. NewReplicaSetAvailable'),
      message: nullable(Type.String(), 'Message'),
    }),
    { description: 'Rollout conditions' },
  ),
});
export type Deployment = Static<typeof deploymentSchema>;

export const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

export function toDeployment(deployment: V1Deployment): Deployment {
  return {
    name: deployment.metadata?.name ?? '',
    namespace: deployment.metadata?.namespace ?? '',
    replicas: deployment.spec?.replicas ?? 1,
    readyReplicas: deployment.status?.readyReplicas ?? 0,
    updatedReplicas: deployment.status?.updatedReplicas ?? 0,
    availableReplicas: deployment.status?.availableReplicas ?? 0,
    images: Object.fromEntries((deployment.spec?.template.spec?.containers ?? []).map((c) => [c.name, c.image ?? ''])),
    generation: deployment.metadata?.generation ?? 0,
    observedGeneration: deployment.status?.observedGeneration ?? 0,
    restartedAt: deployment.spec?.template.metadata?.annotations?.[RESTARTED_AT] ?? null,
    conditions: (deployment.status?.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      reason: c.reason ?? null,
      message: c.message ?? null,
    })),
  };
}

export const jobSchema = Type.Object({
  name: Type.String({ description: 'Job name' }),
  namespace: Type.String({ description: 'Namespace' }),
  state: Type.String({ description: 'running, complete or failed (from its conditions)' }),
  active: Type.Integer({ description: 'Pods running' }),
  succeeded: Type.Integer({ description: 'Pods that succeeded' }),
  failed: Type.Integer({ description: 'Pods that failed' }),
  startTime: nullable(Type.String(), 'When it started (ISO 8601)'),
  completionTime: nullable(Type.String(), 'When it completed (ISO 8601)'),
  uid: Type.String({ description: 'Object UID' }),
});
export type Job = Static<typeof jobSchema>;

export function toJob(job: V1Job): Job {
  const condition = (type: string) => job.status?.conditions?.some((c) => c.type === type && c.status === 'True');
  return {
    name: job.metadata?.name ?? '',
    namespace: job.metadata?.namespace ?? '',
    state: condition('Complete') ? 'complete' : condition('Failed') ? 'failed' : 'running',
    active: job.status?.active ?? 0,
    succeeded: job.status?.succeeded ?? 0,
    failed: job.status?.failed ?? 0,
    startTime: iso(job.status?.startTime),
    completionTime: iso(job.status?.completionTime),
    uid: job.metadata?.uid ?? '',
  };
}

import { type Static, Type } from '@mova/sdk';
import type { Jenkins } from './client.js';

export const jobInput = Type.String({
  minLength: 1,
  pattern: '^[^/].*[^/]$|^[^/]$',
  description: 'Full name of the job, folders included: "deploy", or "team/api/deploy" for a job in folders',
});

export const buildSchema = Type.Object({
  job: Type.String({ description: 'Full name of the job' }),
  number: Type.Integer({ description: 'Build number' }),
  displayName: Type.String({ description: 'Display name, e.g. #42' }),
  building: Type.Boolean({ description: 'Whether the build is still running' }),
  result: Type.Union([Type.String(), Type.Null()], {
    description: 'SUCCESS, UNSTABLE, FAILURE, NOT_BUILT or ABORTED; null while building',
  }),
  startedAt: Type.Union([Type.String(), Type.Null()], { description: 'When the build started (ISO 8601)' }),
  durationMs: Type.Integer({ description: 'How long it ran, in ms (0 while building)' }),
  estimatedDurationMs: Type.Union([Type.Integer(), Type.Null()], { description: 'Jenkins’s estimate, in ms' }),
  url: Type.String({ description: 'The build’s page' }),
  parameters: Type.Record(Type.String(), Type.Unknown(), { description: 'Parameters the build ran with, by name' }),
});

export type Build = Static<typeof buildSchema>;

export interface RawBuild {
  number?: number;
  displayName?: string;
  building?: boolean;
  result?: string | null;
  timestamp?: number;
  duration?: number;
  estimatedDuration?: number;
  url?: string;
  actions?: ({ _class?: string; parameters?: { name?: string; value?: unknown }[] } | null)[];
}

/** Fields to ask for with `tree=`, so Jenkins does not send the whole build. */
export const BUILD_TREE =
  'number,displayName,building,result,timestamp,duration,estimatedDuration,url,actions[parameters[name,value]]';

/** A build's JSON (`/job/…/{n}/api/json`) as `buildSchema` says. */
export function toBuild(job: string, raw: RawBuild): Build {
  const parameters: Record<string, unknown> = {};
  for (const action of raw.actions ?? []) {
    for (const p of action?.parameters ?? []) if (p.name) parameters[p.name] = p.value ?? null;
  }
  return {
    job,
    number: raw.number ?? 0,
    displayName: raw.displayName ?? `#${raw.number ?? 0}`,
    building: raw.building ?? false,
    result: raw.result ?? null,
    startedAt: raw.timestamp ? new Date(raw.timestamp).toISOString() : null,
    durationMs: raw.duration ?? 0,
    estimatedDurationMs:
      raw.estimatedDuration === undefined || raw.estimatedDuration < 0 ? null : raw.estimatedDuration,
    url: raw.url ?? '',
    parameters,
  };
}

export interface RawQueueItem {
  id?: number;
  blocked?: boolean;
  buildable?: boolean;
  stuck?: boolean;
  cancelled?: boolean;
  why?: string | null;
  inQueueSince?: number;
  task?: { name?: string; url?: string };
  executable?: { number?: number; url?: string } | null;
}

export const queueSchema = Type.Object({
  queueId: Type.Integer({ description: 'Id of the queue item' }),
  state: Type.Union([Type.Literal('waiting'), Type.Literal('started'), Type.Literal('cancelled')], {
    description: 'waiting in the queue, started as a build, or cancelled before it started',
  }),
  why: Type.Union([Type.String(), Type.Null()], { description: 'Why it is still waiting, as Jenkins says' }),
  buildNumber: Type.Union([Type.Integer(), Type.Null()], {
    description: 'Number of the build it became, once started',
  }),
  buildUrl: Type.Union([Type.String(), Type.Null()], { description: 'Page of that build' }),
});

export type QueueStatus = Static<typeof queueSchema>;

export function toQueueStatus(queueId: number, raw: RawQueueItem): QueueStatus {
  const number = raw.executable?.number;
  return {
    queueId,
    state: raw.cancelled ? 'cancelled' : number !== undefined ? 'started' : 'waiting',
    why: raw.why ?? null,
    buildNumber: number ?? null,
    buildUrl: raw.executable?.url ?? null,
  };
}

export async function queueStatus(api: Jenkins, queueId: number): Promise<QueueStatus> {
  const { data } = await api.http.get<RawQueueItem>(`/queue/item/${queueId}/api/json`);
  return toQueueStatus(queueId, data);
}

/**
 * Reads the queue item every `intervalMs` until it has become a build, was cancelled, or `waitMs`
 * passed; Jenkins keeps a left queue item for about five minutes.
 */
export async function waitForStart(
  api: Jenkins,
  queueId: number,
  waitMs: number,
  signal?: AbortSignal,
  intervalMs = 1000,
): Promise<QueueStatus> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const status = await queueStatus(api, queueId);
    if (status.state !== 'waiting' || Date.now() + intervalMs > deadline) return status;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, intervalMs);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    });
  }
}

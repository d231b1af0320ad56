import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Runtime } from '@mova/runtime';
import { Engine, ProjectError } from '@mova/runtime/engine';
import { QueueWorker, withWorker } from '@mova/runtime/queue';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { runStoreFailed } from '../run/run-store.js';
import { checkAllowHosts, projectBaseFlags, projectDir, runtimeFlags, setUpRuntime } from '../run/runtime-setup.js';
import { startSpares } from '../run/sandbox-host.js';
import { IssuesError, UserError } from '../user-error.js';

export interface WorkerInfo {
  name: string;
  workflows: string[];
  concurrency: number;
}

export default class WorkerCommand extends MovaCommand {
  static override summary = 'Run the runs that `serve --queue` puts on a Redis queue (BullMQ)';

  static override description =
    'Loads the project folder as `serve` does (its workflows, mova.lock.json, connections, sandboxes) and runs the jobs of the queue at --queue: the runs servers accept (API, webhooks) and the schedules and connector polls the queue fires, each once however many servers there are. Every step it records in the PostgreSQL run store (--store) names this worker (--name). A worker that dies (kill -9, a lost machine) leaves its jobs to another worker once their lock lapses (--lock-duration, checked every --stalled-interval): that one resumes the run from its record, completed steps replayed, and a step that was in flight runs again only when its action is declared idempotent (else it fails with E_OUTCOME_UNKNOWN). A run that reaches an approval or a wait longer than 30 s is parked in the run store and its job ends; a decision on any server (API or link), or its due time (a delayed job in Redis), has a worker resume it, once. Delivery is at least once; idempotent steps make it safe. On SIGINT/SIGTERM it takes no new jobs, lets running runs finish for up to --drain, then cancels the rest.';

  static override examples = [
    '<%= config.bin %> worker --dir my-project --queue redis://127.0.0.1:6379 --store postgres://postgres@127.0.0.1/mova',
    '<%= config.bin %> worker --queue redis://redis:6379 --store postgres://mova@db/mova --concurrency 16 --name worker-a',
  ];

  static override baseFlags = projectBaseFlags;

  static override flags = {
    queue: Flags.string({
      env: 'MOVA_QUEUE',
      required: true,
      description: 'the Redis the servers queue runs on: redis://[user:password@]host:6379[/db] (rediss:// for TLS)',
    }),
    'queue-prefix': Flags.string({
      description: 'the first part of every Redis key; servers and workers of one deployment share it',
      default: 'mova',
    }),
    name: Flags.string({ description: 'this worker in step records and logs [default: <host>:<pid>]' }),
    concurrency: Flags.integer({ description: 'runs at once', default: 8, min: 1 }),
    'lock-duration': Flags.integer({
      description:
        'milliseconds a job stays locked to this worker without renewal (how soon a dead worker’s jobs move on)',
      default: 30_000,
      min: 1_000,
    }),
    'stalled-interval': Flags.integer({
      description: 'milliseconds between checks for jobs whose worker died',
      default: 30_000,
      min: 500,
    }),
    drain: Flags.integer({
      description: 'seconds running runs may take to finish on shutdown before they are cancelled',
      default: 30,
      min: 0,
    }),
    'public-url': Flags.string({
      env: 'MOVA_PUBLIC_URL',
      description:
        'where the approval links of runs this worker pauses point (serve’s public URL) [default: the URL the servers announce in Redis]',
    }),
    ...runtimeFlags,
  };

  async run(): Promise<WorkerInfo> {
    const { flags } = await this.parse(WorkerCommand);
    const dir = await projectDir(flags.dir);
    if (!flags.store) {
      throw new UserError(
        'a worker needs the PostgreSQL run store: the servers and the other workers read the runs it records',
        'Pass --store postgres://user@host:5432/db (or set MOVA_RUN_STORE), the same as `serve --queue` uses.',
      );
    }
    checkAllowHosts(flags['allow-host']);
    const name = flags.name ?? `${hostname()}:${process.pid}`;
    const { runtime, connections, opened, audit, dataDir } = await setUpRuntime(flags, {
      config: this.config,
      sourcesDir: dir,
      lockfileNear: join(dir, 'workflow.json'),
      step: (title, work) => this.step(title, work),
      wrapStore: (store) => withWorker(store, name),
      // Waits longer than 30s park the run in the store (a delayed wake-up job), so they may be long.
      runtime: { limits: { maxWaitMs: Engine.maxWaitMs } },
    });
    let worker: QueueWorker;
    try {
      await runtime.ready.catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });
      const engine = await Engine.open(dir, { runtime, connections, dataDir }).catch((error: unknown) => {
        if (error instanceof ProjectError) {
          throw new IssuesError(
            'the project has invalid workflows',
            error.issues.map(({ file, ...issue }) => ({ file: displayPath(join(dir, file)), ...issue })),
          );
        }
        throw error;
      });
      if (engine.workflows.size === 0) {
        throw new UserError(
          `${displayPath(dir)} holds no workflows`,
          'Put workflow files (JSON with "mova": "1.0") in the folder or its workflows/ folder.',
        );
      }
      worker = await QueueWorker.open({
        url: flags.queue,
        prefix: flags['queue-prefix'],
        runtime,
        workflows: engine.workflows,
        name,
        concurrency: flags.concurrency,
        lockDurationMs: flags['lock-duration'],
        stalledIntervalMs: flags['stalled-interval'],
        ...(flags['public-url'] === undefined ? {} : { publicUrl: flags['public-url'] }),
        audit,
        log: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`),
      });
      await startSpares(runtime, engine.workflows.values());
      const info: WorkerInfo = { name, workflows: [...engine.workflows.keys()], concurrency: flags.concurrency };
      if (this.jsonEnabled()) this.logJson(info);
      else {
        this.log(
          `Worker ${name} runs ${info.workflows.length} workflow(s) of ${displayPath(dir)} from the queue, ${info.concurrency} at once`,
        );
      }
    } catch (error) {
      await runtime.close();
      await audit.close().catch(() => {});
      throw error;
    }
    await shutdownOn(worker, runtime, flags.drain * 1000);
    await audit.close().catch(() => {});
    this.exit(0);
  }
}

/** Waits for SIGINT or SIGTERM, then drains: no new jobs, running runs finish (bounded), store closed. */
function shutdownOn(worker: QueueWorker, runtime: Runtime, drainMs: number): Promise<void> {
  return new Promise((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`${signal} again: exiting at once\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`${signal}: taking no new jobs; running runs have ${drainMs / 1000}s to finish\n`);
      worker
        .stop(drainMs)
        .then(({ drained, cancelled }) => {
          process.stderr.write(`Stopped: ${drained} run(s) finished, ${cancelled} cancelled\n`);
        })
        .finally(async () => {
          await runtime.close().catch(() => {});
          done();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

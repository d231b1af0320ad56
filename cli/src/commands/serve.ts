import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Runtime } from '@mova/runtime';
import { createMetrics, Engine, engineHandler, ProjectError } from '@mova/runtime/engine';
import { RunQueue } from '@mova/runtime/queue';
import { Flags } from '@oclif/core';
import { MovaCommand } from '../base-command.js';
import { displayPath } from '../paths.js';
import { runStoreFailed } from '../run/run-store.js';
import { checkAllowHosts, projectBaseFlags, projectDir, runtimeFlags, setUpRuntime } from '../run/runtime-setup.js';
import { startSpares } from '../run/sandbox-host.js';
import { IssuesError, UserError } from '../user-error.js';

export interface ServeInfo {
  url: string;
  workflows: { name: string; file: string; trigger: string }[];
  hooks: string[];
  /** The runs page, in a browser. */
  page: string;
  /** The API token serve made up because none was given (a given one is never printed). */
  token?: string;
}

export default class Serve extends MovaCommand {
  static override summary = "Serve a project's workflows: webhooks, schedules, connector triggers and a JSON API";

  static override description =
    `Loads every workflow of the project folder (its .json files and workflows/*.json that hold "mova"), checked as \`run\` checks them, with the versions its mova.lock.json locks. Then, in one process until Ctrl-C: webhooks answer at /hooks/<path>, schedules fire at their cron times, connector triggers poll for new items, and a JSON API at /api/v1 starts, lists, shows and cancels runs (POST /runs {"workflow","inputs"}, GET /runs?limit=&after=&status=&workflow=&id=<prefix>, GET /runs/<id>, POST /runs/<id>/cancel, GET /workflows, GET /breakers for the circuit breakers' states), always behind a token (--token, or one serve makes up and prints); GET /metrics answers in the Prometheus text format, behind the same token. A runs page at /runs lists and filters runs and shows each run's steps; it asks for the token once per browser tab. Every run is in the audit log, its actor the trigger (api, webhook:/hooks/<path>, schedule:<workflow>, poll:<workflow>). Schedule and poller state is kept in the data dir, so a restart neither repeats nor loses a fire time or an item. On SIGINT/SIGTERM it stops taking work and lets running runs finish for up to --drain, then cancels the rest.`;

  static override examples = [
    '<%= config.bin %> serve --dir my-project',
    '<%= config.bin %> serve --dir . --port 8080 --connections connections.json',
    'MOVA_SERVE_TOKEN=s3cret <%= config.bin %> serve --host 0.0.0.0   # the API then needs Authorization: Bearer s3cret',
  ];

  static override baseFlags = projectBaseFlags;

  static override flags = {
    port: Flags.integer({
      char: 'p',
      description: 'port to listen on (0 picks a free one)',
      default: 8080,
      min: 0,
      max: 65535,
    }),
    host: Flags.string({ description: 'address to listen on', default: '127.0.0.1' }),
    token: Flags.string({
      env: 'MOVA_SERVE_TOKEN',
      description:
        'the token the /api/v1 requests, /metrics and the runs page must carry (Authorization: Bearer); without it serve makes one up and prints it; required to listen beyond loopback',
    }),
    drain: Flags.integer({
      description: 'seconds running runs may take to finish on shutdown before they are cancelled',
      default: 30,
      min: 0,
    }),
    'public-url': Flags.string({
      description:
        'the URL this server is reached at from outside (https://mova.example.com), for the approve/reject links of approval steps and the webhooks connector triggers subscribe; default the address it listens on',
    }),
    unsubscribe: Flags.boolean({
      description:
        'remove every webhook subscription serve made for connector triggers (e.g. GitHub repository hooks), then exit without serving',
      default: false,
    }),
    queue: Flags.string({
      env: 'MOVA_QUEUE',
      description:
        'queue mode: put runs on this Redis (redis://host:6379, BullMQ) for `mova-connector worker` processes; schedules and polls fire once across all servers; needs --store postgres://…',
    }),
    'queue-prefix': Flags.string({
      description: 'the first part of every Redis key in queue mode; servers and workers of one deployment share it',
      default: 'mova',
    }),
    ...runtimeFlags,
  };

  async run(): Promise<ServeInfo> {
    const { flags } = await this.parse(Serve);
    const dir = await projectDir(flags.dir);
    checkAllowHosts(flags['allow-host']);
    if (!isLoopbackHost(flags.host) && !flags.token) {
      throw new UserError(
        `--host ${flags.host} would open the run API beyond this machine without a token`,
        'Set --token (or MOVA_SERVE_TOKEN), or listen on 127.0.0.1.',
      );
    }
    if (flags.queue !== undefined && !flags.store) {
      throw new UserError(
        '--queue needs the PostgreSQL run store: workers record the runs, and the file store is on one machine only',
        'Pass --store postgres://user@host:5432/db (or set MOVA_RUN_STORE), the same the workers use.',
      );
    }
    const queue =
      flags.queue === undefined ? undefined : await RunQueue.open({ url: flags.queue, prefix: flags['queue-prefix'] });
    const metrics = createMetrics({ processMetrics: true });
    const { runtime, connections, opened, audit, dataDir } = await setUpRuntime(flags, {
      config: this.config,
      sourcesDir: dir,
      lockfileNear: join(dir, 'workflow.json'),
      step: (title, work) => this.step(title, work),
      // Waits longer than 30s pause the run in the store instead of in memory, so they may be long.
      runtime: { metrics, limits: { maxWaitMs: Engine.maxWaitMs } },
    });
    let engine: Engine;
    let unsubscribed: Awaited<ReturnType<Engine['unsubscribeTriggers']>> | undefined;
    // Problems in the project's workflows, each with its file, as `validate` prints them.
    const projectIssues = (error: unknown): never => {
      if (!(error instanceof ProjectError)) throw error;
      throw new IssuesError(
        error.message,
        error.issues.map(({ file, ...issue }) => ({ file: displayPath(join(dir, file)), ...issue })),
      );
    };
    try {
      await runtime.ready.catch((error: unknown) => {
        throw runStoreFailed(error, opened);
      });
      engine = await Engine.open(dir, {
        runtime,
        connections,
        dataDir,
        audit,
        metrics,
        ...(queue ? { dispatch: queue } : {}),
        log: (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`),
      }).catch(projectIssues);
      if (flags.unsubscribe) unsubscribed = await engine.unsubscribeTriggers();
      else if (engine.workflows.size === 0) {
        throw new UserError(
          `${displayPath(dir)} holds no workflows`,
          'Put workflow files (JSON with "mova": "1.0") in the folder or its workflows/ folder.',
        );
      }
      if (!unsubscribed) {
        await engine.start().catch(projectIssues);
        await queue?.syncTriggers(engine.workflows.values());
      }
    } catch (error) {
      await queue?.close();
      await runtime.close();
      await audit.close().catch(() => {});
      throw error;
    }
    if (unsubscribed) {
      await queue?.close();
      await runtime.close();
      await audit.close().catch(() => {});
      return reportUnsubscribed(this, unsubscribed);
    }
    // The API always needs a token: the runs page runs in browsers, where any site could otherwise
    // drive a loopback API (cross-site requests, DNS rebinding).
    const token = flags.token || randomBytes(24).toString('base64url');
    const server = createServer(engineHandler(engine, { metrics, token, page: true }));
    await listen(server, flags.port, flags.host).catch(async (error: NodeJS.ErrnoException) => {
      await engine.stop(0);
      await queue?.close();
      await runtime.close();
      await audit.close().catch(() => {});
      throw new UserError(
        `cannot listen on ${flags.host}:${flags.port}: ${error.code ?? error.message}`,
        error.code === 'EADDRINUSE'
          ? 'Another process uses the port: pick another with --port.'
          : 'Check --host and --port.',
      );
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const info: ServeInfo = {
      url: `http://${host}:${address.port}`,
      workflows: [...engine.workflows.values()].map((w) => ({ name: w.name, file: w.file, trigger: w.trigger })),
      hooks: engine.webhookPaths.map((path) => `/hooks/${path}`),
      page: `http://${host}:${address.port}/runs`,
      ...(flags.token ? {} : { token }),
    };
    // Approval links point here; runs left unfinished by a crash resume now, and due waits apply.
    engine.publicUrl = flags['public-url'] ?? info.url;
    await engine.resumeUnfinished();
    // In queue mode the workers run the steps: they start the spares.
    if (!queue) await startSpares(runtime, engine.workflows.values());
    // Connector triggers subscribe at the public URL; failures are logged and retried, never fatal.
    await engine.subscribeTriggers();
    if (this.jsonEnabled()) this.logJson(info);
    else {
      this.log(`Serving ${info.workflows.length} workflow(s) from ${displayPath(dir)} at ${info.url}`);
      for (const w of info.workflows) this.log(`  ${w.name} (${w.trigger}) ${w.file}`);
      for (const hook of info.hooks) this.log(`  webhook ${info.url}${hook}`);
      this.log(`  API ${info.url}/api/v1/runs`);
      this.log(`  metrics ${info.url}/metrics`);
      this.log(`  runs page ${info.page}`);
      this.log(
        info.token
          ? `  API token (made up for this start; give --token to choose one): ${info.token}`
          : '  API token: the one given with --token / MOVA_SERVE_TOKEN',
      );
    }
    await shutdownOn(server, engine, runtime, flags.drain * 1000);
    await queue?.close().catch(() => {});
    await audit.close().catch(() => {});
    // The JSON was printed when listening; nothing more to return to oclif's --json output.
    this.exit(0);
  }
}

/** `serve --unsubscribe`: what was removed; what could not be is an error (it stays recorded for the next try). */
function reportUnsubscribed(
  command: Serve,
  { removed, failed }: Awaited<ReturnType<Engine['unsubscribeTriggers']>>,
): never {
  if (failed.length > 0) {
    throw new UserError(
      `could not unsubscribe the trigger of ${failed.map((f) => `${f.workflow} (${f.error})`).join(', ')}`,
      'Fix the connection or the network and run serve --unsubscribe again; the subscriptions stay recorded until then.',
    );
  }
  if (command.jsonEnabled()) process.stdout.write(`${JSON.stringify({ unsubscribed: removed }, null, 2)}\n`);
  else command.log(removed.length > 0 ? `Unsubscribed: ${removed.join(', ')}` : 'No subscriptions to remove');
  return command.exit(0);
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
}

/** Waits for SIGINT or SIGTERM, then stops: no new requests or triggers, running runs drained (bounded), store closed. */
function shutdownOn(server: Server, engine: Engine, runtime: Runtime, drainMs: number): Promise<void> {
  return new Promise((done) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) {
        process.stderr.write(`${signal} again: exiting at once\n`);
        process.exit(130);
      }
      stopping = true;
      process.stderr.write(`${signal}: stopping; running runs have ${drainMs / 1000}s to finish\n`);
      server.close();
      engine
        .stop(drainMs)
        .then(({ drained, cancelled }) => {
          process.stderr.write(`Stopped: ${drained} run(s) finished, ${cancelled} cancelled\n`);
        })
        .finally(async () => {
          server.closeAllConnections();
          await runtime.close().catch(() => {});
          done();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

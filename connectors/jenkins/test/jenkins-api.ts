/**
 * A Jenkins controller on loopback for the conformance tests: no Jenkins (a Java WAR) runs on the
 * test machines, so this answers Jenkins's remote access API with the shapes its documentation and
 * Stapler's JSON give, and refuses what Jenkins refuses: wrong credentials (401), a POST without the
 * crumb of the session that asked for it (403 "No valid crumb"), parameters for an unparameterized
 * job, unknown jobs, builds and queue items (404). Pages followed:
 *   Remote access API, builds with parameters, queue items:
 *     https://www.jenkins.io/doc/book/using/remote-access-api/
 *   CSRF crumbs (GET /crumbIssuer/api/json, the crumb tied to the web session, Jenkins-Crumb header):
 *     https://www.jenkins.io/doc/book/security/csrf-protection/
 *   API tokens (basic auth): https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/
 *   Console log (logText/progressiveText, X-Text-Size, X-More-Data):
 *     https://javadoc.jenkins.io/hudson/console/AnnotatedLargeText.html#doProgressiveText(org.kohsuke.stapler.StaplerRequest,org.kohsuke.stapler.StaplerResponse)
 *   tree= and {M,N} ranges on /api/json: https://www.jenkins.io/doc/book/using/remote-access-api/ ("Controlling the amount of data you fetch")
 */
import { randomBytes } from 'node:crypto';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const USER = 'ci-bot';
export const TOKEN = '11f2d2c6a0d0c8c5e2b4a7f9d3e1c0b9aa';

interface Job {
  fullName: string;
  kind: 'freestyle' | 'pipeline' | 'folder';
  parameters?: Record<string, string>;
  builds: Build[];
}
export interface Build {
  number: number;
  building: boolean;
  result: string | null;
  timestamp: number;
  duration: number;
  parameters: Record<string, string>;
  log: string;
  reads: number;
}
interface QueueItem {
  id: number;
  job: string;
  parameters: Record<string, string>;
  reads: number;
  build?: number;
}

export interface Controller extends ReferenceServer {
  jobs: Map<string, Job>;
  queue: Map<number, QueueItem>;
  /** Adds a finished build to a job. */
  finish(job: string, result: string, log?: string): Build;
  reset(): void;
}

const CLASSES = {
  freestyle: 'hudson.model.FreeStyleProject',
  pipeline: 'org.jenkinsci.plugins.workflow.job.WorkflowJob',
  folder: 'com.cloudbees.hudson.plugins.folder.Folder',
};

/** Jenkins's HTML error page (Stapler): the reason in <title> and <h2>. */
const errorPage = (status: number, reason: string): ReferenceReply => ({
  status,
  headers: { 'content-type': 'text/html;charset=utf-8' },
  body: `<html><head><title>Error ${status} ${reason}</title></head><body><h2>HTTP ERROR ${status} ${reason}</h2></body></html>`,
});

export async function startJenkins(): Promise<Controller> {
  const jobs = new Map<string, Job>();
  const queue = new Map<number, QueueItem>();
  const sessions = new Map<string, string>();
  let queueIds = 0;
  const basic = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;

  const server = await startReferenceServer({
    check(request) {
      if (request.headers.authorization !== basic) return errorPage(401, 'Unauthorized');
      if (request.method === 'POST') {
        const session = /JSESSIONID\.[0-9a-f]+=([^;]+)/.exec(String(request.headers.cookie ?? ''))?.[1];
        const crumb = session ? sessions.get(session) : undefined;
        if (!crumb || request.headers['jenkins-crumb'] !== crumb) {
          return errorPage(403, 'No valid crumb was included in the request');
        }
      }
      return undefined;
    },
  });

  const reset = () => {
    jobs.clear();
    queue.clear();
    sessions.clear();
    queueIds = 0;
    for (const job of [
      { fullName: 'nightly-backup', kind: 'freestyle' as const },
      { fullName: 'team', kind: 'folder' as const },
      { fullName: 'team/api', kind: 'folder' as const },
      { fullName: 'team/api/deploy', kind: 'pipeline' as const, parameters: { ENV: 'dev', BRANCH: 'main' } },
      { fullName: 'team/web', kind: 'pipeline' as const },
    ]) {
      jobs.set(job.fullName, { ...job, builds: [] });
    }
  };
  reset();

  const urlOf = (fullName: string) =>
    `${server.url}${fullName
      .split('/')
      .map((p) => `/job/${p}`)
      .join('')}/`;
  const buildJson = (job: Job, build: Build) => ({
    _class: job.kind === 'pipeline' ? 'org.jenkinsci.plugins.workflow.job.WorkflowRun' : 'hudson.model.FreeStyleBuild',
    number: build.number,
    displayName: `#${build.number}`,
    building: build.building,
    result: build.result,
    timestamp: build.timestamp,
    duration: build.duration,
    estimatedDuration: 42_000,
    url: `${urlOf(job.fullName)}${build.number}/`,
    actions: [
      { _class: 'hudson.model.CauseAction' },
      ...(Object.keys(build.parameters).length > 0
        ? [
            {
              _class: 'hudson.model.ParametersAction',
              parameters: Object.entries(build.parameters).map(([name, value]) => ({
                _class: 'hudson.model.StringParameterValue',
                name,
                value,
              })),
            },
          ]
        : []),
      {},
    ],
  });
  const start = (job: Job, parameters: Record<string, string>): Build => {
    const build: Build = {
      number: (job.builds.at(-1)?.number ?? 0) + 1,
      building: true,
      result: null,
      timestamp: Date.now(),
      duration: 0,
      parameters,
      log: `Started by user ${USER}\n`,
      reads: 0,
    };
    job.builds.push(build);
    return build;
  };
  const complete = (build: Build, result: string) => {
    build.building = false;
    build.result = result;
    build.duration = Math.max(1, Date.now() - build.timestamp);
    build.log += `Finished: ${result}\n`;
  };

  /** Routes `/job/a[/job/b[/job/c]]` + suffix, the job's full name passed along. */
  const jobRoute = (
    method: string,
    suffix: string,
    answer: (request: ReferenceRequest, job: Job, rest: Record<string, string>) => ReferenceReply,
  ) => {
    for (let depth = 1; depth <= 3; depth++) {
      const names = Array.from({ length: depth }, (_, i) => `j${i}`);
      const pattern = `${names.map((n) => `/job/:${n}`).join('')}${suffix}`;
      server.route(method, pattern, (request) => {
        const fullName = names.map((n) => request.params[n]).join('/');
        const job = jobs.get(fullName);
        return job ? answer(request, job, request.params) : errorPage(404, 'Not Found');
      });
    }
  };
  const buildOf = (job: Job, ref: string | undefined): Build | undefined => {
    const done = job.builds.filter((b) => !b.building);
    switch (ref) {
      case 'lastBuild':
        return job.builds.at(-1);
      case 'lastCompletedBuild':
        return done.at(-1);
      case 'lastSuccessfulBuild':
        return done.filter((b) => b.result === 'SUCCESS').at(-1);
      case 'lastFailedBuild':
        return done.filter((b) => b.result === 'FAILURE').at(-1);
      default:
        return job.builds.find((b) => String(b.number) === ref);
    }
  };
  const listing = (folder: string) => ({
    _class: folder ? CLASSES.folder : 'hudson.model.Hudson',
    jobs: [...jobs.values()]
      .filter((j) => j.fullName.split('/').slice(0, -1).join('/') === folder)
      .map((j) => ({
        _class: CLASSES[j.kind],
        name: j.fullName.split('/').at(-1),
        url: urlOf(j.fullName),
        ...(j.kind === 'folder'
          ? {
              jobs: [...jobs.values()]
                .filter((c) => c.fullName.startsWith(`${j.fullName}/`))
                .map((c) => ({ name: c.fullName })),
            }
          : {
              color: j.builds.at(-1)?.building
                ? 'blue_anime'
                : j.builds.at(-1)?.result === 'FAILURE'
                  ? 'red'
                  : j.builds.length
                    ? 'blue'
                    : 'notbuilt',
              buildable: true,
              lastBuild: j.builds.length ? { _class: 'hudson.model.Run', number: j.builds.at(-1)?.number } : null,
            }),
      })),
  });

  server.route('GET', '/whoAmI/api/json', () => ({
    body: { _class: 'hudson.security.WhoAmI', anonymous: false, authenticated: true, name: USER },
  }));
  server.route('GET', '/crumbIssuer/api/json', () => {
    const session = `node0${randomBytes(8).toString('hex')}`;
    const crumb = randomBytes(16).toString('hex');
    sessions.set(session, crumb);
    return {
      headers: { 'set-cookie': `JSESSIONID.8d2e4f1a=${session}; Path=/; HttpOnly` },
      body: { _class: 'hudson.security.csrf.DefaultCrumbIssuer', crumb, crumbRequestField: 'Jenkins-Crumb' },
    };
  });
  server.route('GET', '/api/json', () => ({ body: listing('') }));

  const enqueue = (request: ReferenceRequest, job: Job, parameterized: boolean): ReferenceReply => {
    if (job.kind === 'folder') return errorPage(405, 'Method Not Allowed');
    const form = (request.body ?? {}) as Record<string, string>;
    if (request.rawBody.length > 0 && !String(request.headers['content-type']).includes('x-www-form-urlencoded')) {
      return errorPage(400, 'Bad Request');
    }
    if (parameterized && !job.parameters) return errorPage(400, `${job.fullName} is not parameterized`);
    const unknown = Object.keys(form).filter((name) => !(name in (job.parameters ?? {})));
    if (unknown.length > 0) return errorPage(400, `Unknown parameters: ${unknown.join(', ')}`);
    const id = ++queueIds;
    queue.set(id, { id, job: job.fullName, parameters: { ...job.parameters, ...form }, reads: 0 });
    return { status: 201, headers: { location: `${server.url}/queue/item/${id}/` } };
  };
  jobRoute('POST', '/build', (request, job) => enqueue(request, job, false));
  jobRoute('POST', '/buildWithParameters', (request, job) => enqueue(request, job, true));

  server.route('GET', '/queue/item/:id/api/json', (request) => {
    const item = queue.get(Number(request.params.id));
    if (!item) return errorPage(404, 'Not Found');
    const job = jobs.get(item.job) as Job;
    item.reads++;
    // Waiting on the first read, a build from the second on: the executor picks it up in between.
    if (item.build === undefined && item.reads >= 2) item.build = start(job, item.parameters).number;
    const task = { _class: CLASSES[job.kind], name: job.fullName.split('/').at(-1), url: urlOf(job.fullName) };
    return {
      body:
        item.build === undefined
          ? {
              _class: 'hudson.model.Queue$BuildableItem',
              id: item.id,
              blocked: false,
              buildable: true,
              why: 'Waiting for next available executor',
              task,
              executable: null,
            }
          : {
              _class: 'hudson.model.Queue$LeftItem',
              id: item.id,
              cancelled: false,
              why: null,
              task,
              executable: {
                _class: 'hudson.model.Run',
                number: item.build,
                url: `${urlOf(job.fullName)}${item.build}/`,
              },
            },
    };
  });

  jobRoute('GET', '/api/json', (request, job) => {
    if (job.kind === 'folder') return { body: listing(job.fullName) };
    const range = /\{(\d+),(\d+)\}/.exec(request.query.get('tree') ?? '');
    const newest = [...job.builds].reverse();
    const builds = range ? newest.slice(Number(range[1]), Number(range[2])) : newest;
    return {
      body: {
        _class: CLASSES[job.kind],
        name: job.fullName.split('/').at(-1),
        builds: builds.map((b) => buildJson(job, b)),
      },
    };
  });
  jobRoute('GET', '/:build/api/json', (_request, job, params) => {
    const build = buildOf(job, params.build);
    return build ? { body: buildJson(job, build) } : errorPage(404, 'Not Found');
  });
  jobRoute('GET', '/:build/', (_request, job, params) => {
    const build = buildOf(job, params.build);
    return build
      ? { headers: { 'content-type': 'text/html' }, body: `<html><title>#${build.number}</title></html>` }
      : errorPage(404, 'Not Found');
  });
  jobRoute('GET', '/:build/logText/progressiveText', (request, job, params) => {
    const build = buildOf(job, params.build);
    if (!build) return errorPage(404, 'Not Found');
    // A running build writes a line per read and finishes on its third.
    if (build.building) {
      build.reads++;
      build.log += `[Pipeline] step ${build.reads}\n`;
      if (build.reads >= 3) complete(build, 'SUCCESS');
    }
    const bytes = Buffer.from(build.log, 'utf8');
    const from = Number(request.query.get('start') ?? '0');
    return {
      headers: {
        'content-type': 'text/plain;charset=UTF-8',
        'x-text-size': String(bytes.length),
        ...(build.building ? { 'x-more-data': 'true' } : {}),
      },
      body: bytes.subarray(Math.min(from, bytes.length)),
    };
  });
  jobRoute('POST', '/:build/stop', (_request, job, params) => {
    const build = buildOf(job, params.build);
    if (!build) return errorPage(404, 'Not Found');
    if (build.building) complete(build, 'ABORTED');
    return { status: 302, headers: { location: `${urlOf(job.fullName)}${build.number}/` } };
  });

  return Object.assign(server, {
    jobs,
    queue,
    finish(name: string, result: string, log?: string) {
      const job = jobs.get(name);
      if (!job) throw new Error(`no job ${name}`);
      const build = start(job, {});
      if (log) build.log += log;
      complete(build, result);
      return build;
    },
    reset() {
      reset();
      server.requests.length = 0;
      server.unmatched.length = 0;
    },
  });
}

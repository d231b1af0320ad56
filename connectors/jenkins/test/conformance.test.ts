import { loadConnector } from '@mova/runtime/testing';
import { conformanceSetup } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startJenkins, TOKEN, USER } from './jenkins-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Jenkins
// of jenkins-api.ts (its header names the Jenkins documentation each route follows), reached through
// the connection's serverUrl (network.connectionHosts), as a self-hosted controller is.
const suite = conformanceSetup({
  hooks: { beforeAll, afterAll, beforeEach, afterEach },
  start: startJenkins,
  load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
  auth: (ci) => ({ serverUrl: ci.url, username: USER, apiToken: TOKEN }),
});
const { run, call: fail, runExamples, last } = suite;

describe('every example in the manifest', () => {
  it('runs in a story order on a controller with the jobs they name', async () => {
    for (let i = 0; i < 41; i++) suite.api.finish('team/api/deploy', 'SUCCESS');
    suite.api.finish('nightly-backup', 'SUCCESS', 'Backed up 3 databases\n');
    const order = ['jobs.list', 'jobs.build', 'queue.get', 'builds.get', 'builds.log', 'builds.stop'];
    await runExamples(order, { triggers: true });
    // The deploy example waited for build 42, which builds.stop's example then aborted.
    expect(suite.api.jobs.get('team/api/deploy')?.builds.at(-1)).toMatchObject({ number: 42, result: 'ABORTED' });
  });
});

describe('builds', () => {
  it('posts parameters with the crumb and session of the crumb issuer, then follows the queue to a build', async () => {
    const queued = await run('jobs.build', {
      job: 'team/api/deploy',
      parameters: { ENV: 'staging', BRANCH: 'release/2.4' },
    });
    expect(queued).toEqual({
      queueId: 1,
      state: 'waiting',
      why: null,
      buildNumber: null,
      buildUrl: null,
      queueUrl: `${suite.api.url}/queue/item/1/api/json`,
    });
    const [crumb, post] = suite.api.requests;
    expect(crumb).toMatchObject({ method: 'GET', path: '/crumbIssuer/api/json' });
    expect(post).toMatchObject({
      method: 'POST',
      path: '/job/team/job/api/job/deploy/buildWithParameters',
      body: { ENV: 'staging', BRANCH: 'release/2.4' },
    });
    expect(post?.headers['jenkins-crumb']).toMatch(/^[0-9a-f]{32}$/);
    expect(post?.headers.cookie).toMatch(/^JSESSIONID\.8d2e4f1a=node0[0-9a-f]+$/);
    expect(post?.headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`);

    const waiting = await run('queue.get', { queueId: 1 });
    expect(waiting).toMatchObject({ state: 'waiting', why: 'Waiting for next available executor', buildNumber: null });
    const started = await run('queue.get', { queueId: 1 });
    expect(started).toMatchObject({
      state: 'started',
      buildNumber: 1,
      buildUrl: `${suite.api.url}/job/team/job/api/job/deploy/1/`,
    });

    const build = await run('builds.get', { job: 'team/api/deploy', build: 1 });
    expect(build).toMatchObject({
      job: 'team/api/deploy',
      number: 1,
      displayName: '#1',
      building: true,
      result: null,
      durationMs: 0,
      estimatedDurationMs: 42_000,
      parameters: { ENV: 'staging', BRANCH: 'release/2.4' },
    });
    expect(last()?.query.get('tree')).toContain('actions[parameters[name,value]]');
  });

  it('waits for the build to start when asked, and builds a job without parameters', async () => {
    const started = await run('jobs.build', { job: 'nightly-backup', waitForStartSeconds: 10, delaySeconds: 0 });
    expect(started).toMatchObject({ queueId: 1, state: 'started', buildNumber: 1 });
    const post = suite.api.requests.find((r) => r.method === 'POST');
    expect(post).toMatchObject({ path: '/job/nightly-backup/build' });
    expect(post?.query.get('delay')).toBe('0sec');
    expect(suite.api.requests.filter((r) => r.path === '/queue/item/1/api/json')).toHaveLength(2);
  });

  it('follows a running build’s console log from an offset until it ends, and caps what it returns', async () => {
    await run('jobs.build', { job: 'team/web', waitForStartSeconds: 5 });
    const first = await run('builds.log', { job: 'team/web', build: 1 });
    expect(first).toEqual({
      text: `Started by user ${USER}\n[Pipeline] step 1\n`,
      nextStart: first.nextStart,
      moreData: true,
    });
    expect(first.nextStart).toBe(Buffer.byteLength(String(first.text)));
    expect(last()).toMatchObject({ path: '/job/team/job/web/1/logText/progressiveText' });
    const second = await run('builds.log', { job: 'team/web', build: 1, start: first.nextStart });
    expect(second).toMatchObject({ text: '[Pipeline] step 2\n', moreData: true });
    const third = await run('builds.log', { job: 'team/web', build: 'lastBuild', start: second.nextStart });
    expect(third).toMatchObject({ text: '[Pipeline] step 3\nFinished: SUCCESS\n', moreData: false });
    expect(await run('builds.get', { job: 'team/web', build: 'lastSuccessfulBuild' })).toMatchObject({
      number: 1,
      result: 'SUCCESS',
      building: false,
    });

    const capped = await run('builds.log', { job: 'team/web', build: 1, maxBytes: 7 });
    expect(capped).toEqual({ text: 'Started', nextStart: 7, moreData: true });
  });

  it('stops a running build', async () => {
    await run('jobs.build', { job: 'team/web', waitForStartSeconds: 5 });
    expect(await run('builds.stop', { job: 'team/web', number: 1 })).toEqual({
      job: 'team/web',
      number: 1,
      stopRequested: true,
    });
    expect(suite.api.requests.some((r) => r.method === 'POST' && r.path === '/job/team/job/web/1/stop')).toBe(true);
    expect(suite.api.jobs.get('team/web')?.builds[0]).toMatchObject({ building: false, result: 'ABORTED' });
  });
});

describe('jobs', () => {
  it('lists the top level, and folders to the depth asked', async () => {
    suite.api.finish('nightly-backup', 'FAILURE');
    const top = await run('jobs.list', {});
    expect(top.jobs).toEqual([
      {
        fullName: 'nightly-backup',
        name: 'nightly-backup',
        kind: 'job',
        class: 'hudson.model.FreeStyleProject',
        color: 'red',
        buildable: true,
        lastBuildNumber: 1,
        url: `${suite.api.url}/job/nightly-backup/`,
      },
      expect.objectContaining({ fullName: 'team', kind: 'folder', color: null }),
    ]);
    const deep = await run('jobs.list', { depth: 2 });
    expect((deep.jobs as { fullName: string }[]).map((j) => j.fullName)).toEqual([
      'nightly-backup',
      'team',
      'team/api',
      'team/api/deploy',
      'team/web',
    ]);
    const folder = await run('jobs.list', { folder: 'team/api' });
    expect(folder.jobs).toEqual([
      expect.objectContaining({ fullName: 'team/api/deploy', color: 'notbuilt', lastBuildNumber: null }),
    ]);
    expect(last()?.path).toBe('/job/team/job/api/api/json');
  });
});

describe('builds.finished trigger', () => {
  it('emits each build once when it has finished, filtered by result', async () => {
    suite.api.finish('team/api/deploy', 'SUCCESS');
    const first = await suite.connector.poll(
      'builds.finished',
      { job: 'team/api/deploy', results: ['FAILURE'] },
      { auth: suite.auth },
    );
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(last()?.query.get('tree')).toMatch(/^builds\[.*\]\{0,20\}$/);
    const anyFirst = await suite.connector.poll('builds.finished', { job: 'team/api/deploy' }, { auth: suite.auth });
    expect(anyFirst.state?.seen).toEqual(['1']);

    suite.api.finish('team/api/deploy', 'FAILURE');
    suite.api.finish('team/api/deploy', 'SUCCESS');
    suite.api.finish('team/api/deploy', 'FAILURE');
    await run('jobs.build', { job: 'team/api/deploy', waitForStartSeconds: 5 });
    const second = await suite.connector.poll(
      'builds.finished',
      { job: 'team/api/deploy', results: ['FAILURE'] },
      { auth: suite.auth, state: first.state },
    );
    expect((second.items as { number: number; result: string }[]).map((b) => [b.number, b.result])).toEqual([
      [2, 'FAILURE'],
      [4, 'FAILURE'],
    ]);
    const any = await suite.connector.poll(
      'builds.finished',
      { job: 'team/api/deploy' },
      { auth: suite.auth, state: anyFirst.state },
    );
    expect((any.items as { number: number }[]).map((b) => b.number)).toEqual([2, 3, 4]);
  });
});

describe('failures', () => {
  it('classifies wrong tokens, unknown jobs, bad parameters and rejected crumbs', async () => {
    const denied = await fail('jobs.list', {}, { ...suite.auth, apiToken: 'wrong' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });

    const missing = await fail('builds.get', { job: 'team/nope', build: 1 });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });

    const plain = await fail('jobs.build', { job: 'nightly-backup', parameters: { ENV: 'x' } });
    expect(plain).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(plain.error?.message).toMatch(/nightly-backup is not parameterized/);

    suite.api.answerNext('GET', '/crumbIssuer/api/json', {
      body: { _class: 'hudson.security.csrf.DefaultCrumbIssuer', crumb: 'stale', crumbRequestField: 'Jenkins-Crumb' },
    });
    const stale = await fail('jobs.build', { job: 'nightly-backup' });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'transient', status: 403 } });
    expect(stale.error?.message).toMatch(/No valid crumb/);
    expect(suite.api.queue.size).toBe(0);
  });
});

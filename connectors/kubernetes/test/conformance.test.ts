import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, type KubeReference, startKube, TOKEN } from './kube-api.js';

// Every action through the sandbox users run it in (worker thread, egress limited to the host the
// connection's server or kubeconfig names), against the loopback API server of kube-api.ts (its
// header names the Kubernetes API pages each route follows). The cluster is reached the way any is:
// through the connection's URL (network.connectionHosts), not a test-only allowance.
let kube: KubeReference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

const pod = (name: string, labels: Record<string, string>, containers: string[], phase = 'Running') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'shop', labels },
  spec: { nodeName: 'node-a', containers: containers.map((c) => ({ name: c, image: `ghcr.io/acme/${c}:2.4.0` })) },
  status: {
    phase,
    podIP: '10.42.0.7',
    containerStatuses: containers.map((c, i) => ({
      name: c,
      image: `ghcr.io/acme/${c}:2.4.0`,
      imageID: '',
      ready: phase === 'Running' && i === 0,
      restartCount: i === 0 ? 2 : 0,
      state: i === 0 ? { running: { startedAt: '2026-05-01T11:00:00Z' } } : { waiting: { reason: 'CrashLoopBackOff' } },
    })),
  },
});

beforeAll(async () => {
  kube = await startKube();
  for (const [name, labels] of [
    ['default', {}],
    ['shop', { team: 'payments' }],
    ['kube-system', {}],
  ] as const) {
    kube.put('namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels },
      status: { phase: 'Active' },
    });
  }
  kube.put('pods', pod('web-7d4b9c6f5-x2x7k', { app: 'web' }, ['app']));
  kube.put('pods', pod('web-7d4b9c6f5-q9z8m', { app: 'web' }, ['app']));
  kube.put('pods', pod('api-0', { app: 'api' }, ['api', 'proxy']));
  kube.put('pods', pod('batch-1', { app: 'batch' }, ['batch'], 'Succeeded'));
  kube.logs.set('shop/web-7d4b9c6f5-x2x7k/app', {
    current: [
      '2026-05-01T11:58:00Z GET / 200',
      '2026-05-01T11:59:00Z GET /cart 200',
      '2026-05-01T11:59:30Z GET /pay 502',
    ],
    previous: ['2026-05-01T10:59:58Z panic: nil map', '2026-05-01T10:59:59Z exit status 2'],
  });
  kube.logs.set('shop/api-0/proxy', { current: ['2026-05-01T11:00:00Z listening on :8080'], previous: [] });
  kube.put('deployments', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            { name: 'app', image: 'ghcr.io/acme/web:2.4.0', env: [{ name: 'MODE', value: 'prod' }] },
            { name: 'proxy', image: 'envoyproxy/envoy:v1.31' },
          ],
        },
      },
    },
    status: {
      replicas: 3,
      readyReplicas: 3,
      updatedReplicas: 3,
      availableReplicas: 3,
      observedGeneration: 1,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
      ],
    },
  });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { server: kube.url, token: TOKEN };
});
afterAll(async () => {
  await connector?.close();
  await kube?.close();
});

type Out = Record<string, unknown>;
const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => kube.server.requests.at(-1);
const web = () => kube.objects.get('deployments/shop/web') as Out;
const template = () => (web().spec as Out).template as Out;

describe('every example in the manifest', () => {
  it('runs against the API server and gives the output it shows', async () => {
    const order = [
      'namespaces.list',
      'pods.list',
      'pods.get',
      'pods.logs',
      'deployments.get',
      'deployments.scale',
      'deployments.restart',
      'deployments.setImage',
      'jobs.create',
      'jobs.get',
      'manifests.apply',
    ];
    await runExamples(order);
    expect((web().spec as Out).replicas).toBe(5);
    expect(kube.objects.get('configmaps/shop/web-settings')).toMatchObject({ data: { FEATURE_CHECKOUT_V2: 'true' } });
    expect(kube.objects.get('jobs/shop/migrate-2-4-1')).toBeDefined();
    expect(kube.server.unmatched).toEqual([]);
  });
});

describe('pods and namespaces', () => {
  it('lists pods by selectors, page by page with continue', async () => {
    const first = await run('pods.list', { namespace: 'shop', fieldSelector: 'status.phase=Running', limit: 2 });
    expect(last()?.query.get('fieldSelector')).toBe('status.phase=Running');
    expect((first.pods as Out[]).map((p) => p.name)).toEqual(['api-0', 'web-7d4b9c6f5-q9z8m']);
    expect(first.continue).toEqual(expect.any(String));
    const second = await run('pods.list', {
      namespace: 'shop',
      fieldSelector: 'status.phase=Running',
      limit: 2,
      continue: first.continue,
    });
    expect((second.pods as Out[]).map((p) => p.name)).toEqual(['web-7d4b9c6f5-x2x7k']);
    expect(second.continue).toBeNull();
    const notWeb = await run('pods.list', { namespace: 'shop', labelSelector: 'app!=web' });
    expect((notWeb.pods as Out[]).map((p) => p.name)).toEqual(['api-0', 'batch-1']);
    expect((notWeb.pods as Out[])[0]).toEqual({
      name: 'api-0',
      namespace: 'shop',
      phase: 'Running',
      ready: false,
      restarts: 2,
      podIP: '10.42.0.7',
      nodeName: 'node-a',
      labels: { app: 'api' },
      containers: [
        { name: 'api', image: 'ghcr.io/acme/api:2.4.0', ready: true, restartCount: 2, state: 'running' },
        {
          name: 'proxy',
          image: 'ghcr.io/acme/proxy:2.4.0',
          ready: false,
          restartCount: 0,
          state: 'waiting: CrashLoopBackOff',
        },
      ],
      createdAt: '2026-05-01T08:00:00.000Z',
    });
    expect(await fail('pods.get', { namespace: 'shop', name: 'gone' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('pods "gone" not found') },
    });
  });

  it('reads logs: tail, timestamps, previous instance, and the container a multi-container pod needs', async () => {
    const tail = await run('pods.logs', {
      namespace: 'shop',
      name: 'web-7d4b9c6f5-x2x7k',
      tailLines: 2,
      timestamps: true,
    });
    expect(last()?.query.get('tailLines')).toBe('2');
    expect(tail).toEqual({ log: '2026-05-01T11:59:00Z GET /cart 200\n2026-05-01T11:59:30Z GET /pay 502\n' });
    const previous = await run('pods.logs', { namespace: 'shop', name: 'web-7d4b9c6f5-x2x7k', previous: true });
    expect(previous).toEqual({ log: 'panic: nil map\nexit status 2\n' });
    expect(await fail('pods.logs', { namespace: 'shop', name: 'api-0' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining('choose one of: [api proxy]') },
    });
    expect(await run('pods.logs', { namespace: 'shop', name: 'api-0', container: 'proxy' })).toEqual({
      log: 'listening on :8080\n',
    });
  });

  it('lists namespaces by label', async () => {
    expect(await run('namespaces.list', { labelSelector: 'team=payments' })).toEqual({
      namespaces: [
        { name: 'shop', phase: 'Active', labels: { team: 'payments' }, createdAt: '2026-05-01T08:00:00.000Z' },
      ],
    });
  });
});

describe('deployments', () => {
  it('scales through the scale subresource with a merge patch', async () => {
    const scaled = await run('deployments.scale', { namespace: 'shop', name: 'web', replicas: 2 });
    expect(last()).toMatchObject({
      method: 'PATCH',
      path: '/apis/apps/v1/namespaces/shop/deployments/web/scale',
      headers: { 'content-type': 'application/merge-patch+json' },
      body: { spec: { replicas: 2 } },
    });
    expect(scaled).toEqual({ name: 'web', namespace: 'shop', replicas: 2, currentReplicas: 3 });
  });

  it('restarts by stamping the pod template, keeping the other annotations and containers', async () => {
    const restarted = await run('deployments.restart', { namespace: 'shop', name: 'web' });
    expect(last()?.headers['content-type']).toBe('application/strategic-merge-patch+json');
    const stamp = ((template().metadata as Out).annotations as Out)['kubectl.kubernetes.io/restartedAt'];
    expect(Date.now() - Date.parse(String(stamp))).toBeLessThan(60_000);
    expect(restarted).toMatchObject({ name: 'web', restartedAt: stamp, images: { proxy: 'envoyproxy/envoy:v1.31' } });
  });

  it('sets one container’s image by name and leaves the other, refusing an unknown container', async () => {
    const updated = await run('deployments.setImage', {
      namespace: 'shop',
      name: 'web',
      images: { proxy: 'envoyproxy/envoy:v1.32' },
    });
    expect(last()?.body).toEqual({
      spec: { template: { spec: { containers: [{ name: 'proxy', image: 'envoyproxy/envoy:v1.32' }] } } },
    });
    expect(updated.images).toEqual({ app: 'ghcr.io/acme/web:2.4.1', proxy: 'envoyproxy/envoy:v1.32' });
    // The strategic merge kept the app container's other fields.
    expect(((template().spec as Out).containers as Out[])[0]).toMatchObject({ env: [{ name: 'MODE', value: 'prod' }] });
    const before = kube.server.requests.length;
    expect(
      await fail('deployments.setImage', { namespace: 'shop', name: 'web', images: { db: 'postgres:17' } }),
    ).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('no container named db') },
    });
    expect(kube.server.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
  });
});

describe('jobs and server-side apply', () => {
  it('creates a job with its pod template, reads it, and refuses a second one of the same name', async () => {
    const job = await run('jobs.create', {
      namespace: 'shop',
      name: 'reindex',
      image: 'ghcr.io/acme/tools:1',
      command: ['/bin/reindex'],
      args: ['--all'],
      env: { BATCH: '500' },
      labels: { task: 'reindex' },
      backoffLimit: 2,
      activeDeadlineSeconds: 600,
    });
    expect(last()?.body).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'reindex', namespace: 'shop', labels: { task: 'reindex' } },
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: 600,
        template: {
          spec: {
            restartPolicy: 'Never',
            containers: [
              {
                name: 'job',
                image: 'ghcr.io/acme/tools:1',
                command: ['/bin/reindex'],
                args: ['--all'],
                env: [{ name: 'BATCH', value: '500' }],
              },
            ],
          },
        },
      },
    });
    expect(job).toMatchObject({
      name: 'reindex',
      namespace: 'shop',
      state: 'running',
      active: 1,
      startTime: '2026-05-01T12:00:00.000Z',
    });
    const stored = kube.objects.get('jobs/shop/reindex') as Out;
    stored.status = {
      succeeded: 1,
      startTime: '2026-05-01T12:00:00Z',
      completionTime: '2026-05-01T12:03:00Z',
      conditions: [{ type: 'Complete', status: 'True' }],
    };
    expect(await run('jobs.get', { namespace: 'shop', name: 'reindex' })).toMatchObject({
      state: 'complete',
      succeeded: 1,
      active: 0,
      completionTime: '2026-05-01T12:03:00.000Z',
    });
    expect(await fail('jobs.create', { namespace: 'shop', name: 'reindex', image: 'x' })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 409, message: expect.stringContaining('already exists') },
    });
  });

  it('applies a multi-document manifest, reports conflicts with another manager, and forces', async () => {
    const manifest = [
      'apiVersion: v1',
      'kind: Namespace',
      'metadata:',
      '  name: staging',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: flags',
      '  namespace: staging',
      'data:',
      '  DARK_MODE: "on"',
    ].join('\n');
    const applied = await run('manifests.apply', { manifest, fieldManager: 'ci' });
    expect(applied.objects).toEqual([
      {
        apiVersion: 'v1',
        kind: 'Namespace',
        name: 'staging',
        namespace: null,
        uid: expect.any(String),
        resourceVersion: expect.any(String),
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        name: 'flags',
        namespace: 'staging',
        uid: expect.any(String),
        resourceVersion: expect.any(String),
      },
    ]);
    expect(last()).toMatchObject({
      method: 'PATCH',
      path: '/api/v1/namespaces/staging/configmaps/flags',
      headers: { 'content-type': 'application/apply-patch+yaml' },
    });
    expect(last()?.query.get('fieldManager')).toBe('ci');

    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'flags', namespace: 'staging' },
      data: { DARK_MODE: 'off' },
    });
    expect(await fail('manifests.apply', { manifest: json, fieldManager: 'ops' })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 409, message: expect.stringContaining('conflict with "ci": .data.DARK_MODE') },
    });
    const dry = await run('manifests.apply', { manifest: json, fieldManager: 'ops', force: true, dryRun: true });
    expect(last()?.query.get('dryRun')).toBe('All');
    expect((dry.objects as Out[])[0]?.uid).toBe('dry-run');
    expect(kube.objects.get('configmaps/staging/flags')).toMatchObject({ data: { DARK_MODE: 'on' } });
    await run('manifests.apply', { manifest: json, fieldManager: 'ops', force: true });
    expect(last()?.query.get('force')).toBe('true');
    expect(kube.objects.get('configmaps/staging/flags')).toMatchObject({ data: { DARK_MODE: 'off' } });

    expect(await fail('manifests.apply', { manifest: 'kind: ConfigMap\nmetadata: {}\n' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('lacks apiVersion, kind or metadata.name') },
    });
  });
});

describe('connection', () => {
  const kubeconfig = (server: string, token = TOKEN) =>
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: loop',
      '  cluster:',
      `    server: ${server}`,
      'users:',
      '- name: robot',
      '  user:',
      `    token: ${token}`,
      'contexts:',
      '- name: loop',
      '  context: {cluster: loop, user: robot, namespace: shop}',
      'current-context: loop',
    ].join('\n');

  it('works with a kubeconfig for the credentials', async () => {
    const result = await run(
      'namespaces.list',
      {},
      { server: kube.url, kubeconfig: kubeconfig('https://kube.example.com:6443') },
    );
    expect(result).toMatchObject({ namespaces: expect.arrayContaining([expect.objectContaining({ name: 'shop' })]) });
    expect(last()?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    const second = kubeconfig('https://kube.example.com:6443', 'wrong')
      .replace('current-context: loop', `- name: other\n  context: {cluster: loop, user: admin}\ncurrent-context: loop`)
      .replace('contexts:', `- name: admin\n  user:\n    token: ${TOKEN}\ncontexts:`);
    expect(await run('namespaces.list', {}, { server: kube.url, kubeconfig: second, context: 'other' })).toMatchObject({
      namespaces: expect.any(Array),
    });
  });

  it('refuses exec-plugin users and certificate files, and a kubeconfig without server, before connecting', async () => {
    const before = kube.server.requests.length;
    const exec = kubeconfig(kube.url).replace(
      `    token: ${TOKEN}`,
      '    exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws}',
    );
    expect(await fail('namespaces.list', {}, { server: kube.url, kubeconfig: exec })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('exec plugin') },
    });
    const files = kubeconfig(kube.url).replace(
      `    token: ${TOKEN}`,
      '    client-certificate: /home/me/.kube/cert.pem\n    client-key: /home/me/.kube/key.pem',
    );
    expect(await fail('namespaces.list', {}, { server: kube.url, kubeconfig: files })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('certificate files') },
    });
    await expect(fail('namespaces.list', {}, { kubeconfig: kubeconfig(kube.url) })).rejects.toThrow(
      /connection is invalid.*server/,
    );
    expect(kube.server.requests.length).toBe(before);
  });

  it('verifies the API server by the cluster CA', async () => {
    const server = await kube.tls();
    expect(
      await run('pods.get', { namespace: 'shop', name: 'api-0' }, { server, token: TOKEN, ca: fixture('ca.pem') }),
    ).toMatchObject({
      name: 'api-0',
    });
    expect(await fail('pods.get', { namespace: 'shop', name: 'api-0' }, { server, token: TOKEN })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth' },
    });
  });

  it('classifies 401 and 429 with Retry-After', async () => {
    expect(await fail('pods.list', { namespace: 'shop' }, { server: kube.url, token: 'expired' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401 },
    });
    kube.server.answerNext('GET', '/api/v1/namespaces/:ns/pods', {
      status: 429,
      headers: { 'retry-after': '3' },
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        status: 'Failure',
        message: 'Too many requests, please try again later.',
        reason: 'TooManyRequests',
        code: 429,
      },
    });
    expect(await fail('pods.list', { namespace: 'shop' })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 3, message: expect.stringContaining('Too many requests') },
    });
  });
});

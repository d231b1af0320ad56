// A Kubernetes API server on loopback for the conformance tests. No cluster (kind, k3s, envtest's
// kube-apiserver binary) can be installed from npm or Debian here, so this server answers the REST
// API the way the Kubernetes API reference and "API Concepts" say (https://kubernetes.io/docs/reference/
// kubernetes-api/, https://kubernetes.io/docs/reference/using-api/api-concepts/), on the paths
// @kubernetes/client-node calls:
// - Authentication (https://kubernetes.io/docs/reference/access-authn-authz/authentication/):
//   `Authorization: Bearer <token>`; 401 Status reason Unauthorized otherwise.
// - Errors: a Status object {kind: "Status", status: "Failure", message, reason, code}
//   (NotFound, AlreadyExists, BadRequest, Invalid, Conflict, TooManyRequests with Retry-After).
// - Discovery (https://kubernetes.io/docs/reference/using-api/api-concepts/#discovery-api):
//   GET /api/v1, /apis/apps/v1, /apis/batch/v1 give APIResourceLists (name, kind, namespaced).
// - Lists with limit and continue ("Retrieving large results sets in chunks"): metadata.continue.
// - Pods (core/v1): GET /api/v1/namespaces/{ns}/pods (labelSelector =, !=; fieldSelector
//   status.phase), GET …/pods/{name}, GET …/pods/{name}/log (container required when the pod has
//   several, tailLines, sinceSeconds, timestamps, previous, limitBytes; text/plain).
// - Namespaces: GET /api/v1/namespaces.
// - Deployments (apps/v1): GET and PATCH /apis/apps/v1/namespaces/{ns}/deployments/{name}
//   (application/strategic-merge-patch+json merges containers by name, merge-patch+json replaces
//   lists; https://kubernetes.io/docs/tasks/manage-kubernetes-objects/update-api-object-kubectl-patch/),
//   PATCH …/deployments/{name}/scale (Scale subresource).
// - Jobs (batch/v1): POST /apis/batch/v1/namespaces/{ns}/jobs (201; 409 AlreadyExists; 422 Invalid
//   without containers or with restartPolicy Always), GET …/jobs/{name}.
// - Server-side apply (https://kubernetes.io/docs/reference/using-api/server-side-apply/): PATCH with
//   application/apply-patch+yaml and fieldManager (400 without), creating or updating the object;
//   a field another manager set to another value is a 409 Conflict unless force=true; dryRun=All
//   answers without saving.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import {
  type ReferenceReply,
  type ReferenceRequest,
  type ReferenceServer,
  startReferenceServer,
} from '@mova/sdk/testing';

export const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

export const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.reference-service-account-token';

type Json = Record<string, unknown>;

export interface KubeReference {
  url: string;
  server: ReferenceServer;
  /** Objects by "<plural>/<namespace>/<name>" (namespace empty for cluster-scoped kinds). */
  objects: Map<string, Json>;
  /** Logs by "<namespace>/<pod>/<container>", current and previous instance. */
  logs: Map<string, { current: string[]; previous: string[] }>;
  /** Field owners of applied objects: key → field path → manager. */
  owners: Map<string, Map<string, string>>;
  put(plural: string, object: Json): Json;
  /** An https front for the same API server, with a certificate of the test cluster CA. */
  tls(): Promise<string>;
  close(): Promise<void>;
}

const KINDS: Record<string, { group: string; kind: string; plural: string; namespaced: boolean }[]> = {
  v1: [
    { group: 'v1', kind: 'Pod', plural: 'pods', namespaced: true },
    { group: 'v1', kind: 'Namespace', plural: 'namespaces', namespaced: false },
    { group: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true },
    { group: 'v1', kind: 'Service', plural: 'services', namespaced: true },
  ],
  'apps/v1': [{ group: 'apps/v1', kind: 'Deployment', plural: 'deployments', namespaced: true }],
  'batch/v1': [{ group: 'batch/v1', kind: 'Job', plural: 'jobs', namespaced: true }],
};

const status = (code: number, reason: string, message: string, headers?: Record<string, string>): ReferenceReply => ({
  status: code,
  ...(headers ? { headers } : {}),
  body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code },
});

const fields = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.fromEntries(Object.entries(value)) : {};

/** RFC 7386 JSON merge patch: objects merge, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out = fields(target);
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

/** A strategic merge patch as far as these kinds need it: lists of containers and env merge by name. */
export function strategicMergePatch(target: unknown, patch: unknown, key = ''): unknown {
  if (Array.isArray(patch) && Array.isArray(target) && ['containers', 'initContainers', 'env'].includes(key)) {
    const merged = target.map((item) => ({ ...fields(item) }));
    for (const item of patch) {
      const name = fields(item).name;
      const index = merged.findIndex((existing) => existing.name === name);
      if (index >= 0) merged[index] = fields(strategicMergePatch(merged[index], item));
      else merged.push(fields(item));
    }
    return merged;
  }
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) return patch;
  const out = fields(target);
  for (const [k, value] of Object.entries(patch)) {
    if (value === null) delete out[k];
    else out[k] = strategicMergePatch(out[k], value, k);
  }
  return out;
}

/** Leaf paths of an object ("data.KEY", "spec.replicas"), for field ownership. */
function leaves(value: unknown, prefix = ''): [string, unknown][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [[prefix, value]];
  return Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

export async function startKube(): Promise<KubeReference> {
  const server = await startReferenceServer({
    check: (request) =>
      request.headers.authorization === `Bearer ${TOKEN}` ? undefined : status(401, 'Unauthorized', 'Unauthorized'),
  });
  const objects = new Map<string, Json>();
  const logs = new Map<string, { current: string[]; previous: string[] }>();
  const owners = new Map<string, Map<string, string>>();
  let version = 1000;
  let uid = 0;

  function put(plural: string, object: Json): Json {
    const metadata = fields(object.metadata);
    const key = `${plural}/${metadata.namespace ?? ''}/${metadata.name}`;
    const previous = objects.get(key);
    const stored: Json = {
      ...object,
      metadata: {
        creationTimestamp: fields(previous?.metadata).creationTimestamp ?? '2026-05-01T08:00:00Z',
        uid: fields(previous?.metadata).uid ?? `00000000-0000-4000-8000-${String(++uid).padStart(12, '0')}`,
        generation: Number(fields(previous?.metadata).generation ?? 0) + 1,
        ...metadata,
        resourceVersion: String(++version),
      },
    };
    objects.set(key, stored);
    return stored;
  }
  const get = (plural: string, namespace: string, name: string) => objects.get(`${plural}/${namespace}/${name}`);
  const all = (plural: string, namespace?: string) =>
    [...objects.entries()]
      .filter(([key]) => key.startsWith(`${plural}/${namespace === undefined ? '' : `${namespace}/`}`))
      .map(([, object]) => object);

  /** A label selector of `k=v`, `k!=v`, `k` terms. */
  const selects = (selector: string | null, labels: unknown) => {
    if (!selector) return true;
    const have = fields(labels);
    return selector.split(',').every((term) => {
      const not = /^([^!=]+)!=(.*)$/.exec(term);
      if (not) return have[not[1] ?? ''] !== not[2];
      const eq = /^([^=]+)==?(.*)$/.exec(term);
      if (eq) return have[eq[1] ?? ''] === eq[2];
      return term in have;
    });
  };

  function list(request: ReferenceRequest, kind: string, items: Json[]): ReferenceReply {
    const q = request.query;
    const field = q.get('fieldSelector');
    if (field && !/^status\.phase(=|==|!=)[A-Za-z]+$/.test(field) && !/^metadata\.name==?[a-z0-9-]+$/.test(field)) {
      return status(
        400,
        'BadRequest',
        `"${field}" is not a known field selector: only "metadata.name", "status.phase"`,
      );
    }
    const matched = items
      .filter((item) => selects(q.get('labelSelector'), fields(item.metadata).labels))
      .filter((item) => {
        if (!field) return true;
        const [, path = '', op = '', value = ''] = /^([a-z.]+)(==|=|!=)(.*)$/i.exec(field) ?? [];
        const actual = path === 'status.phase' ? fields(item.status).phase : fields(item.metadata).name;
        return op === '!=' ? actual !== value : actual === value;
      })
      .sort((a, b) => String(fields(a.metadata).name).localeCompare(String(fields(b.metadata).name)));
    const limit = Number(q.get('limit') ?? 0);
    const offset = q.get('continue') ? Number(Buffer.from(String(q.get('continue')), 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) return status(400, 'BadRequest', 'continue key is not valid');
    const page = limit > 0 ? matched.slice(offset, offset + limit) : matched.slice(offset);
    const more = limit > 0 && offset + limit < matched.length;
    return {
      body: {
        kind: `${kind}List`,
        apiVersion: kind === 'Pod' || kind === 'Namespace' ? 'v1' : 'apps/v1',
        metadata: {
          resourceVersion: String(version),
          ...(more ? { continue: Buffer.from(String(offset + limit)).toString('base64url') } : {}),
        },
        items: page,
      },
    };
  }

  // Discovery.
  const discovery = (groupVersion: string) => () => ({
    body: {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: (KINDS[groupVersion] ?? []).map((r) => ({
        name: r.plural,
        singularName: r.kind.toLowerCase(),
        namespaced: r.namespaced,
        kind: r.kind,
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      })),
    },
  });
  server.route('GET', '/api/v1', discovery('v1'));
  server.route('GET', '/apis/apps/v1', discovery('apps/v1'));
  server.route('GET', '/apis/batch/v1', discovery('batch/v1'));
  server.route('GET', '/version', () => ({
    body: { major: '1', minor: '33', gitVersion: 'v1.33.1', platform: 'linux/amd64' },
  }));

  // Namespaces and pods.
  server.route('GET', '/api/v1/namespaces', (request) => list(request, 'Namespace', all('namespaces', '')));
  server.route('GET', '/api/v1/namespaces/:ns/pods', (request) => list(request, 'Pod', all('pods', request.params.ns)));
  server.route('GET', '/api/v1/namespaces/:ns/pods/:name', ({ params }) => {
    const pod = get('pods', params.ns ?? '', params.name ?? '');
    return pod ? { body: pod } : status(404, 'NotFound', `pods "${params.name}" not found`);
  });
  server.route('GET', '/api/v1/namespaces/:ns/pods/:name/log', ({ params, query }) => {
    const pod = get('pods', params.ns ?? '', params.name ?? '');
    if (!pod) return status(404, 'NotFound', `pods "${params.name}" not found`);
    const containers = (fields(pod.spec).containers as Json[]).map((c) => String(c.name));
    const container = query.get('container') ?? (containers.length === 1 ? containers[0] : undefined);
    if (!container) {
      return status(
        400,
        'BadRequest',
        `a container name must be specified for pod ${params.name}, choose one of: [${containers.join(' ')}]`,
      );
    }
    if (!containers.includes(container)) {
      return status(400, 'BadRequest', `container ${container} is not valid for pod ${params.name}`);
    }
    const log = logs.get(`${params.ns}/${params.name}/${container}`) ?? { current: [], previous: [] };
    const previous = query.get('previous') === 'true';
    if (previous && log.previous.length === 0) {
      return status(
        400,
        'BadRequest',
        `previous terminated container "${container}" in pod "${params.name}" not found`,
      );
    }
    let lines = previous ? log.previous : log.current;
    const sinceSeconds = query.get('sinceSeconds');
    if (sinceSeconds) {
      const from = Date.parse('2026-05-01T12:00:00Z') - Number(sinceSeconds) * 1000;
      lines = lines.filter((line) => Date.parse(line.split(' ')[0] ?? '') >= from);
    }
    const tail = query.get('tailLines');
    if (tail) lines = lines.slice(-Number(tail));
    const timestamps = query.get('timestamps') === 'true';
    let text = lines.map((line) => `${timestamps ? line : line.slice(line.indexOf(' ') + 1)}\n`).join('');
    const limitBytes = query.get('limitBytes');
    if (limitBytes) text = Buffer.from(text).subarray(0, Number(limitBytes)).toString();
    return { headers: { 'content-type': 'text/plain' }, body: text };
  });

  // Deployments.
  const deployment = (request: ReferenceRequest) =>
    get('deployments', request.params.ns ?? '', request.params.name ?? '');
  server.route('GET', '/apis/apps/v1/namespaces/:ns/deployments/:name', (request) => {
    const found = deployment(request);
    return found ? { body: found } : status(404, 'NotFound', `deployments.apps "${request.params.name}" not found`);
  });
  server.route('PATCH', '/apis/apps/v1/namespaces/:ns/deployments/:name/scale', (request) => {
    const found = deployment(request);
    if (!found) return status(404, 'NotFound', `deployments.apps "${request.params.name}" not found`);
    if (
      request.headers['content-type'] !== 'application/merge-patch+json' &&
      request.headers['content-type'] !== 'application/strategic-merge-patch+json'
    ) {
      return status(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    }
    const replicas = fields(fields(request.body).spec).replicas;
    if (typeof replicas !== 'number' || replicas < 0)
      return status(422, 'Invalid', 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value');
    const current = fields(found.status).replicas ?? 0;
    const stored = put('deployments', { ...found, spec: { ...fields(found.spec), replicas } });
    const meta = fields(stored.metadata);
    return {
      body: {
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: meta.name, namespace: meta.namespace, uid: meta.uid, resourceVersion: meta.resourceVersion },
        spec: { replicas },
        status: { replicas: current, selector: 'app=web' },
      },
    };
  });

  // Server-side apply and patches, for every kind the discovery lists.
  const patchRoute = (prefix: string, plural: string, namespaced: boolean) => {
    const pattern = namespaced ? `${prefix}/namespaces/:ns/${plural}/:name` : `${prefix}/${plural}/:name`;
    server.route('PATCH', pattern, (request) => {
      const namespace = namespaced ? (request.params.ns ?? '') : '';
      const name = request.params.name ?? '';
      const key = `${plural}/${namespace}/${name}`;
      const existing = objects.get(key);
      const type = request.headers['content-type'];
      // An apply patch is YAML, which JSON is; the client sends JSON (this reference reads no other YAML).
      let patch: Json;
      try {
        patch = fields(typeof request.body === 'string' ? JSON.parse(request.body) : request.body);
      } catch {
        return status(400, 'BadRequest', 'this reference reads apply patches written as JSON only');
      }
      if (type === 'application/apply-patch+yaml') {
        const manager = request.query.get('fieldManager');
        if (!manager) {
          return status(
            422,
            'Invalid',
            'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
          );
        }
        if (fields(patch.metadata).name !== name)
          return status(400, 'BadRequest', 'the name of the object does not match the name on the URL');
        const owned = owners.get(key) ?? new Map<string, string>();
        const current = leaves(existing ?? {});
        const conflicts = leaves(patch)
          .filter(([path]) => !path.startsWith('metadata.') && path !== 'apiVersion' && path !== 'kind')
          .filter(([path, value]) => {
            const owner = owned.get(path);
            const have = current.find(([p]) => p === path)?.[1];
            return owner !== undefined && owner !== manager && have !== value;
          });
        if (conflicts.length > 0 && request.query.get('force') !== 'true') {
          return status(
            409,
            'Conflict',
            `Apply failed with ${conflicts.length} conflict${conflicts.length > 1 ? 's' : ''}: ${conflicts.map(([path]) => `conflict with "${owned.get(path)}": .${path}`).join(', ')}`,
          );
        }
        const merged = fields(mergePatch(existing ?? {}, patch));
        merged.metadata = { ...fields(merged.metadata), ...(namespaced ? { namespace } : {}), name };
        if (request.query.get('dryRun') === 'All')
          return { body: { ...merged, metadata: { ...fields(merged.metadata), uid: 'dry-run' } } };
        for (const [path] of leaves(patch)) if (!path.startsWith('metadata.')) owned.set(path, manager);
        owners.set(key, owned);
        const stored = put(plural, merged);
        return { status: existing ? 200 : 201, body: stored };
      }
      if (!existing) return status(404, 'NotFound', `${plural} "${name}" not found`);
      if (type === 'application/strategic-merge-patch+json')
        return { body: put(plural, fields(strategicMergePatch(existing, patch))) };
      if (type === 'application/merge-patch+json') return { body: put(plural, fields(mergePatch(existing, patch))) };
      return status(415, 'UnsupportedMediaType', `the body of the request was in an unknown format: ${type}`);
    });
  };
  patchRoute('/api/v1', 'configmaps', true);
  patchRoute('/api/v1', 'services', true);
  patchRoute('/api/v1', 'namespaces', false);
  patchRoute('/apis/apps/v1', 'deployments', true);

  // Jobs.
  server.route('POST', '/apis/batch/v1/namespaces/:ns/jobs', (request) => {
    const job = fields(request.body);
    const metadata = fields(job.metadata);
    const podSpec = fields(fields(fields(job.spec).template).spec);
    const containers = Array.isArray(podSpec.containers) ? podSpec.containers : [];
    if (!metadata.name)
      return status(
        422,
        'Invalid',
        'Job.batch "" is invalid: metadata.name: Required value: name or generateName is required',
      );
    if (containers.length === 0 || containers.some((c) => !fields(c).image)) {
      return status(
        422,
        'Invalid',
        `Job.batch "${metadata.name}" is invalid: spec.template.spec.containers[0].image: Required value`,
      );
    }
    if (!['Never', 'OnFailure'].includes(String(podSpec.restartPolicy))) {
      return status(
        422,
        'Invalid',
        `Job.batch "${metadata.name}" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"`,
      );
    }
    if (metadata.namespace && metadata.namespace !== request.params.ns) {
      return status(
        400,
        'BadRequest',
        'the namespace of the provided object does not match the namespace sent on the request',
      );
    }
    if (get('jobs', request.params.ns ?? '', String(metadata.name))) {
      return status(409, 'AlreadyExists', `jobs.batch "${metadata.name}" already exists`);
    }
    const stored = put('jobs', {
      ...job,
      metadata: { ...metadata, namespace: request.params.ns },
      status: { active: 1, startTime: '2026-05-01T12:00:00Z', ready: 0, terminating: 0 },
    });
    return { status: 201, body: stored };
  });
  server.route('GET', '/apis/batch/v1/namespaces/:ns/jobs/:name', ({ params }) => {
    const job = get('jobs', params.ns ?? '', params.name ?? '');
    return job ? { body: job } : status(404, 'NotFound', `jobs.batch "${params.name}" not found`);
  });

  let front: tls.Server | undefined;
  return {
    url: server.url,
    server,
    objects,
    logs,
    owners,
    put,
    async tls() {
      const port = Number(new URL(server.url).port);
      front = tls.createServer({ key: fixture('server-key.pem'), cert: fixture('server-cert.pem') }, (socket) => {
        const upstream = net.connect(port, '127.0.0.1');
        socket.pipe(upstream).pipe(socket);
        socket.on('error', () => upstream.destroy());
        upstream.on('error', () => socket.destroy());
      });
      await new Promise<void>((resolve) => front?.listen(0, '127.0.0.1', resolve));
      const address = front.address();
      return `https://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    },
    async close() {
      await new Promise<void>((resolve) => (front ? front.close(() => resolve()) : resolve()));
      await server.close();
    },
  };
}

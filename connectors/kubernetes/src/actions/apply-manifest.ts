import { type KubernetesObject, KubernetesObjectApi, loadYaml, PatchStrategy } from '@kubernetes/client-node';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withKubernetes } from '../client.js';

export const applyManifest = defineAction({
  auth,
  key: 'manifests.apply',
  title: 'Apply a manifest',
  description:
    'Creates or updates the objects of a YAML or JSON manifest with server-side apply (kubectl apply --server-side): the API server merges each object under the field manager, and reports conflicts with fields other managers own unless force is set.',
  input: Type.Object({
    manifest: Type.String({
      minLength: 1,
      description:
        'One or more objects as YAML (documents separated by ---) or JSON, each with apiVersion, kind and metadata.name',
    }),
    namespace: Type.Optional(
      Type.String({
        pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
        description: 'Namespace for objects that name none (namespaced kinds only)',
      }),
    ),
    fieldManager: Type.String({
      pattern: '^[A-Za-z0-9._-]{1,128}$',
      default: 'mova',
      description: 'Field manager name (default mova)',
    }),
    force: Type.Boolean({
      default: false,
      description: 'Take over fields another manager owns instead of failing with a conflict',
    }),
    dryRun: Type.Boolean({
      default: false,
      description: 'Have the server check and merge without saving (dryRun=All)',
    }),
  }),
  output: Type.Object({
    objects: Type.Array(
      Type.Object({
        apiVersion: Type.String({ description: 'API version' }),
        kind: Type.String({ description: 'Kind' }),
        name: Type.String({ description: 'Name' }),
        namespace: Type.Union([Type.String(), Type.Null()], {
          description: 'Namespace, null for cluster-scoped kinds',
        }),
        uid: Type.String({ description: 'Object UID' }),
        resourceVersion: Type.String({ description: 'Resource version after the apply' }),
      }),
      { description: 'Each object as the server holds it after the apply, in manifest order' },
    ),
  }),
  examples: [
    {
      title: 'Apply a ConfigMap',
      input: {
        namespace: 'shop',
        manifest:
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web-settings\ndata:\n  FEATURE_CHECKOUT_V2: "true"\n',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const objects = parseManifest(input.manifest, ctx.actionKey);
    return withKubernetes(auth, ctx, async (kc) => {
      const client = KubernetesObjectApi.makeApiClient(kc);
      const applied = [];
      for (const object of objects) {
        const spec = {
          ...object,
          metadata: { ...object.metadata, namespace: object.metadata?.namespace ?? input.namespace },
        };
        const result = await client.patch(
          spec,
          undefined,
          input.dryRun ? 'All' : undefined,
          input.fieldManager,
          input.force,
          PatchStrategy.ServerSideApply,
        );
        applied.push({
          apiVersion: result.apiVersion ?? spec.apiVersion ?? '',
          kind: result.kind ?? spec.kind ?? '',
          name: result.metadata?.name ?? '',
          namespace: result.metadata?.namespace ?? null,
          uid: result.metadata?.uid ?? '',
          resourceVersion: result.metadata?.resourceVersion ?? '',
        });
      }
      return { objects: applied };
    });
  },
});

/** The manifest's objects (YAML documents or JSON, a List's items spread), each checked for what apply needs. */
export function parseManifest(manifest: string, actionKey?: string): KubernetesObject[] {
  let documents: unknown[];
  try {
    // Documents one by one: the client's loadAllYaml trips over an empty document (a stray ---).
    documents = manifest
      .split(/^---[ \t]*(?:#.*)?$/m)
      .filter((document) => document.replace(/#.*$/gm, '').trim() !== '')
      .map((document) => loadYaml<unknown>(document));
  } catch (error) {
    throw new ConnectorError(
      `the manifest is not valid YAML or JSON: ${error instanceof Error ? error.message : String(error)}`,
      {
        kind: 'invalid_input',
        actionKey,
      },
    );
  }
  const objects = documents
    .filter((document) => document !== null && document !== undefined)
    .flatMap((document) => (isList(document) ? document.items : [document]));
  if (objects.length === 0)
    throw new ConnectorError('the manifest has no objects', { kind: 'invalid_input', actionKey });
  return objects.map((object, index) => {
    if (
      !isObject(object) ||
      typeof object.apiVersion !== 'string' ||
      typeof object.kind !== 'string' ||
      !object.metadata?.name
    ) {
      throw new ConnectorError(`object ${index + 1} of the manifest lacks apiVersion, kind or metadata.name`, {
        kind: 'invalid_input',
        actionKey,
      });
    }
    return object;
  });
}

function isObject(value: unknown): value is KubernetesObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isList(value: unknown): value is { items: unknown[] } {
  return (
    isObject(value) &&
    typeof value.kind === 'string' &&
    value.kind.endsWith('List') &&
    'items' in value &&
    Array.isArray(value.items)
  );
}

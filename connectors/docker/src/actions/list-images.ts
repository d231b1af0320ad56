import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDocker } from '../client.js';
import { fieldsOf, isoFromSeconds, stringRecord, text } from '../schemas.js';

export const listImages = defineAction({
  auth,
  key: 'images.list',
  title: 'List images',
  description:
    'Lists the images on the daemon (docker images), optionally only those matching a reference or only dangling ones.',
  input: Type.Object({
    reference: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only images matching this reference, wildcards allowed: nginx, acme/*:2.*',
      }),
    ),
    dangling: Type.Optional(
      Type.Boolean({ description: 'true: only untagged (dangling) images; false: only tagged ones' }),
    ),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only images with these labels: key or key=value' }),
    ),
  }),
  output: Type.Object({
    images: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Image ID (sha256:…)' }),
        repoTags: Type.Array(Type.String(), { description: 'Tags, e.g. nginx:1.27' }),
        repoDigests: Type.Array(Type.String(), { description: 'Digests, e.g. nginx@sha256:…' }),
        created: Type.String({ description: 'When it was built (ISO 8601)' }),
        size: Type.Integer({ description: 'Size in bytes' }),
        labels: Type.Record(Type.String(), Type.String(), { description: 'Labels' }),
      }),
      { description: 'The images' },
    ),
  }),
  examples: [{ title: 'Every nginx image', input: { reference: 'nginx' } }],
  async run({ input, auth, ctx }) {
    const filters = {
      ...(input.reference ? { reference: [input.reference] } : {}),
      ...(input.dangling === undefined ? {} : { dangling: [String(input.dangling)] }),
      ...(input.labels ? { label: input.labels } : {}),
    };
    const images = await withDocker(auth, ctx, (docker) =>
      docker.listImages({
        ...(Object.keys(filters).length > 0 ? { filters: JSON.stringify(filters) } : {}),
        abortSignal: ctx.signal,
      }),
    );
    return {
      images: images.map((value) => {
        const image = fieldsOf(value);
        const list = (v: unknown) =>
          Array.isArray(v) ? v.map(String).filter((s) => s !== '<none>:<none>' && s !== '<none>@<none>') : [];
        return {
          id: text(image.Id),
          repoTags: list(image.RepoTags),
          repoDigests: list(image.RepoDigests),
          created: isoFromSeconds(image.Created),
          size: typeof image.Size === 'number' ? image.Size : 0,
          labels: stringRecord(image.Labels),
        };
      }),
    };
  },
});

import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { registryAuth, withDocker } from '../client.js';
import { fieldsOf, text } from '../schemas.js';

export const pullImage = defineAction({
  auth,
  key: 'images.pull',
  title: 'Pull an image',
  description:
    "Pulls an image from its registry onto the daemon (docker pull) and waits until it is there, with the connection's registry credentials for private images.",
  input: Type.Object({
    image: Type.String({
      pattern: '^[a-z0-9][a-z0-9._/:@-]*$',
      description: 'Image reference: nginx, nginx:1.27, ghcr.io/acme/api:2.4.1 or name@sha256:…',
    }),
    platform: Type.Optional(
      Type.String({ pattern: '^[a-z0-9]+/[a-z0-9]+(/[a-z0-9]+)?$', description: 'Platform to pull, e.g. linux/arm64' }),
    ),
  }),
  output: Type.Object({
    image: Type.String({ description: 'The reference pulled (with :latest when no tag was given)' }),
    status: Type.String({
      description: 'The daemon’s last word, e.g. "Status: Downloaded newer image for nginx:1.27"',
    }),
    digest: Type.Union([Type.String(), Type.Null()], {
      description: 'Content digest (sha256:…) the registry reported',
    }),
  }),
  examples: [{ input: { image: 'nginx:1.27-alpine' } }],
  async run({ input, auth, ctx }) {
    const reference = hasTagOrDigest(input.image) ? input.image : `${input.image}:latest`;
    const credentials = registryAuth(auth);
    const progress = await withDocker(auth, ctx, async (docker) => {
      const stream = await docker.pull(reference, {
        ...(input.platform ? { platform: input.platform } : {}),
        ...(credentials ? { authconfig: credentials } : {}),
        abortSignal: ctx.signal,
      });
      const lines = await new Promise<unknown[]>((resolve, reject) =>
        docker.modem.followProgress(stream, (error: unknown, output: unknown[]) =>
          error ? reject(error) : resolve(output),
        ),
      );
      // The daemon reports a failed pull inside the 200 stream: { "error": …, "errorDetail": { "message": … } }.
      const failed = lines.map(fieldsOf).find((line) => line.error !== undefined || line.errorDetail !== undefined);
      if (failed) {
        const message = text(fieldsOf(failed.errorDetail).message) || text(failed.error);
        throw Object.assign(new Error(`pull of ${reference} failed: ${message}`), {
          pullError: true,
          json: { message },
        });
      }
      return lines.map(fieldsOf);
    });
    const statuses = progress.map((line) => text(line.status)).filter(Boolean);
    const digest = statuses.map((s) => /^Digest: (sha256:[0-9a-f]{64})$/.exec(s)?.[1]).find(Boolean) ?? null;
    return { image: reference, status: statuses.at(-1) ?? '', digest };
  },
});

/** Whether a reference names a tag or digest: a `:` after the last `/`, or an `@`. */
function hasTagOrDigest(reference: string): boolean {
  return reference.includes('@') || reference.slice(reference.lastIndexOf('/') + 1).includes(':');
}

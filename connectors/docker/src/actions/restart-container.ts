import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDocker } from '../client.js';
import { containerField } from '../schemas.js';

export const restartContainer = defineAction({
  auth,
  key: 'containers.restart',
  title: 'Restart a container',
  description: 'Restarts a container (docker restart): stops it if it runs, then starts it.',
  input: Type.Object({
    container: containerField,
    timeoutSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 3600,
        description: 'Seconds to wait before killing it (default: its own, usually 10)',
      }),
    ),
  }),
  output: Type.Object({ container: Type.String({ description: 'The container, as given' }) }),
  examples: [{ input: { container: 'web' }, output: { container: 'web' } }],
  async run({ input, auth, ctx }) {
    await withDocker(auth, ctx, (docker) =>
      docker.getContainer(input.container).restart({
        ...(input.timeoutSeconds === undefined ? {} : { t: input.timeoutSeconds }),
        abortSignal: ctx.signal,
      }),
    );
    return { container: input.container };
  },
});

import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDocker } from '../client.js';
import { containerField } from '../schemas.js';
import { notModified } from '../state-change.js';

export const stopContainer = defineAction({
  auth,
  key: 'containers.stop',
  title: 'Stop a container',
  description:
    'Stops a running container (docker stop): its stop signal, then SIGKILL after the timeout. A container already stopped is left as it is.',
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
  output: Type.Object({
    container: Type.String({ description: 'The container, as given' }),
    changed: Type.Boolean({ description: 'false when it was already stopped' }),
  }),
  examples: [{ input: { container: 'worker', timeoutSeconds: 30 }, output: { container: 'worker', changed: true } }],
  async run({ input, auth, ctx }) {
    const changed = await withDocker(auth, ctx, (docker) =>
      notModified(
        docker.getContainer(input.container).stop({
          ...(input.timeoutSeconds === undefined ? {} : { t: input.timeoutSeconds }),
          abortSignal: ctx.signal,
        }),
      ),
    );
    return { container: input.container, changed };
  },
});

import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDocker } from '../client.js';
import { containerField } from '../schemas.js';
import { notModified } from '../state-change.js';

export const startContainer = defineAction({
  auth,
  key: 'containers.start',
  title: 'Start a container',
  description: 'Starts a created or stopped container (docker start). A container already running is left as it is.',
  input: Type.Object({ container: containerField }),
  output: Type.Object({
    container: Type.String({ description: 'The container, as given' }),
    changed: Type.Boolean({ description: 'false when it was already running' }),
  }),
  examples: [{ input: { container: 'worker' }, output: { container: 'worker', changed: true } }],
  async run({ input, auth, ctx }) {
    const changed = await withDocker(auth, ctx, (docker) =>
      notModified(docker.getContainer(input.container).start({ abortSignal: ctx.signal })),
    );
    return { container: input.container, changed };
  },
});

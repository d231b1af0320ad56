import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { openStream, withDocker } from '../client.js';
import { readOutput } from '../output.js';
import { containerField, maxBytesField, outputSchema } from '../schemas.js';

export const execCommand = defineAction({
  auth,
  key: 'containers.exec',
  title: 'Run a command in a container',
  description:
    'Runs a command in a running container (docker exec), waits for it to end and gives its exit code and what it wrote to stdout and stderr. A non-zero exit code is reported, not failed.',
  input: Type.Object({
    container: containerField,
    command: Type.Array(Type.String(), {
      minItems: 1,
      description: 'Program and arguments, e.g. ["pg_dump", "-U", "app"]; for a shell line use ["sh", "-c", "…"]',
    }),
    env: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }), Type.String(), {
        description: 'Extra environment variables for the command',
      }),
    ),
    workingDir: Type.Optional(
      Type.String({ minLength: 1, description: 'Directory to run it in, inside the container' }),
    ),
    user: Type.Optional(
      Type.String({ minLength: 1, description: 'User (and group) to run it as: name, uid or uid:gid' }),
    ),
    maxBytes: maxBytesField,
  }),
  output: Type.Object({
    exitCode: Type.Integer({ description: 'Exit code of the command (0: success)' }),
    ...outputSchema,
  }),
  examples: [
    {
      title: 'Check disk use',
      input: { container: 'web', command: ['df', '-h', '/'] },
    },
  ],
  async run({ input, auth, ctx }) {
    return withDocker(auth, ctx, async (docker) => {
      const exec = await docker.getContainer(input.container).exec({
        Cmd: input.command,
        AttachStdout: true,
        AttachStderr: true,
        AttachStdin: false,
        Tty: false,
        ...(input.env ? { Env: Object.entries(input.env).map(([key, value]) => `${key}=${value}`) } : {}),
        ...(input.workingDir ? { WorkingDir: input.workingDir } : {}),
        ...(input.user ? { User: input.user } : {}),
        abortSignal: ctx.signal,
      });
      // Without Upgrade the daemon answers 200 and writes the multiplexed output until the command ends.
      const stream = await openStream(
        docker,
        { method: 'POST', path: `/exec/${exec.id}/start`, options: { Detach: false, Tty: false }, signal: ctx.signal },
        { 200: true, 404: 'no such exec', 409: 'container stopped/paused' },
      );
      const output = await readOutput(stream, input.maxBytes, false);
      const { ExitCode, Running } = await exec.inspect({ abortSignal: ctx.signal });
      // Output cut at the cap leaves the command running; its exit code is not known yet.
      return { exitCode: Running ? -1 : (ExitCode ?? -1), ...output };
    });
  },
});

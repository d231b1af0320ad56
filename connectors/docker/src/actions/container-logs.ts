import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { openStream, withDocker } from '../client.js';
import { readOutput } from '../output.js';
import { containerField, maxBytesField, outputSchema } from '../schemas.js';

export const containerLogs = defineAction({
  auth,
  key: 'containers.logs',
  title: 'Read container logs',
  description:
    'Reads what a container wrote to stdout and stderr (docker logs), the last lines or since a time, without following. Works for the json-file, local and journald log drivers.',
  input: Type.Object({
    container: containerField,
    tail: Type.Integer({ minimum: 0, default: 100, description: 'Last lines to read (default 100; 0 for none)' }),
    all: Type.Boolean({ default: false, description: 'Read every line instead of the last tail lines' }),
    since: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only lines written after this time (ISO 8601)' }),
    ),
    until: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only lines written before this time (ISO 8601)' }),
    ),
    timestamps: Type.Boolean({ default: false, description: 'Start each line with its RFC 3339 timestamp' }),
    stdout: Type.Boolean({ default: true, description: 'Include standard output' }),
    stderr: Type.Boolean({ default: true, description: 'Include standard error' }),
    maxBytes: maxBytesField,
  }),
  output: Type.Object(outputSchema),
  examples: [{ title: 'Last 50 lines with timestamps', input: { container: 'web', tail: 50, timestamps: true } }],
  async run({ input, auth, ctx }) {
    const seconds = (iso: string | undefined) => (iso === undefined ? undefined : Math.floor(Date.parse(iso) / 1000));
    return withDocker(auth, ctx, async (docker) => {
      const container = docker.getContainer(input.container);
      // A TTY container's log is one raw stream; the others are multiplexed frames.
      const { Config } = await container.inspect({ abortSignal: ctx.signal });
      const stream = await openStream(
        docker,
        {
          method: 'GET',
          path: `/containers/${encodeURIComponent(input.container)}/logs?`,
          options: {
            stdout: input.stdout,
            stderr: input.stderr,
            tail: input.all ? 'all' : String(input.tail),
            timestamps: input.timestamps,
            follow: false,
            ...(input.since ? { since: seconds(input.since) } : {}),
            ...(input.until ? { until: seconds(input.until) } : {}),
          },
          signal: ctx.signal,
        },
        { 200: true, 404: 'no such container', 500: 'server error' },
      );
      return readOutput(stream, input.maxBytes, Config?.Tty === true);
    });
  },
});

import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDocker } from '../client.js';
import { containerField, fieldsOf, stringRecord, text, textOrNull } from '../schemas.js';

export const inspectContainer = defineAction({
  auth,
  key: 'containers.inspect',
  title: 'Inspect a container',
  description:
    'Reads a container like docker inspect: its state (running, exit code, health, times), image, command, labels, restart count and network addresses.',
  input: Type.Object({ container: containerField }),
  output: Type.Object({
    id: Type.String({ description: 'Container ID' }),
    name: Type.String({ description: 'Name, without the leading /' }),
    image: Type.String({ description: 'Image as given at creation (Config.Image)' }),
    imageId: Type.String({ description: 'ID of the image' }),
    created: Type.String({ description: 'When it was created (ISO 8601)' }),
    state: Type.Object(
      {
        status: Type.String({ description: 'created, running, paused, restarting, removing, exited or dead' }),
        running: Type.Boolean({ description: 'Whether it runs now' }),
        exitCode: Type.Integer({ description: 'Exit code of the last run' }),
        error: Type.Union([Type.String(), Type.Null()], { description: 'Error the daemon met starting it, if any' }),
        oomKilled: Type.Boolean({ description: 'Whether the kernel killed it for memory' }),
        startedAt: Type.Union([Type.String(), Type.Null()], { description: 'Last start (ISO 8601)' }),
        finishedAt: Type.Union([Type.String(), Type.Null()], { description: 'Last stop (ISO 8601)' }),
        health: Type.Union([Type.String(), Type.Null()], {
          description: 'starting, healthy or unhealthy; null without a health check',
        }),
      },
      { description: 'Its state' },
    ),
    command: Type.Array(Type.String(), { description: 'Entrypoint and command' }),
    labels: Type.Record(Type.String(), Type.String(), { description: 'Labels' }),
    restartCount: Type.Integer({ description: 'Restarts by its restart policy' }),
    networks: Type.Record(Type.String(), Type.String(), {
      description: 'IP address in each network it is attached to',
    }),
  }),
  examples: [{ input: { container: 'web' } }],
  async run({ input, auth, ctx }) {
    const info = await withDocker(auth, ctx, (docker) =>
      docker.getContainer(input.container).inspect({ abortSignal: ctx.signal }),
    );
    const state = fieldsOf(info.State);
    const config = fieldsOf(info.Config);
    const networks = fieldsOf(fieldsOf(info.NetworkSettings).Networks);
    const time = (value: unknown) => {
      const t = textOrNull(value);
      return t && !t.startsWith('0001-01-01') ? t : null;
    };
    const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : []);
    return {
      id: info.Id,
      name: text(info.Name).replace(/^\//, ''),
      image: text(config.Image),
      imageId: text(info.Image),
      created: text(info.Created),
      state: {
        status: text(state.Status),
        running: state.Running === true,
        exitCode: typeof state.ExitCode === 'number' ? state.ExitCode : 0,
        error: textOrNull(state.Error),
        oomKilled: state.OOMKilled === true,
        startedAt: time(state.StartedAt),
        finishedAt: time(state.FinishedAt),
        health: textOrNull(fieldsOf(state.Health).Status),
      },
      command: [...list(config.Entrypoint), ...list(config.Cmd)],
      labels: stringRecord(config.Labels),
      restartCount: typeof info.RestartCount === 'number' ? info.RestartCount : 0,
      networks: Object.fromEntries(Object.entries(networks).map(([name, n]) => [name, text(fieldsOf(n).IPAddress)])),
    };
  },
});

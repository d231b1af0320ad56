import { type Static, Type } from '@mova/sdk';

export const containerField = Type.String({
  pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$',
  description: 'Container name (e.g. web) or ID (full or a unique prefix)',
});

export const maxBytesField = Type.Integer({
  minimum: 1,
  maximum: 10 * 1024 * 1024,
  default: 1024 * 1024,
  description: 'Most bytes of output to keep (default 1 MiB, at most 10 MiB); more is cut and truncated is true',
});

export const outputSchema = {
  stdout: Type.String({ description: 'What was written to standard output (UTF-8)' }),
  stderr: Type.String({
    description: 'What was written to standard error (UTF-8); empty for a TTY, which merges both',
  }),
  truncated: Type.Boolean({ description: 'Whether output was cut at maxBytes' }),
};

export const containerSummarySchema = Type.Object({
  id: Type.String({ description: 'Container ID (64 hex characters)' }),
  names: Type.Array(Type.String(), { description: 'Names, without the leading /' }),
  image: Type.String({ description: 'Image it was created from, as given' }),
  imageId: Type.String({ description: 'ID of that image' }),
  command: Type.String({ description: 'Command it runs' }),
  state: Type.String({ description: 'created, running, paused, restarting, removing, exited or dead' }),
  status: Type.String({ description: 'Human status, e.g. Up 2 hours or Exited (0) 3 minutes ago' }),
  created: Type.String({ description: 'When it was created (ISO 8601)' }),
  labels: Type.Record(Type.String(), Type.String(), { description: 'Labels' }),
  ports: Type.Array(
    Type.Object({
      privatePort: Type.Integer({ description: 'Port inside the container' }),
      publicPort: Type.Union([Type.Integer(), Type.Null()], { description: 'Port published on the host, if any' }),
      type: Type.String({ description: 'tcp, udp or sctp' }),
      ip: Type.Union([Type.String(), Type.Null()], { description: 'Host address it is published on' }),
    }),
    { description: 'Exposed and published ports' },
  ),
});
export type ContainerSummary = Static<typeof containerSummarySchema>;

type Json = Record<string, unknown>;
export function fieldsOf(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : {};
}
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const textOrNull = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
export const stringRecord = (value: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries(fieldsOf(value)).map(([key, v]) => [key, String(v)]));
/** Unix seconds as ISO 8601. */
export const isoFromSeconds = (value: unknown): string =>
  typeof value === 'number' ? new Date(value * 1000).toISOString() : '';

export function toContainerSummary(value: unknown): ContainerSummary {
  const c = fieldsOf(value);
  return {
    id: text(c.Id),
    names: Array.isArray(c.Names) ? c.Names.map((n) => String(n).replace(/^\//, '')) : [],
    image: text(c.Image),
    imageId: text(c.ImageID),
    command: text(c.Command),
    state: text(c.State),
    status: text(c.Status),
    created: isoFromSeconds(c.Created),
    labels: stringRecord(c.Labels),
    ports: Array.isArray(c.Ports)
      ? c.Ports.map((p) => {
          const port = fieldsOf(p);
          return {
            privatePort: typeof port.PrivatePort === 'number' ? port.PrivatePort : 0,
            publicPort: typeof port.PublicPort === 'number' ? port.PublicPort : null,
            type: text(port.Type),
            ip: textOrNull(port.IP),
          };
        })
      : [],
  };
}

import { type Static, Type } from '@mova/sdk';

/** The fields of a SQLite connection: the database file and how to open it. */
export const connectionFields = Type.Object({
  filename: Type.String({
    minLength: 2,
    pattern: '^(/|[A-Za-z]:[\\\\/])',
    description:
      'Absolute path of the database file, e.g. /var/lib/app/data.db. The sandbox lets the connector open this file, its -journal beside it and nothing else.',
  }),
  create: Type.Boolean({
    default: false,
    description:
      'Create an empty database when the file does not exist (default false: a missing file is a not_found error, so a mistyped path is not silently a new database)',
  }),
  readOnly: Type.Boolean({
    default: false,
    description: 'Open the database read-only: every write fails (default false)',
  }),
  busyTimeoutMs: Type.Integer({
    minimum: 0,
    maximum: 600_000,
    default: 5000,
    description:
      'How long a call waits, in ms, for another run that is writing to the database to finish before it fails as transient (default 5000)',
  }),
  foreignKeys: Type.Boolean({
    default: true,
    description: "Enforce FOREIGN KEY constraints (default true; SQLite's own default is off)",
  }),
});

export type Connection = Static<typeof connectionFields>;

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConnectorStore } from '@mova/runtime';
import { emptyLockfile, type Lockfile, lockRange } from '@mova/runtime/lockfile';
import { Auth, buildManifest, defineAction, defineConnector, MANIFEST_FILE, Type } from '@mova/sdk';

export const TRACKER = '@mova/connector-tracker';

/** A small connector with the input shapes an editor meets: required text, a number with a default, an enum, a list. */
function tracker() {
  return defineConnector({
    name: 'tracker',
    title: 'Tracker',
    description: 'Tracks tickets (test fixture)',
    categories: ['developer-tools'],
    auth: Auth.bearer(),
    actions: [
      defineAction({
        key: 'tickets.create',
        title: 'Create a ticket',
        description: 'Opens a ticket in a queue',
        input: Type.Object({
          queue: Type.String({ minLength: 1, description: 'The queue to open it in' }),
          title: Type.String({ minLength: 1, description: 'One line saying what is wrong' }),
          priority: Type.Optional(
            Type.Integer({ minimum: 1, maximum: 5, default: 3, description: 'From 1 (urgent) to 5' }),
          ),
          kind: Type.Optional(Type.Union([Type.Literal('bug'), Type.Literal('task')], { description: 'What it is' })),
          labels: Type.Optional(Type.Array(Type.String(), { description: 'Labels to add' })),
        }),
        output: Type.Object({ id: Type.Integer() }),
        examples: [{ input: { queue: 'ops', title: 'Disk full' }, output: { id: 1 } }],
        async run() {
          return { id: 1 };
        },
      }),
      defineAction({
        key: 'tickets.close',
        title: 'Close a ticket',
        description: 'Closes a ticket by id',
        input: Type.Object({ id: Type.Integer({ description: 'The ticket id' }) }),
        output: Type.Object({ closed: Type.Boolean() }),
        examples: [{ input: { id: 7 }, output: { closed: true } }],
        async run() {
          return { closed: true };
        },
      }),
    ],
    network: { allow: ['tracker.test'] },
  });
}

/**
 * A workflow project as `mova-connector install` leaves it: the connector version in the
 * content store under `<dataDir>/connectors` and mova.lock.json pinning it for `^1`. The bundle is
 * a placeholder: schema and check read manifests only, nothing runs.
 */
export async function lockedProject(dir: string, dataDir: string): Promise<Lockfile> {
  const source = join(dir, '.tracker-build');
  await mkdir(join(source, 'dist'), { recursive: true });
  const manifest = buildManifest(tracker(), { name: TRACKER, version: '1.2.0' });
  await writeFile(join(source, MANIFEST_FILE), JSON.stringify(manifest));
  await writeFile(join(source, 'dist', 'connector.mjs'), 'export default {};\n');
  const stored = await new ConnectorStore(join(dataDir, 'connectors')).add(source);
  const lock = lockRange(emptyLockfile(), TRACKER, '^1', '1.2.0', {
    resolved: 'http://127.0.0.1:4873/@mova/connector-tracker/-/connector-tracker-1.2.0.tgz',
    integrity: `sha512-${'A'.repeat(86)}==`,
    contentIntegrity: stored.integrity,
    registry: 'http://127.0.0.1:4873/',
  });
  await writeFile(join(dir, 'mova.lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return lock;
}

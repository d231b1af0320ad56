import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorProject } from '../project.js';
import { checkProject } from './check-project.js';

const undocumented = defineAction({
  key: 'things.get',
  title: 'Get a thing',
  input: Type.Object({ id: Type.String() }),
  output: Type.Object({ id: Type.String() }),
  async run({ input }) {
    return { id: input.id };
  },
});

const manifest = buildManifest(
  defineConnector({
    name: 'acme',
    title: 'Acme',
    description: 'Acme things',
    categories: ['x'],
    auth: Auth.none(),
    actions: [undocumented],
  }),
  { name: 'connector-acme', version: '0.1.0' },
);

describe('checkProject', () => {
  let dir: string;
  let project: ConnectorProject;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-check-'));
    project = {
      dir,
      name: 'connector-acme',
      version: '0.1.0',
      entry: join(dir, 'src', 'index.ts'),
      sources: [],
      bundle: join(dir, 'dist', 'connector.mjs'),
      manifest: join(dir, 'mova.manifest.json'),
      readme: join(dir, 'README.md'),
    };
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reports the conventions a valid manifest breaks, located in it, and a missing bundle', async () => {
    const issues = await checkProject(project, manifest);
    expect(issues.map((i) => `${i.pointer}: ${i.message}`)).toEqual([
      '/actions/0/description: "things.get" has no description',
      '/actions/0/examples: "things.get" has no example',
      '/actions/0/input/properties/id/description: input field "id" of "things.get" has no description',
      ': the bundle is missing',
    ]);
    expect(issues[0]?.file).toMatch(/mova\.manifest\.json$/);
  });

  it('reports only schema problems on an invalid manifest', async () => {
    const [action] = manifest.actions;
    const broken = { ...manifest, actions: [{ ...action, output: { type: 'strin' } }] };
    const issues = await checkProject(project, broken);
    expect(issues[0]).toMatchObject({ pointer: '/actions/0/output/type', message: 'is not a JSON Schema type' });
    expect(issues.some((i) => i.pointer.endsWith('/description'))).toBe(false);
  });
});

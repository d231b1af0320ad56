import { describe, expect, it } from 'vitest';
import { Auth, defineAction, defineConnector } from '../index.js';
import { Type } from '../schema.js';
import { buildManifest } from './build.js';
import { diffManifests } from './diff.js';
import { validateManifest } from './validate.js';

const Get = {
  title: 'Get an issue',
  async run() {
    throw new Error('not called');
  },
};

function manifest(version: string, actions: ReturnType<typeof defineAction>[]) {
  const connector = defineConnector({
    name: 'tracker',
    title: 'Tracker',
    description: 'Issues',
    categories: ['developer-tools'],
    auth: Auth.none(),
    actions,
  });
  return buildManifest(connector, { name: '@mova/connector-tracker', version });
}

const v1 = manifest('1.0.0', [
  defineAction({
    ...Get,
    key: 'issues.get',
    input: Type.Object({ repo: Type.String(), id: Type.String() }),
    output: Type.Object({ title: Type.String(), author: Type.Object({ login: Type.String() }) }),
  }),
]);

describe('declared renames and deprecations', () => {
  const v2 = manifest('2.0.0', [
    defineAction({
      ...Get,
      key: 'issues.fetch',
      renamedFrom: 'issues.get',
      renamed: { input: [{ from: 'repo', to: 'repository' }], output: [{ from: 'author.login', to: 'author.handle' }] },
      input: Type.Object({ repository: Type.String(), id: Type.String({ deprecated: 'Use number' }) }),
      output: Type.Object({ title: Type.String(), author: Type.Object({ handle: Type.String() }) }),
    }),
  ]);

  it('carries renames and deprecation messages into a valid manifest', () => {
    const [action] = v2.actions;
    expect(action?.renamedFrom).toEqual(['issues.get']);
    expect(action?.renamed).toEqual({
      input: [{ from: 'repo', to: 'repository' }],
      output: [{ from: 'author.login', to: 'author.handle' }],
    });
    expect(action?.deprecated).toEqual({ input: [{ field: 'id', message: 'Use number' }] });
    expect(action?.input.properties).toMatchObject({ id: { type: 'string', deprecated: true } });
    expect(validateManifest(v2)).toEqual([]);
  });

  it('pairs a renamed action and renamed fields instead of reporting removals', () => {
    const { changes } = diffManifests(v1, v2);
    expect(changes).toEqual([
      {
        kind: 'breaking',
        pointer: '/actions/issues.get',
        message: 'action issues.get was renamed to issues.fetch',
        rename: { from: 'issues.get', to: 'issues.fetch' },
      },
      {
        kind: 'breaking',
        pointer: '/actions/issues.get/input/properties/repo',
        message: 'action issues.get: input field "repo" was renamed to "repository"',
        rename: { from: 'repo', to: 'repository' },
      },
      {
        kind: 'breaking',
        pointer: '/actions/issues.get/output/properties/author/properties/login',
        message: 'action issues.get: output field "author.login" was renamed to "author.handle"',
        rename: { from: 'author.login', to: 'author.handle' },
      },
      expect.objectContaining({ kind: 'fix', pointer: '/actions/issues.get/input/properties/id/deprecated' }),
    ]);
  });

  it('reports a removal when the new version does not declare the rename', () => {
    const v3 = manifest('2.0.0', [
      defineAction({
        ...Get,
        key: 'issues.get',
        input: Type.Object({ repository: Type.String(), id: Type.String() }),
        output: Type.Object({ title: Type.String(), author: Type.Object({ login: Type.String() }) }),
      }),
    ]);
    const messages = diffManifests(v1, v3).changes.map((c) => c.message);
    expect(messages).toContain('action issues.get: input field "repo" was removed');
  });
});
